import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments, instanceRole } from '../../views/compute-environments';

/**
 * compute_resources.instance_role takes an instance profile; given a role,
 * instances never join the ECS cluster (docs/aws-batch-facts.md#why-jobs-stay-runnable).
 */
export const ceInstanceRoleNotProfile: Rule = {
  id: 'BATCH_CE_INSTANCE_ROLE_NOT_PROFILE',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'instance_role is a role, not an instance profile',
  why: 'compute_resources.instance_role takes an instance profile. Given a role ARN, Batch cannot launch instances (or they start without credentials), the environment goes INVALID and jobs stay RUNNABLE.',
  fix: 'Create an aws_iam_instance_profile for the role and pass its ARN as instance_role.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.fargate === true || ce.kind === 'UNMANAGED') return undefined;
      if (ce.fargate === undefined) return ce.why.platform ? { unknown: ce.why.platform } : undefined;
      const r = instanceRole(model, ce);
      if (r.kind === 'unknown' && r.reason && ce.compute?.['instance_role'] !== undefined) return { unknown: r.reason };
      return r.kind === 'role' ? `instance_role is the IAM role ${r.what}, not an instance profile` : undefined;
    });
  },
};
