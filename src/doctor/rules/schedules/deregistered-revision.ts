import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { pinsByResource, revisionPins, type RevisionPin } from './revision-pins';

/**
 * A schedule, event target or Step Functions state machine that names a
 * job definition revision as a literal (`...:job-definition/report:3`), of
 * a job definition this configuration manages. The provider's update registers a new revision and
 * then deregisters the one before it (`resourceJobDefinitionUpdate`,
 * `deregister_on_new_revision` defaults to true), and nothing re-points a
 * literal: from the next change on, every run submits an INACTIVE revision,
 * which Batch refuses, and only the schedule's or rule's error metrics show
 * it. docs/aws-batch-facts.md#revision-pinned-schedule-targets
 */
export const scheduleDeregisteredRevision: Rule = {
  id: 'BATCH_SCHEDULE_DEREGISTERED_REVISION',
  severity: 'error',
  pack: 'change-safety',
  title: 'schedule, event target or state machine pins a revision the next change deregisters',
  why: 'The target names one revision of a job definition this configuration manages, written as a literal. The next change to the job definition registers a new revision and deregisters this one (deregister_on_new_revision defaults to true), and nothing updates the literal: from then on every run submits an INACTIVE revision and fails, visible only in the schedule\'s or rule\'s error metrics.',
  fix: 'Submit the job definition by its arn_prefix (the latest ACTIVE revision): JobDefinition = aws_batch_job_definition.<name>.arn_prefix (or its name).',
  link: 'https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/batch/job_definition.go',
  check(model) {
    return judgeEach(this, pinsByResource(revisionPins(model)), ({ pins }) => {
      const pinned = pins.filter((pin): pin is Extract<RevisionPin, { kind: 'literal' }> => pin.kind === 'literal' && pin.job !== undefined && pin.deregisters);
      if (pinned.length === 0) return undefined;
      const said = pinned.map((pin) => ({
        message: `${pin.submitter.jobDefinitionField} is revision ${pin.revision} of ${pin.job!.address} (${pin.name}:${pin.revision}), written as a literal: the next change to ${pin.job!.address} deregisters it and every run after that fails`,
        fix: `Use \${${pin.job!.address}.arn_prefix} instead of the literal revision.`,
      }));
      return { message: said.map((j) => j.message).join('; '), fix: [...new Set(said.map((j) => j.fix))].join(' ') };
    });
  },
};
