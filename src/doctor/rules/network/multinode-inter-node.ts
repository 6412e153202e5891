import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { knownCeGroups } from '../../views/efs-paths';
import { allTraffic, multiNodeComputeEnvironments, withinGroup } from '../../views/multinode';
import { isAnywhere, literalCidrs, sgRules } from '../../views/security-groups';

/**
 * The nodes of a multi-node parallel job reach each other through the
 * compute environment's security groups: all traffic in from and out to the
 * group itself (docs/aws-batch-facts.md#multi-node-parallel-jobs).
 */
export const multiNodeInterNode: Rule = {
  id: 'BATCH_MNP_NO_INTER_NODE_TRAFFIC',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'multi-node compute environment without traffic between nodes',
  why: 'The containers of a multi-node parallel job get network interfaces with the compute environment\'s security groups, and talk to each other on ports their framework picks (MPI, NCCL, torch.distributed). Without a rule that allows all traffic in from and out to the group itself, the nodes start but never connect, and the job hangs until its timeout.',
  fix: 'Give the compute environment a security group with ingress and egress { protocol = "-1", from_port = 0, to_port = 0, self = true }, used only by compute environments that run multi-node jobs.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/efa.html',
  check(model) {
    return judgeEach(this, [...multiNodeComputeEnvironments(model)], (ce) => {
      const groups = knownCeGroups(model, ce);
      if (!groups) return { unknown: `compute_resources.security_group_ids: ${model.why(ce.compute?.['security_group_ids']) ?? 'a security group is not in this configuration (or none is set)'}` };
      const ingress = groups.map((sg) => sgRules(model, sg, 'ingress'));
      const egress = groups.map((sg) => sgRules(model, sg, 'egress'));
      if (ingress.includes(undefined) || egress.includes(undefined)) return { unknown: 'a rule of its security groups is not known' };
      const inOk = ingress.flat().some((r) => r && allTraffic(r) && withinGroup(model, r, groups));
      const outOk = egress.flat().some((r) => r && allTraffic(r) && (withinGroup(model, r, groups) || literalCidrs(r).some(isAnywhere)));
      if (inOk && outOk) return undefined;
      const missing = [...(inOk ? [] : ['ingress']), ...(outOk ? [] : ['egress'])].join(' and ');
      return `runs multi-node parallel jobs, but its security groups (${groups.map((g) => g.address).join(', ')}) have no all-traffic ${missing} rule within the group`;
    });
  },
};
