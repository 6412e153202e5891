/**
 * Cross-field checks of `computeEnvironments`: what AWS Batch accepts for each
 * compute type. Each problem names the config path, the value and the fix.
 */
import { al2023ImageProblem, instanceTypeProblem, isGpuInstanceType } from '../../aws/instance-types';
import { ECS_AMI_ROOT_SNAPSHOT_GIB, VOLUME_LIMITS } from '../../aws/root-volume';
import { userDataScriptProblems } from '../../aws/user-data';
import { show, valueAt, type ConfigProblem } from '../errors';
import { isFargate, type ResolvedComputeEnvironment, type ResolvedConfig } from '../schema';

/** Settings of the instances Batch launches: Fargate has none of them (no launch template, no EC2 tags or placement). */
const INSTANCE_SETTINGS = ['rootVolume', 'userData', 'imageId', 'gpuImageId', 'instanceTags', 'placementGroup'] as const;

/** A stack without a compute environment could run nothing. */
export function noComputeEnvironmentProblems(config: ResolvedConfig): ConfigProblem[] {
  if (Object.keys(config.computeEnvironments).length > 0) return [];
  return [{ path: 'computeEnvironments', message: 'got {}; at least one compute environment is needed', fix: 'add one, e.g. "computeEnvironments": {"fargate": {"type": "FARGATE"}}' }];
}

export function computeEnvironmentProblems(config: ResolvedConfig, input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });
  /** What the user wrote there (a problem is reported where it was written, not at a default). */
  const written = (key: string, field: string) => valueAt(input, ['computeEnvironments', key, field]);

  for (const [key, ce] of Object.entries(config.computeEnvironments)) {
    const at = `computeEnvironments.${key}`;
    if (isFargate(ce.type)) {
      for (const field of ['minVcpus', 'instanceTypes', 'allocationStrategy', 'bidPercentage', ...INSTANCE_SETTINGS] as const) {
        if (written(key, field) !== undefined) {
          add(`${at}.${field}`, `got ${show(written(key, field))}; ${field} does not apply to ${ce.type} compute environments`, `remove ${field}`);
        }
      }
      // docs/aws-batch-facts.md#fargate-compute-environments-take-no-update-policy
      if (written(key, 'updatePolicy') !== undefined) {
        add(`${at}.updatePolicy`, `got ${show(written(key, 'updatePolicy'))}; AWS Batch refuses an update policy on ${ce.type} compute environments, so the first apply would fail`, 'remove updatePolicy: it applies to EC2 and SPOT compute environments only');
      }
      problems.push(...subnetProblems(config, key, ce));
      continue;
    }
    if (ce.minVcpus > ce.maxVcpus) {
      add(`${at}.minVcpus`, `got ${ce.minVcpus}, above maxVcpus (${ce.maxVcpus})`, `lower minVcpus to at most ${ce.maxVcpus} (0 lets the environment scale to zero)`);
    }
    if (ce.type === 'EC2' && ce.allocationStrategy.startsWith('SPOT_')) {
      add(`${at}.allocationStrategy`, `got ${show(ce.allocationStrategy)}, a Spot strategy on an EC2 (on-demand) compute environment`, 'use BEST_FIT_PROGRESSIVE, or make the compute environment "type": "SPOT"');
    }
    if (ce.type === 'SPOT' && ce.allocationStrategy === 'BEST_FIT') {
      add(`${at}.allocationStrategy`, 'got "BEST_FIT" on SPOT, which needs a Spot Fleet role and replaces the compute environment on every edit', 'use SPOT_CAPACITY_OPTIMIZED (the default) or SPOT_PRICE_CAPACITY_OPTIMIZED');
    }
    const overridden = { imageId: ce.imageId !== undefined, gpuImageId: ce.gpuImageId !== undefined };
    ce.instanceTypes.forEach((entry, i) => {
      const problem = instanceTypeProblem(entry) ?? al2023ImageProblem(entry, overridden);
      if (problem) add(`${at}.instanceTypes[${i}]`, `got ${show(entry)}; ${problem.message}`, problem.fix);
    });
    if (ce.type !== 'SPOT' && ce.bidPercentage !== undefined) {
      add(`${at}.bidPercentage`, `got ${ce.bidPercentage}; bidPercentage applies only to SPOT compute environments`, 'remove bidPercentage');
    }
    problems.push(...imageProblems(key, ce), ...rootVolumeProblems(key, ce), ...instanceTagProblems(key, ce), ...subnetProblems(config, key, ce));
    if (ce.userData !== undefined) {
      for (const p of userDataScriptProblems(ce.userData)) add(`${at}.userData`, `the script ${p.message}`, p.fix);
    }
  }
  return problems;
}

