/**
 * `diagnose <jobId>`: why a job sits in RUNNABLE, from what Batch reports
 * about the job, its queue and the queue's compute environments, in the
 * order the causes are usually found (docs/aws-batch-facts.md#why-jobs-stay-runnable;
 * the doctor checks the same causes before deploy).
 */
import {
  DescribeComputeEnvironmentsCommand,
  DescribeJobQueuesCommand,
  DescribeJobsCommand,
  type BatchClient,
  type ComputeEnvironmentDetail,
  type JobDetail,
  type JobQueueDetail,
} from '@aws-sdk/client-batch';
import { expandInstanceType, schedulableMemoryMiB, type InstanceCapacity } from '../aws/instance-types';
import { CliError } from '../cli/errors';
import { formatDuration } from './output';

export interface JobNeeds {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly gpus: number;
}

export interface Diagnosis {
  /** Stable id of the cause, e.g. `CE_INVALID`. */
  readonly cause: string;
  /** The most likely cause, in plain words, with the values involved. */
  readonly message: string;
  readonly fix: string;
  /** What was read: job, queue, compute environments. */
  readonly facts: readonly string[];
}

export async function diagnoseJob(batch: BatchClient, jobId: string, now = Date.now()): Promise<Diagnosis> {
  const job = (await batch.send(new DescribeJobsCommand({ jobs: [jobId] }))).jobs?.[0];
  if (!job) throw new CliError(`no job ${jobId} in this region (check --region)`);
  const queue = job.jobQueue ? (await batch.send(new DescribeJobQueuesCommand({ jobQueues: [job.jobQueue] }))).jobQueues?.[0] : undefined;
  const order = [...(queue?.computeEnvironmentOrder ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const arns = order.map((o) => o.computeEnvironment!).filter(Boolean);
  const described = arns.length ? (await batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: arns }))).computeEnvironments ?? [] : [];
  // Keep the queue's order: Batch tries the compute environments in it.
  const ces = arns.map((arn) => described.find((ce) => ce.computeEnvironmentArn === arn || ce.computeEnvironmentName === arn)).filter((ce) => ce !== undefined);
  return diagnose(job, queue, ces, now);
}

/** Pure: the most likely cause for what was read. */
export function diagnose(job: JobDetail, queue: JobQueueDetail | undefined, ces: readonly ComputeEnvironmentDetail[], now: number): Diagnosis {
  const needs = jobNeeds(job);
  const facts = [
    `job ${job.jobName} (${job.jobId}): ${job.status}${job.createdAt ? `, submitted ${formatDuration(now - job.createdAt)} ago` : ''}${job.statusReason ? `, status reason "${job.statusReason}"` : ''}`,
    `needs: ${needs ? `${needs.vcpus} vCPU, ${needs.memoryMiB} MiB memory${needs.gpus ? `, ${needs.gpus} GPU` : ''}` : 'unknown (not a single-container job)'}`,
    queue ? `job queue ${queue.jobQueueName}: ${queue.state}, ${queue.status}${queue.statusReason ? ` ("${queue.statusReason}")` : ''}` : `job queue ${job.jobQueue}: not found`,
    ...ces.map((ce, i) => `  ${i + 1}. compute environment ${describeCe(ce)}`),
  ];
  const result = (cause: string, message: string, fix: string): Diagnosis => ({ cause, message, fix, facts });

  if (job.status !== 'RUNNABLE') return notRunnable(job, result);
  if (!queue) return result('QUEUE_NOT_FOUND', `the job's queue ${job.jobQueue} no longer exists`, 'submit the job again to an existing queue');
  if (queue.state === 'DISABLED') {
    return result('QUEUE_DISABLED', `job queue ${queue.jobQueueName} is DISABLED: it schedules none of its jobs`, `enable it: set "state": "ENABLED" on the queue in the config and deploy, or aws batch update-job-queue --job-queue ${queue.jobQueueName} --state ENABLED`);
  }
  if (queue.status === 'INVALID') {
    return result('QUEUE_INVALID', `job queue ${queue.jobQueueName} is INVALID: "${queue.statusReason ?? 'no reason given'}"`, 'fix what the reason names (usually a compute environment that was deleted or is INVALID) and deploy again');
  }

  const usable = ces.filter((ce) => ce.status === 'VALID' && ce.state === 'ENABLED');
  if (usable.length === 0) {
    const invalid = ces.filter((ce) => ce.status === 'INVALID');
    if (invalid.length > 0) {
      const reasons = invalid.map((ce) => `${ce.computeEnvironmentName}: "${ce.statusReason ?? 'no reason given'}"`).join('; ');
      return result(
        'CE_INVALID',
        `no compute environment of the queue can run jobs: ${invalid.length === ces.length ? 'every one is' : 'the enabled ones are'} INVALID (${reasons})`,
        'fix what the reason names (often a deleted or unassumable role, a subnet or security group that no longer exists, or a launch template error), then deploy again; an INVALID compute environment does not recover by itself',
      );
    }
    if (ces.length > 0 && ces.every((ce) => ce.state === 'DISABLED')) {
      return result('CE_DISABLED', `every compute environment of queue ${queue.jobQueueName} is DISABLED: none takes jobs`, `enable one: set "state": "ENABLED" in the config and deploy, or aws batch update-compute-environment --compute-environment ${ces[0]!.computeEnvironmentName} --state ENABLED`);
    }
    return result('CE_NOT_READY', `no compute environment of queue ${queue.jobQueueName} is ready (${ces.map((ce) => `${ce.computeEnvironmentName} ${ce.status}`).join(', ') || 'none attached'})`, 'wait for CREATING/UPDATING to finish, or attach a VALID, ENABLED compute environment to the queue');
  }
  if (!needs) return capacityOrNetwork(usable, undefined, result);

  const maxVcpus = Math.max(...usable.map((ce) => ce.computeResources?.maxvCpus ?? 0));
  if (needs.vcpus > maxVcpus) {
    return result(
      'MAX_VCPUS',
      `the job needs ${needs.vcpus} vCPUs, but the largest maxvCpus of the queue's usable compute environments is ${maxVcpus}: Batch never scales past maxvCpus (MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE)`,
      `raise maxVcpus of a compute environment in the queue to at least ${needs.vcpus} (computeEnvironments.<key>.maxVcpus in the config), or give the job definition fewer "vcpus"`,
    );
  }

  const fitting = usable.filter((ce) => (ce.computeResources?.maxvCpus ?? 0) >= needs.vcpus);
  const tooSmall = fitting.map((ce) => instanceShortfall(ce, needs));
  if (tooSmall.every((s) => s !== undefined)) {
    return result(
      'JOB_RESOURCE_REQUIREMENT',
      `no instance type the compute environments allow can hold the job (MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT): ${tooSmall.join('; ')}`,
      'lower the job\'s memory (leave ~3% below the instance\'s memory: ECS keeps some for itself) or vCPUs, or add a larger instance type (or family) to instanceTypes of a compute environment in the queue',
    );
  }
  return capacityOrNetwork(fitting, needs, result);
}

