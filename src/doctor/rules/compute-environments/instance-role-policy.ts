import { ECS_INSTANCE_POLICY } from '../../../aws/managed-policies';
import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { computeEnvironments, instanceRole } from '../../views/compute-environments';
import { hasManagedPolicy } from '../../views/iam/attachments';

/** BATCH-FACTS: "instance role missing AmazonEC2ContainerServiceforEC2Role" — the ECS agent cannot register. */
export const ceInstanceRolePolicy: Rule = {
  id: 'BATCH_CE_INSTANCE_ROLE_POLICY',
  severity: 'error',
  title: 'instance role without AmazonEC2ContainerServiceforEC2Role',
  why: 'The ECS agent on each instance registers with the cluster using the instance role. Without AmazonEC2ContainerServiceforEC2Role (or equivalent permissions) instances never join and jobs stay RUNNABLE.',
  fix: 'Attach arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role to the instance profile\'s role (aws_iam_role_policy_attachment).',
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      if (ce.fargate !== false) continue;
      const r = instanceRole(model, ce);
      if (r.kind !== 'profile' || !r.role || hasManagedPolicy(model, r.role, ECS_INSTANCE_POLICY) !== 'no') continue;
      out.push(finding(this, ce.resource, `instance profile ${r.profile!.address} uses role ${r.role.address}, which has no AmazonEC2ContainerServiceforEC2Role attachment`));
    }
    return out;
  },
};