/**
 * An AMI override replaces the image Batch picks for one of the two image
 * types the stack declares: ECS_AL2023 for the non-GPU instance types,
 * ECS_AL2023_NVIDIA for the GPU ones (docs/aws-batch-facts.md#ami-override).
 */
function imageProblems(key: string, ce: ResolvedComputeEnvironment): ConfigProblem[] {
  const at = `computeEnvironments.${key}`;
  const gpu = ce.instanceTypes.filter(isGpuInstanceType);
  const problems: ConfigProblem[] = [];
  if (ce.gpuImageId !== undefined && gpu.length === 0) {
    problems.push({ path: `${at}.gpuImageId`, message: `got ${show(ce.gpuImageId)}, but no instance type of this compute environment is a GPU type, so no instance would boot it`, fix: 'use imageId for the AMI of non-GPU instance types, or add GPU instance types' });
  }
  if (ce.imageId !== undefined && gpu.length === ce.instanceTypes.length) {
    problems.push({ path: `${at}.imageId`, message: `got ${show(ce.imageId)}, but every instance type of this compute environment is a GPU type (${gpu.join(', ')}), and those boot gpuImageId`, fix: `rename imageId to gpuImageId` });
  }
  return problems;
}

/**
 * What EC2 refuses in the root volume's block device mapping when an
 * instance launches: too small for the AMI's snapshot, or outside what the
 * volume type allows (docs/aws-batch-facts.md#root-volume-of-batch-instances).
 */
function rootVolumeProblems(key: string, ce: ResolvedComputeEnvironment): ConfigProblem[] {
  const volume = ce.rootVolume;
  if (!volume) return [];
  const at = `computeEnvironments.${key}.rootVolume`;
  const limits = VOLUME_LIMITS[volume.type];
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path: `${at}.${path}`, message, fix });
  const size = volume.sizeGiB;
  if (size !== undefined && (size < limits.sizeGiB[0] || size > limits.sizeGiB[1])) {
    add('sizeGiB', `got ${size}; ${volume.type} volumes are ${limits.sizeGiB[0]}-${limits.sizeGiB[1]} GiB`, `set sizeGiB between ${limits.sizeGiB[0]} and ${limits.sizeGiB[1]}`);
  } else if (size !== undefined) {
    // Instances booting Batch's own AMI: every non-GPU type without imageId, every GPU type without gpuImageId.
    const gpu = ce.instanceTypes.some(isGpuInstanceType);
    const nonGpu = ce.instanceTypes.some((entry) => !isGpuInstanceType(entry));
    const batchImages = [...(nonGpu && ce.imageId === undefined ? ['ECS_AL2023'] : []), ...(gpu && ce.gpuImageId === undefined ? ['ECS_AL2023_NVIDIA'] : [])];
    const snapshot = Math.max(0, ...batchImages.map((image) => ECS_AMI_ROOT_SNAPSHOT_GIB[image]!));
    if (size < snapshot) {
      add('sizeGiB', `got ${size}; the root snapshot of the ECS-optimized AMI Batch boots here (${batchImages.join(', ')}) is ${snapshot} GiB, and EC2 refuses a smaller root volume, so no instance would launch`, `set sizeGiB to at least ${snapshot}, or leave it out to keep the AMI's size`);
    }
  }
  if (volume.iops !== undefined) {
    if (!limits.iops) add('iops', `got ${volume.iops}; ${volume.type} volumes take no provisioned IOPS`, 'remove iops, or use type gp3, io1 or io2');
    else if (volume.iops < limits.iops[0] || volume.iops > limits.iops[1]) add('iops', `got ${volume.iops}; ${volume.type} volumes take ${limits.iops[0]}-${limits.iops[1]} IOPS`, `set iops between ${limits.iops[0]} and ${limits.iops[1]}`);
  } else if (limits.iopsRequired) {
    add('iops', `is missing; ${volume.type} volumes need their provisioned IOPS`, `add iops (${limits.iops![0]}-${limits.iops![1]})`);
  }
  if (volume.throughputMiBps !== undefined && !limits.throughputMiBps) {
    add('throughputMiBps', `got ${volume.throughputMiBps}; only gp3 volumes take a throughput`, 'remove throughputMiBps, or use type gp3');
  }
  return problems;
}

