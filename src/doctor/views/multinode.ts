import { literalString, type Resource, type TerraformModel } from '../terraform/model';
import type { ComputeEnvironment } from './compute-environments';
import { jobContainers } from './job-containers';
import { candidateComputeEnvironments } from './placement';
import { literalCidrs, type SgRule } from './security-groups';

/**
 * Compute environments that run multi-node parallel jobs, and the traffic
 * between the nodes of such a job: every protocol and port, from and to the
 * group itself (docs/aws-batch-facts.md#multi-node-parallel-jobs).
 */

/** The EC2 compute environments a multi-node job definition of this configuration may land on. */
export function multiNodeComputeEnvironments(model: TerraformModel): ReadonlySet<ComputeEnvironment> {
  return model.memoize('batch:mnp-ces', () => {
    const out = new Set<ComputeEnvironment>();
    for (const jc of jobContainers(model)) {
      if (!jc.multiNode || jc.jd.fargate !== false) continue;
      for (const ce of candidateComputeEnvironments(model, jc.jd) ?? []) if (ce.platform === 'EC2') out.add(ce);
    }
    return out;
  });
}

/** Every protocol (-1 / all), or TCP over all ports: what NCCL and MPI need between nodes. */
export function allTraffic(rule: SgRule): boolean {
  const protocol = literalString(typeof rule.protocol === 'number' ? String(rule.protocol) : rule.protocol)?.toLowerCase();
  return protocol === '-1' || protocol === 'all';
}

/** The rule names its own group (`self = true`, or the group's id as source or destination). */
export function withinGroup(model: TerraformModel, rule: SgRule, groups: readonly Resource[] = [rule.group]): boolean {
  return rule.self ? groups.includes(rule.group) : rule.groups.some((g) => {
    const target = model.target(g);
    return target !== undefined && groups.includes(target);
  });
}

/**
 * An ingress rule that lets the nodes of a multi-node parallel job talk: from
 * the group itself, on a group whose every compute environment runs
 * multi-node jobs. BATCH_SEC_SG_INGRESS accepts exactly this, and nothing
 * else, as inbound traffic.
 */
export function isInterNodeIngress(model: TerraformModel, rule: SgRule, ces: readonly ComputeEnvironment[]): boolean {
  if (!withinGroup(model, rule) || literalCidrs(rule).length > 0 || rule.ipv4.length > 0 || rule.prefixLists.length > 0) return false;
  const mnp = multiNodeComputeEnvironments(model);
  return ces.length > 0 && ces.every((ce) => mnp.has(ce));
}
