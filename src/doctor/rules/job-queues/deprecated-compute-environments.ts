import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { jobQueues } from '../../views/job-queues';

/**
 * compute_environments carries a DeprecationMessage in provider 5.x
 * ("will be replaced by compute_environment_order") and is gone in 6.x
 * (docs/aws-batch-facts.md#job-queues).
 */
export const queueDeprecatedComputeEnvironments: Rule = {
  id: 'BATCH_QUEUE_DEPRECATED_COMPUTE_ENVIRONMENTS',
  severity: 'warning',
  pack: 'change-safety',
  title: 'job queue uses deprecated compute_environments',
  why: 'compute_environments is deprecated in AWS provider 5.x and removed in 6.x: the configuration stops working on upgrade.',
  fix: 'Replace compute_environments with compute_environment_order blocks ({ order, compute_environment }).',
  link: 'https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/batch/job_queue.go',
  check(model) {
    return judgeEach(this, jobQueues(model), (q) => (q.deprecatedList ? 'uses compute_environments instead of compute_environment_order' : undefined));
  },
};