/** Resource requirements of a container job (resourceRequirements, or the legacy vcpus/memory). */
export function jobNeeds(job: JobDetail): JobNeeds | undefined {
  const container = job.container;
  if (!container) return undefined;
  const req = (type: string) => container.resourceRequirements?.find((r) => r.type === type)?.value;
  const vcpus = Number(req('VCPU') ?? container.vcpus ?? NaN);
  const memoryMiB = Number(req('MEMORY') ?? container.memory ?? NaN);
  if (!Number.isFinite(vcpus) || !Number.isFinite(memoryMiB)) return undefined;
  return { vcpus, memoryMiB, gpus: Number(req('GPU') ?? 0) };
}

function describeCe(ce: ComputeEnvironmentDetail): string {
  const r = ce.computeResources;
  return [
    `${ce.computeEnvironmentName}: ${ce.state}, ${ce.status}${ce.statusReason ? ` ("${ce.statusReason}")` : ''}`,
    r ? `${r.type}, maxvCpus ${r.maxvCpus}, desiredvCpus ${r.desiredvCpus ?? 0}${r.instanceTypes?.length ? `, instance types ${r.instanceTypes.join(' ')}` : ''}` : ce.type,
  ].join('; ');
}

/**
 * Why the largest allowed instance type cannot hold the job, or undefined when
 * one can (or when a type is not in the capacity table: then we cannot judge).
 * Fargate takes up to 16 vCPU and 120 GiB, no GPUs.
 */
