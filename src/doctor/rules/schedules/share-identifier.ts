import { finding, skip } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { decodeJsonAttribute } from '../../terraform/encoded-json';
import { block, type Resource, type TerraformModel } from '../../terraform/model';
import { SUBMIT_JOB_TARGET } from '../../views/schedules';


type FairShare = 'yes' | 'no' | 'unknown';

/** A queue has fair share when scheduling_policy_arn is set; a variable could be null, so it is not judged. */
function fairShare(model: TerraformModel, queue: Resource): FairShare {
  const resolved = model.resolve(queue.body['scheduling_policy_arn']);
  if (resolved.kind === 'absent') return 'no';
  if (resolved.kind === 'literal') return resolved.value === '' ? 'no' : 'yes';
  return resolved.kind === 'resource' ? 'yes' : 'unknown';
}

/**
 * A scheduled or event-driven submit to a job queue with a fair-share
 * scheduling policy that carries no share identifier: SubmitJob must name a
 * share for such a queue and must not for any other, so every run fails, and
 * only the schedule's or rule's error metrics show it. EventBridge's
 * batch_target has no share identifier field at all (BatchParameters:
 * JobDefinition, JobName, ArrayProperties, RetryStrategy).
 * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html (shareIdentifier)
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_BatchParameters.html
 * docs/aws-batch-facts.md#fair-share-share-identifiers
 */
export const scheduleShareIdentifier: Rule = {
  id: 'BATCH_SCHEDULE_SHARE_IDENTIFIER',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'schedule or event target submits to a fair-share queue without a share identifier',
  why: 'SubmitJob to a job queue with a fair-share scheduling policy must carry a share identifier, and to a queue without one must not. A Scheduler target without ShareIdentifier in its input, or an EventBridge rule\'s batch_target (which cannot send one), fails on every run; nothing but the schedule\'s or rule\'s error metrics shows it.',
  fix: 'Add "ShareIdentifier" (a share of the queue\'s policy) to the Scheduler target\'s input for arn:aws:scheduler:::aws-sdk:batch:submitJob. For an EventBridge rule, submit through such a Scheduler schedule, or a Step Functions state machine that calls batch:submitJob with ShareIdentifier, instead of batch_target.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html',
  check(model: TerraformModel) {
    const out: Finding[] = [];
    for (const schedule of model.all('aws_scheduler_schedule')) {
      const target = block(schedule.body, 'target');
      if (target?.['arn'] !== SUBMIT_JOB_TARGET) continue;
      const input = decodeJsonAttribute(target['input']);
      if (!input) skip(this, schedule, `target.input ${model.why(target['input']) ?? 'is not a JSON object'}`);
      const queue = input && model.target(input['JobQueue']);
      if (!queue || queue.type !== 'aws_batch_job_queue') continue;
      const share = input['ShareIdentifier'];
      const hasShare = share !== undefined && share !== null && share !== '';
      const fair = fairShare(model, queue);
      if (fair === 'yes' && !hasShare) {
        out.push(
          finding(
            this,
            schedule,
            `submits to ${queue.address}, which has a fair-share scheduling policy, with no ShareIdentifier in its input: every run fails`,
            `Add "ShareIdentifier": "<share>" to target.input, with a share of the scheduling policy of ${queue.address}.`,
          ),
        );
      } else if (fair === 'no' && hasShare) {
        out.push(
          finding(
            this,
            schedule,
            `sends ShareIdentifier to ${queue.address}, which has no scheduling policy: Batch refuses a share identifier there`,
            `Remove ShareIdentifier from target.input, or give ${queue.address} a scheduling_policy_arn.`,
          ),
        );
      }
    }
    for (const rule of model.all('aws_cloudwatch_event_target')) {
      if (!block(rule.body, 'batch_target')) continue;
      const queue = model.target(rule.body['arn']);
      if (queue?.type !== 'aws_batch_job_queue' || fairShare(model, queue) !== 'yes') continue;
      out.push(finding(this, rule, `has a batch_target on ${queue.address}, which has a fair-share scheduling policy; EventBridge's Batch target cannot send a share identifier, so every submission fails`));
    }
    return out;
  },
};
