import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { jobQueues } from '../../views/job-queues';

/** BATCH-FACTS: "two CEs with the same order" — Batch tries CEs in ascending order; equal orders leave it undefined. */
export const queueDuplicateOrder: Rule = {
  id: 'BATCH_QUEUE_DUPLICATE_ORDER',
  severity: 'warning',
  title: 'two compute environments with the same order',
  why: 'Batch places jobs on the compute environment with the lowest order first; with equal orders the preference (e.g. Spot before On-Demand) is undefined.',
  fix: 'Give each compute_environment_order entry a distinct order (1, 2, 3).',
  check(model) {
    const out: Finding[] = [];
    for (const q of jobQueues(model)) {
      if (q.deprecatedList) continue; // the deprecated list is ordered by position
      const seen = new Map<number, number>();
      for (const e of q.entries) if (e.order !== undefined) seen.set(e.order, (seen.get(e.order) ?? 0) + 1);
      const dups = [...seen].filter(([, n]) => n > 1).map(([order]) => order);
      if (dups.length > 0) out.push(finding(this, q.resource, `compute_environment_order uses order ${dups.join(', ')} more than once`));
    }
    return out;
  },
};