/** Tags on EC2 instances: `aws:` keys are AWS's own, and a resource carries at most 50 (docs/aws-batch-facts.md#instance-tags). */
function instanceTagProblems(key: string, ce: ResolvedComputeEnvironment): ConfigProblem[] {
  const tags = ce.instanceTags ?? {};
  const at = `computeEnvironments.${key}.instanceTags`;
  const problems: ConfigProblem[] = [];
  for (const name of Object.keys(tags)) {
    if (/^aws:/i.test(name)) problems.push({ path: `${at}.${name}`, message: `key ${show(name)} starts with "aws:", which AWS reserves for its own tags`, fix: 'rename the key (e.g. drop the "aws:" prefix)' });
  }
  const count = Object.keys(tags).length;
  if (count > 50) problems.push({ path: at, message: `has ${count} tags; an EC2 instance carries at most 50`, fix: `remove at least ${count - 50} of them` });
  return problems;
}

/**
 * The environment's own subnets, a subset of the stack's: by availability
 * zone in a VPC the stack creates, by id in an existing one. A cluster
 * placement group lives in one availability zone, so its environment must
 * be pinned to one (docs/aws-batch-facts.md#cluster-placement-groups).
 */
function subnetProblems(config: ResolvedConfig, key: string, ce: ResolvedComputeEnvironment): ConfigProblem[] {
  const at = `computeEnvironments.${key}`;
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path: `${at}${path}`, message, fix });
  const network = config.network;
  if (network.mode === 'existing') {
    if (ce.availabilityZones !== undefined) {
      add('.availabilityZones', `got ${show(ce.availabilityZones)}; with network mode "existing" the stack does not know which availability zone each subnet is in`, 'list the subnets instead: "subnetIds", a subset of network.subnetIds');
    }
    ce.subnetIds?.forEach((subnet, i) => {
      if (!network.subnetIds.includes(subnet)) add(`.subnetIds[${i}]`, `got ${show(subnet)}, which is not one of network.subnetIds (${network.subnetIds.join(', ')})`, 'use subnets of network.subnetIds, or add it there');
      if (ce.subnetIds!.indexOf(subnet) !== i) add(`.subnetIds[${i}]`, `got ${show(subnet)} twice`, 'list each subnet once');
    });
    if (ce.placementGroup !== undefined && !isFargate(ce.type) && ce.subnetIds === undefined && network.subnetIds.length > 1) {
      add('.placementGroup', `got ${show(ce.placementGroup)}; a cluster placement group lives in one availability zone, and this compute environment would use all ${network.subnetIds.length} of network.subnetIds, whose zones the stack cannot see`, `add "subnetIds" to computeEnvironments.${key}: the subnets of network.subnetIds in one availability zone`);
    }
    return problems;
  }
  if (ce.subnetIds !== undefined) {
    add('.subnetIds', `got ${show(ce.subnetIds)}; the stack creates this VPC's subnets, one per availability zone`, `use "availabilityZones" instead, a subset of ${show(config.availabilityZones)}`);
  }
  ce.availabilityZones?.forEach((az, i) => {
    if (!config.availabilityZones.includes(az)) add(`.availabilityZones[${i}]`, `got ${show(az)}, which is not one of the stack's availability zones (${config.availabilityZones.join(', ')})`, 'use zones of the top-level availabilityZones, or add it there');
    if (ce.availabilityZones!.indexOf(az) !== i) add(`.availabilityZones[${i}]`, `got ${show(az)} twice`, 'list each availability zone once');
  });
  const zones = ce.availabilityZones ?? config.availabilityZones;
  if (ce.placementGroup !== undefined && !isFargate(ce.type) && new Set(zones).size > 1) {
    add('.placementGroup', `got ${show(ce.placementGroup)}; a cluster placement group lives in one availability zone, but this compute environment's subnets are in ${new Set(zones).size} (${[...new Set(zones)].join(', ')})`, `add "availabilityZones": [${show(zones[0])}] to computeEnvironments.${key}`);
  }
  return problems;
}
