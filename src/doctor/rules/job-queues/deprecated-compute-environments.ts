import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { jobQueues } from '../../views/job-queues';

/** BATCH-FACTS: "Use compute_environment_order; compute_environments is deprecated in 5.x and removed in 6.x." */
export const queueDeprecatedComputeEnvironments: Rule = {
  id: 'BATCH_QUEUE_DEPRECATED_COMPUTE_ENVIRONMENTS',
  severity: 'warning',
  title: 'job queue uses deprecated compute_environments',
  why: 'compute_environments is deprecated in AWS provider 5.x and removed in 6.x: the configuration stops working on upgrade.',
  fix: 'Replace compute_environments with compute_environment_order blocks ({ order, compute_environment }).',
  check(model) {
    const out: Finding[] = [];
    for (const q of jobQueues(model)) {
      if (q.deprecatedList) out.push(finding(this, q.resource, 'uses compute_environments instead of compute_environment_order'));
    }
    return out;
  },
};
