import { judgeEach, skip } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';
import { describePorts, ingressBySource, isAnywhere, literalCidrs, type SgRule } from '../../views/security-groups';

/**
 * Batch instances and Fargate tasks only make outbound calls (ECS, ECR,
 * logs, the job's own APIs); nothing needs to reach them. Ingress from
 * anywhere exposes every job's open ports to the internet whenever the
 * subnet is public.
 */
export const secSgIngressOpen: Rule = {
  id: 'BATCH_SEC_SG_INGRESS_OPEN',
  severity: 'error',
  pack: 'security',
  title: 'compute environment security group open to the internet',
  why: 'AWS Batch workers need no inbound traffic. Ingress from 0.0.0.0/0 or ::/0 lets anyone reach SSH, debug ports or whatever a container listens on, as soon as an instance or task has a public IP.',
  fix: 'Remove the ingress rule. For shell access use SSM Session Manager or ECS Exec; for multi-node jobs allow traffic from the security group itself only.',
  link: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  check(model) {
    const open = (rule: SgRule): string[] => literalCidrs(rule).filter(isAnywhere);
    const places = ingressBySource(model, computeEnvironments(model), (rule) => open(rule).length > 0, (sg, reason) => skip(this, sg, reason));
    return judgeEach(
      this,
      places,
      ({ source, sg, ces, rules }) => {
        const where = source === sg ? `${sg.address} has inline ingress` : `${source.address} adds ingress to ${sg.address}`;
        const what = rules.map((r) => `${describePorts(r)} from ${open(r).join(', ')}`).join('; ');
        return `${where} open to the internet (${what}); the group is used by ${ces.map((ce) => ce.resource.address).join(', ')}`;
      },
      ({ source }) => source,
    );
  },
};
