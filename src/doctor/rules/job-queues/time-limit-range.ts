import { finding, skip } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { blocks, literalNumber } from '../../terraform/model';
import { jobQueues } from '../../views/job-queues';

/**
 * job_state_time_limit_action max_time_seconds is 600 to 86400; the API
 * refuses other values (docs/aws-batch-facts.md#job-queues).
 */
const MIN = 600;
const MAX = 86_400;

export const queueTimeLimitRange: Rule = {
  id: 'BATCH_QUEUE_TIME_LIMIT_RANGE',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'job_state_time_limit_action max_time_seconds outside 600-86400',
  why: 'A job queue can cancel jobs stuck in RUNNABLE after max_time_seconds, which must be 600 to 86400; AWS Batch refuses other values and the apply fails.',
  fix: 'Set max_time_seconds between 600 (10 minutes) and 86400 (24 hours).',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_JobStateTimeLimitAction.html',
  check(model) {
    // One finding per action block: a queue may have several.
    return jobQueues(model).flatMap((q) =>
      (blocks(q.resource.body, 'job_state_time_limit_action') ?? []).flatMap((action) => {
        const seconds = literalNumber(action['max_time_seconds']);
        if (seconds === undefined && action['max_time_seconds'] !== undefined) skip(this, q.resource, `job_state_time_limit_action.max_time_seconds ${model.why(action['max_time_seconds']) ?? 'is an expression'}`);
        return seconds !== undefined && (seconds < MIN || seconds > MAX)
          ? [finding(this, q.resource, `job_state_time_limit_action max_time_seconds ${seconds} is outside ${MIN}-${MAX}`)]
          : [];
      }),
    );
  },
};
