import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { jobQueues } from '../../views/job-queues';

/** BATCH-FACTS: "more than 3 CEs in a queue" — the API allows up to three compute environments per queue. */
const MAX_CES = 3;

export const queueTooManyCes: Rule = {
  id: 'BATCH_QUEUE_TOO_MANY_CES',
  severity: 'error',
  title: 'more than 3 compute environments in a queue',
  why: 'A job queue can reference at most three compute environments; AWS Batch refuses more and the apply fails.',
  fix: 'Keep at most three compute environments per queue (allow more instance types per environment instead).',
  check(model) {
    const out: Finding[] = [];
    for (const q of jobQueues(model)) {
      // Counted from the written entries, known or not: the limit is on the list.
      if (q.entries.length > MAX_CES) out.push(finding(this, q.resource, `has ${q.entries.length} compute environments (at most ${MAX_CES})`));
    }
    return out;
  },
};