function instanceShortfall(ce: ComputeEnvironmentDetail, needs: JobNeeds): string | undefined {
  const r = ce.computeResources;
  const name = ce.computeEnvironmentName;
  if (r?.type === 'FARGATE' || r?.type === 'FARGATE_SPOT') {
    if (needs.gpus > 0) return `${name} is Fargate, which has no GPUs`;
    if (needs.vcpus > 16 || needs.memoryMiB > 122_880) return `${name} is Fargate, which runs at most 16 vCPU and 122880 MiB`;
    return undefined;
  }
  const types: InstanceCapacity[] = [];
  for (const entry of r?.instanceTypes ?? []) {
    const expanded = expandInstanceType(entry);
    if (!expanded) return undefined;
    types.push(...expanded);
  }
  if (types.length === 0) return undefined;
  if (types.some((t) => t.vcpus >= needs.vcpus && schedulableMemoryMiB(t) >= needs.memoryMiB && t.gpus >= needs.gpus)) return undefined;
  const most = (pick: (t: InstanceCapacity) => number) => types.reduce((a, b) => (pick(b) > pick(a) ? b : a));
  const short = [
    ...(needs.gpus > 0 && most((t) => t.gpus).gpus < needs.gpus ? [`${needs.gpus} GPUs (most: ${most((t) => t.gpus).gpus})`] : []),
    ...(most((t) => t.vcpus).vcpus < needs.vcpus ? [`${needs.vcpus} vCPUs (largest: ${most((t) => t.vcpus).name}, ${most((t) => t.vcpus).vcpus})`] : []),
    ...(schedulableMemoryMiB(most((t) => t.memoryMiB)) < needs.memoryMiB
      ? [`${needs.memoryMiB} MiB (largest: ${most((t) => t.memoryMiB).name}, about ${schedulableMemoryMiB(most((t) => t.memoryMiB))} MiB usable)`]
      : []),
  ];
  return `${name} (${(r?.instanceTypes ?? []).join(' ')}) cannot give ${short.length ? short.join(' and ') : 'all of the job\'s vCPU, memory and GPUs on one instance'}`;
}

type Result = (cause: string, message: string, fix: string) => Diagnosis;

/** Nothing in the configuration is wrong: either Batch cannot get instances, or they never join the cluster. */
function capacityOrNetwork(ces: readonly ComputeEnvironmentDetail[], needs: JobNeeds | undefined, result: Result): Diagnosis {
  const fargate = ces.every((ce) => ce.computeResources?.type === 'FARGATE' || ce.computeResources?.type === 'FARGATE_SPOT');
  const desired = ces.reduce((sum, ce) => sum + (ce.computeResources?.desiredvCpus ?? 0), 0);
  if (fargate) {
    return result('FARGATE_CAPACITY_OR_NETWORK', 'the queue and its Fargate compute environments can run this job; the task is not starting', 'check that the subnets reach ECS and ECR (NAT, VPC endpoints, or assignPublicIp ENABLED in public subnets), Fargate vCPU quotas (Service Quotas), and for FARGATE_SPOT, spare Spot capacity; npm run doctor checks the network paths');
  }
  if (desired >= (needs?.vcpus ?? 1)) {
    return result(
      'INSTANCES_NOT_JOINING',
      `Batch has asked for instances (desiredvCpus ${desired}) but the job is not placed: the instances are probably not joining the ECS cluster`,
      'check that the subnets reach the ECS endpoints (NAT route, or VPC endpoints ecs, ecs-agent, ecs-telemetry with private DNS), that the instance profile\'s role has AmazonEC2ContainerServiceforEC2Role, and the Auto Scaling activity of the compute environment; npm run doctor checks the first two',
    );
  }
  return result(
    'CAPACITY',
    'Batch has not started instances for the job yet (desiredvCpus 0): scaling up takes a few minutes, and longer when EC2 has no capacity or your account has no vCPU quota left',
    'wait a few minutes; if it stays, check the EC2 vCPU quotas for On-Demand/Spot (Service Quotas), Spot capacity for the instance types (allow more types or families), and the compute environment\'s Auto Scaling activity',
  );
}

/** A job outside RUNNABLE: say where it is and what that means. */
function notRunnable(job: JobDetail, result: Result): Diagnosis {
  switch (job.status) {
    case 'SUBMITTED':
    case 'PENDING': {
      const deps = (job.dependsOn ?? []).map((d) => d.jobId).filter(Boolean);
      return result('WAITING', `the job is ${job.status}${deps.length ? `: it waits for ${deps.join(', ')} to succeed` : ''}`, deps.length ? `watch them: npm run job -- watch ${deps.join(' ')}` : 'wait: it moves to RUNNABLE within seconds');
    }
    case 'STARTING':
      return result('STARTING', 'the job has an instance and its container is starting (image pull)', 'if it stays STARTING, check that the image can be pulled from the network (endpoints mode: ECR of the same region only)');
    case 'RUNNING':
      return result('RUNNING', 'the job is RUNNING', `follow it: npm run job -- watch ${job.jobId}`);
    case 'FAILED':
      return result('FAILED', `the job FAILED: ${job.statusReason ?? 'no reason given'}`, `read its log: npm run job -- watch ${job.jobId}`);
    default:
      return result(job.status ?? 'UNKNOWN', `the job is ${job.status}`, 'nothing to diagnose');
  }
}
