import { BATCH_SERVICE_POLICY } from '../../../aws/managed-policies';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments, serviceRole } from '../../views/compute-environments';
import { hasManagedPolicy } from '../../views/iam/attachments';

/**
 * A custom service role without AWSBatchServiceRole leaves the environment
 * INVALID (docs/aws-batch-facts.md#managed-policies,
 * docs/aws-batch-facts.md#why-jobs-stay-runnable).
 */
export const ceServiceRolePolicy: Rule = {
  id: 'BATCH_CE_SERVICE_ROLE_POLICY',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'custom service role without AWSBatchServiceRole',
  why: 'Batch manages instances, Auto Scaling and ECS through the service role; without the AWSBatchServiceRole policy (or equivalent permissions) the compute environment goes INVALID and jobs stay RUNNABLE.',
  fix: 'Drop service_role so Batch uses its service-linked role, or attach arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole to the role.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/service_IAM_role.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      const role = serviceRole(model, ce);
      if (role.kind === 'unknown') return { unknown: role.reason };
      if (role.kind !== 'custom' || !role.role) return undefined;
      const has = hasManagedPolicy(model, role.role, BATCH_SERVICE_POLICY);
      if (has === 'maybe') return { unknown: `${role.role.address} gets policies the doctor cannot read (an inline policy, a policy by reference or an expression)` };
      if (has === 'yes') return undefined;
      return `service_role ${role.role.address} has no AWSBatchServiceRole attachment`;
    });
  },
};
