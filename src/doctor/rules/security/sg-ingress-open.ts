import { judgeEach, skip } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';
import { batchSecurityGroups, isAnywhere, literalCidrs, sgRules } from '../../views/security-groups';

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
    const ingress = [...batchSecurityGroups(model, computeEnvironments(model))].flatMap(([sg, ces]) => {
      const rules = sgRules(model, sg, 'ingress');
      if (!rules) skip(this, sg, `the ingress rules of ${sg.address} ${model.why(sg.body['ingress']) ?? 'are expressions'}`);
      return (rules ?? []).map((rule) => ({ sg, ces, rule }));
    });
    return judgeEach(
      this,
      ingress,
      ({ sg, ces, rule }) => {
        const open = literalCidrs(rule).filter(isAnywhere);
        if (open.length === 0) return undefined;
        const where = rule.source === sg ? `${sg.address} has an inline ingress rule` : `${rule.source.address} adds ingress to ${sg.address}`;
        return `${where} from ${open.join(', ')}; the group is used by ${ces.map((ce) => ce.resource.address).join(', ')}`;
      },
      ({ rule }) => rule.source,
    );
  },
};
