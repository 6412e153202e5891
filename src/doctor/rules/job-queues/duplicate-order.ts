import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { jobQueues } from '../../views/job-queues';

/** Batch tries compute environments in ascending order; equal orders leave the preference undefined (docs/aws-batch-facts.md#job-queues). */
export const queueDuplicateOrder: Rule = {
  id: 'BATCH_QUEUE_DUPLICATE_ORDER',
  severity: 'warning',
  pack: 'batch-readiness',
  title: 'two compute environments with the same order',
  why: 'Batch places jobs on the compute environment with the lowest order first; with equal orders the preference (e.g. Spot before On-Demand) is undefined.',
  fix: 'Give each compute_environment_order entry a distinct order (1, 2, 3).',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeEnvironmentOrder.html',
  check(model) {
    return judgeEach(this, jobQueues(model), (q) => {
      if (q.deprecatedList) return undefined; // the deprecated list is ordered by position
      if (q.entries.length > 1 && q.entries.some((e) => e.order === undefined)) return { unknown: 'a compute_environment_order entry has an order that is not a known number' };
      const seen = new Map<number, number>();
      for (const e of q.entries) if (e.order !== undefined) seen.set(e.order, (seen.get(e.order) ?? 0) + 1);
      const dups = [...seen].filter(([, n]) => n > 1).map(([order]) => order);
      return dups.length > 0 ? `compute_environment_order uses order ${dups.join(', ')} more than once` : undefined;
    });
  },
};
