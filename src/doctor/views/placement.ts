import { expandInstanceType, isGpuInstanceType, schedulableMemoryMiB, type InstanceCapacity } from '../../aws/instance-types';
import { literalString, type TerraformModel } from '../terraform/model';
import type { ComputeEnvironment } from './compute-environments';
import { jobDefinitions, type JobDefinition, type ResourceNeeds } from './job-definitions';
import { jobQueue, jobQueues, type JobQueue } from './job-queues';

/**
 * Can any queue ever run a job definition?
 *
 * In plain Terraform a job definition is not bound to a queue: it is
 * submitted to one later. So a job definition is only known to be stuck when
 * NO queue it may be submitted to can run it: the queue named by its
 * `//.queue` hint, or else every queue in the configuration. A queue can run
 * it when one of its compute environments can (Batch tries them in order);
 * anything unknown along the way makes the answer "maybe", and no rule fires.
 *
 * Each blocker names the rule it belongs to, so each rule reports its own
 * reason, and together they explain why nothing can run the job.
 */

export type BlockerRule = 'platform' | 'max-vcpus' | 'instance-fit' | 'gpu';

export interface Blocker {
  readonly kind: BlockerRule;
  readonly queue: JobQueue;
  readonly ce: ComputeEnvironment;
  readonly reason: string;
}

export interface Placement {
  /** 'no' only when every candidate queue is fully known and blocked. */
  readonly runnable: 'yes' | 'no' | 'maybe';
  readonly blockers: readonly Blocker[];
  /** For 'maybe': what could not be known, when a value was unknown (not when no queue is there to judge against). */
  readonly why?: string;
}

const maybe = (why?: string): Placement => ({ runnable: 'maybe', blockers: [], ...(why ? { why } : {}) });

export function placements(model: TerraformModel): ReadonlyMap<string, Placement> {
  return model.memoize('placement', () => {
    const out = new Map<string, Placement>();
    for (const jd of jobDefinitions(model)) out.set(jd.resource.address, place(model, jd));
    return out;
  });
}

function place(model: TerraformModel, jd: JobDefinition): Placement {
  if (jd.containers.length === 0) return maybe(jd.why.container);
  if (jd.fargate === undefined) return maybe(jd.why.platform);
  const queues = jd.queueHint ? jd.queueHint.map((a) => jobQueue(model, a)) : jobQueues(model);
  // No queue here (it lives elsewhere), or a hint naming a queue outside this configuration.
  if (queues.length === 0 || queues.some((q) => q === undefined)) return maybe();
  const blockers: Blocker[] = [];
  let unsure: string | undefined;
  let open = false;
  for (const queue of queues as JobQueue[]) {
    if (!queue.known) {
      open = true;
      unsure ??= queue.why && `${queue.resource.address}: ${queue.why}`;
    }
    for (const entry of queue.entries) {
      if (!entry.ce) continue;
      const verdict = judge(jd, entry.ce);
      if (verdict === 'yes') return { runnable: 'yes', blockers: [] };
      if (!Array.isArray(verdict)) {
        open = true;
        unsure ??= verdict.maybe;
      } else blockers.push(...verdict.map((b) => ({ ...b, queue, ce: entry.ce! })));
    }
  }
  return open ? maybe(unsure) : { runnable: 'no', blockers };
}

type Reason = Omit<Blocker, 'queue' | 'ce'>;

/** One compute environment against one job: runs it, might (and what is unknown), or the reasons it cannot. */
function judge(jd: JobDefinition, ce: ComputeEnvironment): 'yes' | { maybe?: string } | Reason[] {
  if (ce.fargate === undefined) return { maybe: ce.why.platform && `${ce.resource.address}: ${ce.why.platform}` };
  // A job definition's platform_capabilities must match the CE type: Batch
  // never places a FARGATE job on EC2/SPOT capacity or the reverse
  // (docs/aws-batch-facts.md#why-jobs-stay-runnable).
  if (ce.fargate !== jd.fargate) {
    return [{
      kind: 'platform',
      reason: `${jd.fargate ? 'FARGATE' : 'EC2'} job definition, but ${ce.resource.address} is ${ce.platform}`,
    }];
  }
  const reasons: Reason[] = [];
  let unsure: { maybe?: string } | undefined;
  // Every container must fit: each node range of a multi-node job asks for its own resources.
  for (const { where, container, needs } of jd.containers) {
    const at = where ? `${where} ` : '';
    const { vcpus, memoryMiB, gpus } = needs;
    // MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE: the job needs more vCPUs than the CE may ever run.
    if (vcpus !== undefined && ce.maxVcpus !== undefined) {
      if (vcpus > ce.maxVcpus) reasons.push({ kind: 'max-vcpus', reason: `${at}needs ${vcpus} vCPU, ${ce.resource.address} has max_vcpus ${ce.maxVcpus}` });
    } else unsure ??= { maybe: vcpus === undefined ? jd.why.needs ?? 'the job\'s vCPU requirement is not a known number' : ce.why.maxVcpus && `${ce.resource.address}: ${ce.why.maxVcpus}` };
    if (!ce.fargate) {
      const fit = fitsInstanceTypes(needs, ce, literalString(container['instanceType']));
      if (fit === 'maybe') unsure ??= { maybe: ce.why.instanceTypes && `${ce.resource.address}: ${ce.why.instanceTypes}` };
      else if (fit !== 'yes') reasons.push({ ...fit, reason: `${at}${fit.reason}` });
    } else if (gpus === undefined || memoryMiB === undefined) unsure ??= { maybe: jd.why.needs ?? 'the job\'s memory or GPU requirement is not a known number' };
  }
  if (reasons.length > 0) return reasons;
  return unsure ?? 'yes';
}

