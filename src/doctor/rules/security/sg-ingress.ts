import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';
import { batchSecurityGroups, isAnywhere, literalCidrs, sgRules } from '../../views/security-groups';

/**
 * Inbound rules other than "from anywhere" (that is BATCH_SEC_SG_INGRESS_OPEN):
 * a warning, because multi-node parallel jobs do need traffic between their
 * nodes, and some teams allow SSH from a bastion.
 */
export const secSgIngress: Rule = {
  id: 'BATCH_SEC_SG_INGRESS',
  severity: 'warning',
  title: 'compute environment security group allows ingress',
  why: 'Instances and Fargate tasks of a compute environment only call out; an inbound rule is reachable surface that no ordinary Batch job needs. Multi-node parallel jobs are the exception: their nodes talk to each other.',
  fix: 'Remove the ingress rule, or for multi-node parallel jobs keep only a rule from the security group itself (self = true / referenced_security_group_id).',
  check(model) {
    const out: Finding[] = [];
    for (const [sg, ces] of batchSecurityGroups(model, computeEnvironments(model))) {
      for (const rule of sgRules(model, sg, 'ingress') ?? []) {
        if (literalCidrs(rule).some(isAnywhere)) continue;
        const where = rule.source === sg ? `${sg.address} has an inline ingress rule` : `${rule.source.address} adds ingress to ${sg.address}`;
        out.push(finding(this, rule.source, `${where}; the group is used by ${ces.map((ce) => ce.resource.address).join(', ')}`));
      }
    }
    return out;
  },
};
