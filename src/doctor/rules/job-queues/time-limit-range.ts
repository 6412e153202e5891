import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { blocks, literalNumber } from '../../terraform/model';
import { jobQueues } from '../../views/job-queues';

/** BATCH-FACTS: job_state_time_limit_action max_time_seconds is 600 to 86400; the API refuses other values. */
const MIN = 600;
const MAX = 86_400;

export const queueTimeLimitRange: Rule = {
  id: 'BATCH_QUEUE_TIME_LIMIT_RANGE',
  severity: 'error',
  title: 'job_state_time_limit_action max_time_seconds outside 600-86400',
  why: 'A job queue can cancel jobs stuck in RUNNABLE after max_time_seconds, which must be 600 to 86400; AWS Batch refuses other values and the apply fails.',
  fix: 'Set max_time_seconds between 600 (10 minutes) and 86400 (24 hours).',
  check(model) {
    const out: Finding[] = [];
    for (const q of jobQueues(model)) {
      for (const action of blocks(q.resource.body, 'job_state_time_limit_action') ?? []) {
        const seconds = literalNumber(action['max_time_seconds']);
        if (seconds !== undefined && (seconds < MIN || seconds > MAX)) {
          out.push(finding(this, q.resource, `job_state_time_limit_action max_time_seconds ${seconds} is outside ${MIN}-${MAX}`));
        }
      }
    }
    return out;
  },
};
