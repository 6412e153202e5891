import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { jobQueues } from '../../views/job-queues';

/** BATCH-FACTS: "CE or queue DISABLED" — jobs are not accepted or not scheduled. */
export const queueDisabled: Rule = {
  id: 'BATCH_QUEUE_DISABLED',
  severity: 'warning',
  title: 'disabled queue or compute environment',
  why: 'A DISABLED queue accepts no new jobs, and a DISABLED compute environment takes no jobs from its queues: jobs wait in RUNNABLE.',
  fix: 'Set state = "ENABLED" on the queue and its compute environments, unless the pause is intended.',
  check(model) {
    const out: Finding[] = [];
    for (const q of jobQueues(model)) {
      const disabled = q.entries.flatMap((e) => (e.ce?.state === 'DISABLED' ? [e.ce.resource.address] : []));
      const parts = [
        ...(q.state === 'DISABLED' ? ['the queue is DISABLED'] : []),
        ...(disabled.length > 0 ? [`compute environment ${disabled.join(', ')} DISABLED`] : []),
      ];
      if (parts.length > 0) out.push(finding(this, q.resource, parts.join('; ')));
    }
    return out;
  },
};
