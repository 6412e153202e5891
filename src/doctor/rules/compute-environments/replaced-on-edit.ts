import { UPDATABLE_ALLOCATION_STRATEGIES } from '../../../aws/compute-environment-updates';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments, serviceRole } from '../../views/compute-environments';

/**
 * Edits update an EC2/SPOT compute environment in place only with the
 * service-linked role and an updatable allocation strategy; otherwise the
 * provider replaces it (docs/aws-batch-facts.md#what-makes-a-compute-environment-updatable).
 * Fargate environments are left out: the provider updates their subnets and
 * security groups in place whatever the role, and they have no instance
 * types, instance role or launch template to edit. Unmanaged environments
 * have no compute resources at all. The two reasons are named one by one,
 * so this rule reads the allocation strategies itself rather than isUpdatable().
 */
export const ceReplacedOnEdit: Rule = {
  id: 'BATCH_CE_REPLACED_ON_EDIT',
  severity: 'warning',
  pack: 'change-safety',
  title: 'BEST_FIT or custom service role: edits replace the compute environment',
  why: 'AWS Batch only updates an EC2 or SPOT compute environment in place (subnets, security groups, instance types, instance role, ...) when it uses the service-linked role and BEST_FIT_PROGRESSIVE or SPOT_CAPACITY_OPTIMIZED; otherwise the provider replaces it, which tears down its instances.',
  fix: 'Drop service_role (Batch then uses its service-linked role) and set allocation_strategy BEST_FIT_PROGRESSIVE (EC2) or SPOT_CAPACITY_OPTIMIZED (SPOT).',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.kind === undefined) return { unknown: ce.why.kind ?? 'type is unknown' };
      if (ce.kind !== 'MANAGED' || ce.fargate === true) return undefined;
      if (ce.fargate === undefined) return ce.why.platform ? { unknown: ce.why.platform } : undefined;
      const reasons: string[] = [];
      const role = serviceRole(model, ce);
      if (role.kind === 'custom') reasons.push('a custom service_role');
      if (ce.allocationStrategy && !UPDATABLE_ALLOCATION_STRATEGIES.has(ce.allocationStrategy)) {
        const unset = ce.compute?.['allocation_strategy'] === undefined;
        reasons.push(`allocation_strategy ${ce.allocationStrategy}${unset ? ' (the default)' : ''}`);
      }
      if (reasons.length === 0) {
        if (role.kind === 'unknown') return { unknown: role.reason };
        if (!ce.allocationStrategy && ce.why.allocationStrategy) return { unknown: ce.why.allocationStrategy };
        return undefined;
      }
      return `${reasons.join(' and ')}: edits to instance types, subnets, security groups or the instance role replace the environment`;
    });
  },
};
