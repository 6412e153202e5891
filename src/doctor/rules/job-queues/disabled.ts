import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { jobQueues } from '../../views/job-queues';

/**
 * A DISABLED queue accepts no jobs, a DISABLED compute environment takes
 * none (docs/aws-batch-facts.md#why-jobs-stay-runnable).
 */
export const queueDisabled: Rule = {
  id: 'BATCH_QUEUE_DISABLED',
  severity: 'warning',
  pack: 'batch-readiness',
  title: 'disabled queue or compute environment',
  why: 'A DISABLED queue accepts no new jobs, and a DISABLED compute environment takes no jobs from its queues: jobs wait in RUNNABLE.',
  fix: 'Set state = "ENABLED" on the queue and its compute environments, unless the pause is intended.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateJobQueue.html',
  check(model) {
    return judgeEach(this, jobQueues(model), (q) => {
      const disabled = q.entries.flatMap((e) => (e.ce?.state === 'DISABLED' ? [e.ce.resource.address] : []));
      const state = q.resource.body['state'];
      if (q.state === undefined && state !== undefined && disabled.length === 0) return { unknown: `state ${model.why(state) ?? 'is an expression'}` };
      const parts = [
        ...(q.state === 'DISABLED' ? ['the queue is DISABLED'] : []),
        ...(disabled.length > 0 ? [`compute environment ${disabled.join(', ')} DISABLED`] : []),
      ];
      return parts.length > 0 ? parts.join('; ') : undefined;
    });
  },
};
