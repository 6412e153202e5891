import { judgeEach, skip } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';
import { isInterNodeIngress } from '../../views/multinode';
import { batchSecurityGroups, isAnywhere, literalCidrs, sgRules } from '../../views/security-groups';

/**
 * Inbound rules other than "from anywhere" (that is BATCH_SEC_SG_INGRESS_OPEN):
 * a warning, because some teams allow SSH from a bastion. The one inbound
 * rule accepted is traffic from the group itself on groups used only by
 * compute environments that run multi-node parallel jobs, whose nodes must
 * talk to each other (views/multinode.ts; docs/aws-batch-facts.md#multi-node-parallel-jobs).
 */
export const secSgIngress: Rule = {
  id: 'BATCH_SEC_SG_INGRESS',
  severity: 'warning',
  pack: 'security',
  title: 'compute environment security group allows ingress',
  why: 'Instances and Fargate tasks of a compute environment only call out; an inbound rule is reachable surface that no ordinary Batch job needs. Multi-node parallel jobs are the exception: their nodes talk to each other, so a rule from the group itself is accepted on a group whose compute environments all run multi-node jobs, and only there.',
  fix: 'Remove the ingress rule, or for multi-node parallel jobs keep only a rule from the security group itself (self = true / referenced_security_group_id).',
  link: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  check(model) {
    const ingress = [...batchSecurityGroups(model, computeEnvironments(model))].flatMap(([sg, ces]) => {
      const rules = sgRules(model, sg, 'ingress');
      if (!rules) skip(this, sg, `the ingress rules of ${sg.address} ${model.why(sg.body['ingress']) ?? 'are expressions'}`);
      return (rules ?? []).map((rule) => ({ sg, ces, rule }));
    });
    return judgeEach(
      this,
      ingress,
      ({ sg, ces, rule }) => {
        if (literalCidrs(rule).some(isAnywhere) || isInterNodeIngress(model, rule, ces)) return undefined;
        const where = rule.source === sg ? `${sg.address} has an inline ingress rule` : `${rule.source.address} adds ingress to ${sg.address}`;
        return `${where}; the group is used by ${ces.map((ce) => ce.resource.address).join(', ')}`;
      },
      ({ rule }) => rule.source,
    );
  },
};
