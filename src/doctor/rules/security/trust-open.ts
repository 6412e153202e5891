import { judgeEach, skip } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { batchRoles, unreadTrusts } from '../../views/iam/roles';

/**
 * A service role is meant to be assumed by its service. An `AWS` principal
 * (an account, a user, a role, or "*") in the same trust policy lets people
 * and other accounts assume it as well, with everything it grants.
 */
export const secTrustOpen: Rule = {
  id: 'BATCH_SEC_TRUST_OPEN',
  severity: 'error',
  pack: 'security',
  title: 'Batch role assumable by accounts or anyone',
  why: 'A role that ECS tasks, instances, Batch or a scheduler assume should trust that service only. Principal "*" lets any AWS account assume it; an AWS account or user principal lets people sidestep the workload and act with its permissions directly.',
  fix: 'Trust only the service principal (e.g. { Service = "ecs-tasks.amazonaws.com" }) with an aws:SourceAccount condition; give people their own roles.',
  link: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
  check(model) {
    for (const { role, reason } of unreadTrusts(model)) skip(this, role, reason);
    return judgeEach(this, batchRoles(model), (trust) => {
      const others = trust.statements.flatMap((s) => (s.principals ?? []).filter((p) => p.kind === '*' || p.id === '*' || p.kind === 'AWS'));
      if (others.length === 0) return undefined;
      const named = [...new Set(others.map((p) => (p.kind === '*' ? '"*"' : `${p.kind} ${p.id}`)))].join(', ');
      return `assume_role_policy trusts ${named} besides ${[...trust.services].sort().join(', ')}`;
    }, (trust) => trust.role);
  },
};
