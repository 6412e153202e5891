import { ECS_INSTANCE_POLICY } from '../../../aws/managed-policies';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments, instanceRole } from '../../views/compute-environments';
import { hasManagedPolicy } from '../../views/iam/attachments';

/**
 * Without AmazonEC2ContainerServiceforEC2Role on the instance role the ECS
 * agent cannot register (docs/aws-batch-facts.md#managed-policies,
 * docs/aws-batch-facts.md#why-jobs-stay-runnable).
 */
export const ceInstanceRolePolicy: Rule = {
  id: 'BATCH_CE_INSTANCE_ROLE_POLICY',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'instance role without AmazonEC2ContainerServiceforEC2Role',
  why: 'The ECS agent on each instance registers with the cluster using the instance role. Without AmazonEC2ContainerServiceforEC2Role (or equivalent permissions) instances never join and jobs stay RUNNABLE.',
  fix: 'Attach arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role to the instance profile\'s role (aws_iam_role_policy_attachment).',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/instance_IAM_role.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.fargate === true || ce.kind === 'UNMANAGED') return undefined;
      if (ce.fargate === undefined) return ce.why.platform ? { unknown: ce.why.platform } : undefined;
      const r = instanceRole(model, ce);
      if (r.kind === 'unknown' && r.reason && ce.compute?.['instance_role'] !== undefined) return { unknown: r.reason };
      if (r.kind !== 'profile' || !r.role) return undefined;
      const has = hasManagedPolicy(model, r.role, ECS_INSTANCE_POLICY);
      if (has === 'maybe') return { unknown: `${r.role.address} gets policies the doctor cannot read (an inline policy, a policy by reference or an expression)` };
      if (has === 'yes') return undefined;
      return `instance profile ${r.profile!.address} uses role ${r.role.address}, which has no AmazonEC2ContainerServiceforEC2Role attachment`;
    });
  },
};
