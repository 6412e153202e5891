import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { pinsByResource, revisionPins, type RevisionPin } from './revision-pins';

/**
 * A schedule, event target or Step Functions state machine that names one
 * job definition revision where the latest ACTIVE one would do
 * (docs/aws-batch-facts.md#revision-pinned-schedule-targets):
 *
 * - `aws_batch_job_definition.<x>.arn` is the revision ARN. Terraform does
 *   re-point the target in the same apply (the provider marks `arn` unknown
 *   when the definition changes), but only after the job definition's update
 *   has registered the new revision and deregistered the old one; a run in
 *   between, or any run after an apply that stopped before the target (an
 *   error, `-target`), submits the deregistered revision and fails. Provider
 *   5.44 kept the old `arn` after an update
 *   (hashicorp/terraform-provider-aws#36824), which left such targets on the
 *   old revision until the next apply. A warning: the window is short, and
 *   `arn_prefix` closes it for free.
 * - a literal revision of a job definition outside this configuration: when
 *   its owner registers the next revision, the usual tools (this provider,
 *   CloudFormation) deregister this one.
 * - a literal revision of one of ours that is never deregistered
 *   (`deregister_on_new_revision = false`): the schedule runs that revision
 *   forever, never a newer one.
 */
export const scheduleRevisionArn: Rule = {
  id: 'BATCH_SCHEDULE_REVISION_ARN',
  severity: 'warning',
  pack: 'change-safety',
  title: 'schedule, event target or state machine names one job definition revision',
  why: 'A revision ARN (aws_batch_job_definition.<name>.arn, or a literal name:revision) pins one revision. When the job definition changes, the provider registers the new revision and deregisters the old one before Terraform updates the target, so a run in that window, or after an apply that stops before the target, submits an INACTIVE revision and fails; a literal revision of a job definition managed elsewhere fails as soon as its owner registers the next one.',
  fix: 'Submit by arn_prefix (the latest ACTIVE revision): JobDefinition = aws_batch_job_definition.<name>.arn_prefix, or the job definition\'s name without a revision.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html',
  check(model) {
    return judgeEach(this, pinsByResource(revisionPins(model)), ({ pins }) => {
      const said = pins.map(judgePin).filter((j): j is { message: string; fix: string } => j !== undefined);
      if (said.length === 0) return undefined;
      return { message: said.map((j) => j.message).join('; '), fix: [...new Set(said.map((j) => j.fix))].join(' ') };
    });
  },
};

function judgePin(pin: RevisionPin): { message: string; fix: string } | undefined {
  const field = pin.submitter.jobDefinitionField;
  if (pin.kind === 'reference') {
    return {
      message: `${field} is ${pin.job.address}.${pin.attribute}, one revision: after each change to it, runs until Terraform has re-pointed the target (or after an apply that stopped before it) submit the deregistered revision and fail`,
      fix: `Use \${${pin.job.address}.arn_prefix}: Batch then runs the latest ACTIVE revision and the target never changes.`,
    };
  }
  if (!pin.job) {
    return {
      message: `${field} pins revision ${pin.revision} of ${pin.name}, a job definition outside this configuration: once its owner registers a new revision and deregisters this one, every run fails`,
      fix: `Submit ${pin.name} without a revision (its latest ACTIVE one), e.g. arn:...:job-definition/${pin.name}.`,
    };
  }
  if (!pin.deregisters) {
    return {
      message: `${field} pins revision ${pin.revision} of ${pin.job.address}, which keeps old revisions (deregister_on_new_revision = false): the target runs revision ${pin.revision} forever, never the newer ones`,
      fix: `Use \${${pin.job.address}.arn_prefix} to run the latest revision.`,
    };
  }
  return undefined; // a literal revision of ours that is deregistered: BATCH_SCHEDULE_DEREGISTERED_REVISION
}
