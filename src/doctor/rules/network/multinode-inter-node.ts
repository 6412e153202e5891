import { judgeEach, type Judgement } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { knownCeGroups } from '../../views/efs-paths';
import type { TerraformModel } from '../../terraform/model';
import type { ComputeEnvironment } from '../../views/compute-environments';
import { jobContainers } from '../../views/job-containers';
import { allTraffic, withinGroup } from '../../views/multinode';
import { candidateComputeEnvironments } from '../../views/placement';
import { isAnywhere, literalCidrs, sgRules } from '../../views/security-groups';

/**
 * The nodes of a multi-node parallel job reach each other through the
 * compute environment's security groups: all traffic in from and out to the
 * group itself (docs/aws-batch-facts.md#multi-node-parallel-jobs). A job
 * definition bound to no queue is judged like the placement rules judge it:
 * an error only when no environment it could be submitted to lets its nodes
 * talk.
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
    const verdicts = new Map<ComputeEnvironment, Judgement>();
    const verdict = (ce: ComputeEnvironment): Judgement => {
      if (!verdicts.has(ce)) verdicts.set(ce, interNodeTraffic(model, ce));
      return verdicts.get(ce);
    };
    // A job bound to a queue (the `//.queue` hint) may land on any EC2 environment of it: each must let
    // its nodes talk. An unbound job is submitted to a queue we cannot know: only when none of the
    // environments it could run on lets nodes talk can it never run, as for the placement rules.
    const judged = new Set<ComputeEnvironment>();
    for (const jc of jobContainers(model)) {
      if (!jc.multiNode || jc.jd.fargate !== false) continue;
      const ces = (candidateComputeEnvironments(model, jc.jd) ?? []).filter((ce) => ce.platform === 'EC2');
      if (jc.jd.queueHint || ces.every((ce) => verdict(ce) !== undefined && !isUnknown(verdict(ce)))) for (const ce of ces) judged.add(ce);
      else if (!ces.some((ce) => verdict(ce) === undefined)) for (const ce of ces) if (isUnknown(verdict(ce))) judged.add(ce);
    }
    return judgeEach(this, [...judged], verdict);
  },
};

const isUnknown = (j: Judgement): boolean => typeof j === 'object' && 'unknown' in j;

/** Whether the security groups of a multi-node compute environment let its nodes talk: undefined when they do. */
function interNodeTraffic(model: TerraformModel, ce: ComputeEnvironment): Judgement {
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
}
