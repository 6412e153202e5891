import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { jobQueues } from '../../views/job-queues';

/** A job queue takes up to three compute environments (docs/aws-batch-facts.md#job-queues). */
const MAX_CES = 3;

export const queueTooManyCes: Rule = {
  id: 'BATCH_QUEUE_TOO_MANY_CES',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'more than 3 compute environments in a queue',
  why: 'A job queue can reference at most three compute environments; AWS Batch refuses more and the apply fails.',
  fix: 'Keep at most three compute environments per queue (allow more instance types per environment instead).',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateJobQueue.html',
  check(model) {
    // Counted from the written entries, known or not: the limit is on the list.
    return judgeEach(this, jobQueues(model), (q) => (q.entries.length > MAX_CES ? `has ${q.entries.length} compute environments (at most ${MAX_CES})` : undefined));
  },
};