/**
 * MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT: no allowed instance type holds
 * the job's vCPU, memory and GPUs together, with the ECS memory margin of
 * schedulableMemoryMiB. GPU jobs also need the NVIDIA AMI: Batch picks
 * ECS_AL2_NVIDIA by default for GPU types only when ec2_configuration is
 * absent; an explicit image type without _NVIDIA registers no GPUs
 * (docs/aws-batch-facts.md#instance-types-in-a-compute-environment).
 */
function fitsInstanceTypes(needs: ResourceNeeds, ce: ComputeEnvironment, instanceType?: string): 'yes' | 'maybe' | Reason {
  const { vcpus, memoryMiB, gpus } = needs;
  if (!ce.instanceTypes || vcpus === undefined || memoryMiB === undefined || gpus === undefined) return 'maybe';
  if (gpus > 0) {
    if (!ce.instanceTypes.some(isGpuInstanceType)) {
      return { kind: 'gpu', reason: `needs ${gpus} GPU, ${ce.resource.address} allows no GPU instance type (${ce.instanceTypes.join(', ')})` };
    }
    if (ce.customImage === 'none' && ce.imageTypes && ce.imageTypes.length > 0 && !ce.imageTypes.some((t) => t.endsWith('_NVIDIA'))) {
      return { kind: 'gpu', reason: `needs ${gpus} GPU, ${ce.resource.address} uses image type ${ce.imageTypes.join(', ')} without NVIDIA drivers` };
    }
  }
  // A multi-node container names the one instance type its nodes run on (docs/aws-batch-facts.md#multi-node-parallel-jobs).
  const { allowed, unknownEntry } = instanceType !== undefined ? expandAll([instanceType]) : ceCapacities(ce, ce.instanceTypes);
  const fits = allowed.some((t) => t.vcpus >= vcpus && schedulableMemoryMiB(t) >= memoryMiB && t.gpus >= gpus);
  if (fits) return 'yes';
  if (unknownEntry || allowed.length === 0) return 'maybe';
  const largest = allowed.reduce((a, b) => (b.vcpus > a.vcpus || (b.vcpus === a.vcpus && b.memoryMiB > a.memoryMiB) ? b : a));
  const gpuText = gpus > 0 ? `, ${gpus} GPU` : '';
  return {
    kind: gpus > 0 && !allowed.some((t) => t.gpus >= gpus) ? 'gpu' : 'instance-fit',
    reason:
      `needs ${vcpus} vCPU, ${memoryMiB} MiB${gpuText}; ${instanceType !== undefined ? `its instance type ${instanceType} does not hold it` : `no instance type of ${ce.resource.address} (${ce.instanceTypes.join(', ')}) holds it`} ` +
      `(largest ${largest.name}: ${largest.vcpus} vCPU, ${schedulableMemoryMiB(largest)} MiB schedulable${largest.gpus ? `, ${largest.gpus} GPU` : ''})`,
  };
}

/** The instance types a list of entries allows, and whether some entry is not in the table. */
function expandAll(entries: readonly string[]): { allowed: readonly InstanceCapacity[]; unknownEntry: boolean } {
  const allowed: InstanceCapacity[] = [];
  let unknownEntry = false;
  for (const entry of entries) {
    const expanded = expandInstanceType(entry);
    if (expanded) allowed.push(...expanded);
    else unknownEntry = true;
  }
  return { allowed, unknownEntry };
}

/** A compute environment's instance types, expanded once, not once per job definition that may land on it. */
function ceCapacities(ce: ComputeEnvironment, instanceTypes: readonly string[]): ReturnType<typeof expandAll> {
  let known = EXPANDED.get(ce);
  if (!known) EXPANDED.set(ce, (known = expandAll(instanceTypes)));
  return known;
}

const EXPANDED = new WeakMap<ComputeEnvironment, ReturnType<typeof expandAll>>();

/** Compute environments a job definition may land on: those of its hinted queue, or of every queue. */
export function candidateComputeEnvironments(model: TerraformModel, jd: JobDefinition): readonly ComputeEnvironment[] | undefined {
  const queues = jd.queueHint ? jd.queueHint.map((a) => jobQueue(model, a)) : jobQueues(model);
  if (queues.length === 0 || queues.some((q) => q === undefined || !q.known)) return undefined;
  const out = new Set<ComputeEnvironment>();
  for (const q of queues as JobQueue[]) for (const e of q.entries) if (e.ce && e.ce.fargate === jd.fargate) out.add(e.ce);
  return [...out];
}
