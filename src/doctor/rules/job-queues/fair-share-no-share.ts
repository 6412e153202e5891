import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { isPlainObject, type Resource, type TerraformModel } from '../../terraform/model';
import { QUEUE_TYPE } from '../../views/job-queues';
import { submitters } from '../schedules/submitters';

/**
 * A job queue with a fair-share scheduling policy where nothing in the
 * configuration shows a share identifier. Batch refuses every SubmitJob to
 * such a queue that does not name a share, so the usual submissions (the
 * console's defaults, `aws batch submit-job` without
 * `--share-identifier`, workflow engines) all fail. When a schedule or
 * event target of the configuration submits to the queue, the error
 * BATCH_SCHEDULE_SHARE_IDENTIFIER judges it instead. A warning: whoever
 * submits from outside the configuration may well pass a share.
 * docs/aws-batch-facts.md#fair-share-share-identifiers
 */
export const queueFairShareNoShare: Rule = {
  id: 'BATCH_QUEUE_FAIR_SHARE_NO_SHARE',
  severity: 'warning',
  pack: 'batch-readiness',
  title: 'fair-share queue, and no share identifier anywhere',
  why: 'A job queue with a scheduling_policy_arn refuses every SubmitJob that does not name a share identifier. Nothing in this configuration submits with one (no schedule input, state machine or output mentions a share), so every submitter outside it must pass --share-identifier, and a plain submit-job fails.',
  fix: 'Pass a share identifier on every submission to this queue (aws batch submit-job --share-identifier <share>, shareIdentifier in the SDK, ShareIdentifier in a Scheduler input), or drop scheduling_policy_arn if the queue should be first in, first out.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html',
  check(model) {
    const queues = model.all(QUEUE_TYPE).filter((q) => fairShare(model, q));
    if (queues.length === 0 || mentionsShare(model)) return [];
    return judgeEach(this, queues, (queue) => {
      if (submitters(model).some((s) => model.target(s.jobQueue) === queue)) return undefined;
      return `has a fair-share scheduling policy (scheduling_policy_arn), and nothing in this configuration submits to it with a share identifier: every SubmitJob to it must name one, or Batch refuses the job`;
    });
  },
};

/** scheduling_policy_arn set to a policy of this configuration or a literal ARN; a variable could be null, so it is not judged. */
function fairShare(model: TerraformModel, queue: Resource): boolean {
  const resolved = model.resolve(queue.body['scheduling_policy_arn']);
  if (resolved.kind === 'literal') return resolved.value !== '';
  return resolved.kind === 'resource';
}

const SHARE = /share[_-]?identifier/i;

/**
 * Does a resource other than a scheduling policy (whose share_distribution
 * names the shares), or an output, mention a share identifier: a schedule's
 * input, a state machine, a Lambda's environment, a submit command? Variables
 * and locals are left out: they usually feed the policy's shares.
 */
function mentionsShare(model: TerraformModel): boolean {
  return model.memoize('rules:mentions-share', () => {
    const { resource, output } = model.tf as Record<string, unknown>;
    if (mentions(output)) return true;
    if (!isPlainObject(resource)) return false;
    return Object.entries(resource).some(([type, byName]) => type !== 'aws_batch_scheduling_policy' && mentions(byName));
  });
}

function mentions(value: unknown): boolean {
  if (typeof value === 'string') return SHARE.test(value);
  if (Array.isArray(value)) return value.some(mentions);
  if (isPlainObject(value)) return Object.entries(value).some(([k, v]) => SHARE.test(k) || mentions(v));
  return false;
}
