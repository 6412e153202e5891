import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { computeEnvironments, instanceRole } from '../../views/compute-environments';

/** BATCH-FACTS: "instance_role not an instance profile" — instances never join the ECS cluster. */
export const ceInstanceRoleNotProfile: Rule = {
  id: 'BATCH_CE_INSTANCE_ROLE_NOT_PROFILE',
  severity: 'error',
  title: 'instance_role is a role, not an instance profile',
  why: 'compute_resources.instance_role takes an instance profile. Given a role ARN, Batch cannot launch instances (or they start without credentials), the environment goes INVALID and jobs stay RUNNABLE.',
  fix: 'Create an aws_iam_instance_profile for the role and pass its ARN as instance_role.',
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      if (ce.fargate !== false) continue;
      const r = instanceRole(model, ce);
      if (r.kind === 'role') out.push(finding(this, ce.resource, `instance_role is the IAM role ${r.what}, not an instance profile`));
    }
    return out;
  },
};
