import { judgeEach, skip } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';
import { isInterNodeIngress } from '../../views/multinode';
import { describePorts, ingressBySource, isAnywhere, literalCidrs } from '../../views/security-groups';

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
    const places = ingressBySource(
      model,
      computeEnvironments(model),
      (rule, ces) => !literalCidrs(rule).some(isAnywhere) && !isInterNodeIngress(model, rule, ces),
      (sg, reason) => skip(this, sg, reason),
    );
    return judgeEach(
      this,
      places,
      ({ source, sg, ces, rules }) => {
        const where = source === sg ? `${sg.address} has inline ingress` : `${source.address} adds ingress to ${sg.address}`;
        return `${where} (${rules.map(describePorts).join('; ')}); the group is used by ${ces.map((ce) => ce.resource.address).join(', ')}`;
      },
      ({ source }) => source,
    );
  },
};
