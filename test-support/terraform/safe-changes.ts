/**
 * The catalogue of config edits whose effect on live infrastructure the
 * safe-changes tests prove and docs/change-matrix.md shows. Each
 * scenario is a deployed config (A) and an edit of it (B); the harness plans
 * B against A's converged state with the real provider.
 *
 * Bases differ only in what decides in-place versus replacement
 * (docs/aws-batch-facts.md#what-makes-a-compute-environment-updatable): the
 * allocation strategy and who owns the service role. All
 * use an existing VPC so that subnets and security groups are plain config
 * values (with a new VPC they change only when availability zones do; the
 * `new VPC` base covers that).
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Testing } from 'cdktf';
import { scratchApp } from './scratch-app.js';
import { loadBootstrapConfig } from '../../src/bootstrap/config.js';
import { BootstrapStack } from '../../src/bootstrap/stack.js';
import { BatchStack, loadConfigFile, type BatchConfig } from '../../src/index.js';
import type { ComputeEnvironmentConfig } from '../../src/config/schema.js';

export type BaseName = 'updatable' | 'best-fit' | 'custom-role' | 'spot-price' | 'fargate' | 'new-vpc' | 'workloads' | 'workloads-best-fit' | 'job-workloads';

export const BASE_TITLES: Readonly<Record<BaseName, string>> = {
  updatable: 'EC2 BEST_FIT_PROGRESSIVE + SPOT SPOT_CAPACITY_OPTIMIZED, service-linked role (the defaults)',
  'best-fit': 'EC2 with allocation strategy BEST_FIT',
  'custom-role': 'defaults, but a custom service role (`serviceRole: "custom"`)',
  'spot-price': 'SPOT with allocation strategy SPOT_PRICE_CAPACITY_OPTIMIZED (not updatable in provider 5.100.0); edits are of the SPOT environment',
  fargate: 'FARGATE compute environment',
  'new-vpc': 'defaults in a VPC the stack creates (`network.mode: "endpoints"`)',
  workloads:
    'defaults, the EC2 environment with every setting of its own: a GPU type, root volume, user data, AMI overrides (imageId, gpuImageId), instance tags, cluster placement group, one subnet',
  'workloads-best-fit': 'the same with allocation strategy BEST_FIT (not updatable)',
  'job-workloads': 'job settings in a VPC the stack creates: an EFS file system with an access point, a job with retry rules, shared memory, ulimits and default parameters, a multi-node parallel job',
};

/** ECR of the stack's own region: the only registry a VPC without internet access can pull from. */
const ECR = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com';
const SUBNETS = ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'];
const SECURITY_GROUPS = ['sg-0123456789abcdef0'];

function base(name: BaseName): BatchConfig {
  const network = { mode: 'existing' as const, subnetIds: SUBNETS, securityGroupIds: SECURITY_GROUPS };
  const report = {
    queue: 'main',
    image: `${ECR}/report:1`,
    command: ['python', '-m', 'report'],
    environment: { STAGE: 'dev' },
    vcpus: 1,
    memoryMiB: 2048,
  };
  if (name === 'fargate') {
    return {
      name: 'safe',
      accountId: '123456789012',
      network: { ...network, assignPublicIp: true },
      computeEnvironments: { fargate: { type: 'FARGATE', maxVcpus: 8 } },
      jobQueues: { main: { computeEnvironments: ['fargate'] } },
      jobDefinitions: { report: { ...report, vcpus: 0.5, memoryMiB: 1024 } },
    };
  }
  if (name === 'job-workloads') {
    return {
      name: 'safe',
      accountId: '123456789012',
      availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
      network: { mode: 'endpoints' },
      computeEnvironments: {
        ondemand: { type: 'EC2', maxVcpus: 16, instanceTypes: ['m6i.large'] },
        spot: { type: 'SPOT', maxVcpus: 32, instanceTypes: ['m6i.large'] },
      },
      jobQueues: { main: { computeEnvironments: ['spot', 'ondemand'] }, nodes: { computeEnvironments: ['ondemand'] } },
      fileSystems: { shared: { accessPoints: { data: { path: '/data', uid: 1000, gid: 1000 } } } },
      jobDefinitions: {
        report: {
          ...report,
          command: ['python', '-m', 'report', '--day', 'Ref::day'],
          parameters: { day: 'today' },
          retryRules: [{ action: 'RETRY', onExitCode: '137' }],
          sharedMemoryMiB: 512,
          ulimits: { nofile: { soft: 4096, hard: 8192 } },
          volumes: { data: { efs: 'shared', accessPoint: 'data', containerPath: '/data' } },
        },
        nodes: { ...report, queue: 'nodes', multiNode: { numNodes: 2, instanceType: 'm6i.large' } },
      },
    };
  }
  const workloads = name === 'workloads' || name === 'workloads-best-fit';
  return {
    name: 'safe',
    accountId: '123456789012',
    ...(name === 'new-vpc'
      ? { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'], network: { mode: 'endpoints' as const } }
      : { network }),
    ...(name === 'custom-role' ? { serviceRole: 'custom' as const } : {}),
    computeEnvironments: {
      ondemand: {
        type: 'EC2',
        maxVcpus: 16,
        instanceTypes: ['m6i.large'],
        allocationStrategy: name === 'best-fit' || name === 'workloads-best-fit' ? 'BEST_FIT' : 'BEST_FIT_PROGRESSIVE',
        ...(workloads ? WORKLOAD_SETTINGS : {}),
      },
      spot: { type: 'SPOT', maxVcpus: 32, instanceTypes: ['m6i.large'], allocationStrategy: name === 'spot-price' ? 'SPOT_PRICE_CAPACITY_OPTIMIZED' : 'SPOT_CAPACITY_OPTIMIZED' },
    },
    jobQueues: { main: { computeEnvironments: ['spot', 'ondemand'] } },
    jobDefinitions: { report },
  };
}

/** Every per-environment setting at once (docs/aws-batch-facts.md#what-replaces-a-compute-environment). */
const SCRATCH_SCRIPT = ['#!/bin/bash', 'mkdir -p /scratch'];
const WORKLOAD_SETTINGS: Partial<ComputeEnvironmentConfig> = {
  instanceTypes: ['m6i.large', 'g5.xlarge'],
  rootVolume: { sizeGiB: 100 },
  userData: SCRATCH_SCRIPT,
  imageId: 'ami-0123456789abcdef0',
  gpuImageId: 'ami-0fedcba9876543210',
  instanceTags: { CostCenter: 'genomics' },
  placementGroup: 'cluster',
  subnetIds: [SUBNETS[0]!],
};

type Json = Record<string, any>;

export interface Edit {
  readonly id: string;
  /** What the user changes, as the matrix shows it (per base when it differs). */
  readonly title: string | ((base: BaseName) => string);
  /** Bases the edit is tried on. */
  readonly bases: readonly BaseName[];
  /** The edited config (a deep copy of the base's is passed in). */
  readonly config?: (config: Json, base: BaseName) => void;
  /**
   * An edit of the synthesized JSON, for changes the config does not expose
   * but a change to the constructs would make (the launch template's
   * contents, the AMI image type).
   */
  readonly json?: (tfJson: Json, base: BaseName) => void;
}

const COMPUTE: BaseName[] = ['updatable', 'best-fit', 'custom-role', 'spot-price'];
const WORKLOADS: BaseName[] = ['workloads', 'workloads-best-fit'];

/**
 * The compute environment an edit targets: the one that decides the base,
 * the EC2 one (BEST_FIT in that base) except in `spot-price`, where it is the SPOT one.
 */
const targetKey = (base: BaseName) => (base === 'spot-price' ? 'spot' : 'ondemand');
const target = (config: Json, base: BaseName) => config.computeEnvironments[targetKey(base)];

export const EDITS: readonly Edit[] = [
  // Compute environments (docs/aws-batch-facts.md#what-replaces-a-compute-environment).
  { id: 'instance-types', title: 'instance types (add m6i.xlarge)', bases: COMPUTE, config: (c, b) => void target(c, b).instanceTypes.push('m6i.xlarge') },
  { id: 'subnets', title: 'subnets (add one)', bases: [...COMPUTE, 'fargate'], config: (c) => void c.network.subnetIds.push('subnet-0c0ffee0c0ffee012') },
  { id: 'security-groups', title: 'security groups (swap)', bases: [...COMPUTE, 'fargate'], config: (c) => void (c.network.securityGroupIds = ['sg-0fedcba9876543210']) },
  {
    id: 'allocation-strategy',
    title: (b) =>
      b === 'best-fit'
        ? 'allocation strategy BEST_FIT → BEST_FIT_PROGRESSIVE'
        : b === 'spot-price'
          ? 'allocation strategy SPOT_PRICE_CAPACITY_OPTIMIZED → SPOT_CAPACITY_OPTIMIZED'
          : 'allocation strategy of the SPOT environment, SPOT_CAPACITY_OPTIMIZED → BEST_FIT_PROGRESSIVE',
    bases: COMPUTE,
    config: (c, b) => {
      if (b === 'best-fit') c.computeEnvironments.ondemand.allocationStrategy = 'BEST_FIT_PROGRESSIVE';
      else if (b === 'spot-price') c.computeEnvironments.spot.allocationStrategy = 'SPOT_CAPACITY_OPTIMIZED';
      else c.computeEnvironments.spot.allocationStrategy = 'BEST_FIT_PROGRESSIVE';
    },
  },
  {
    id: 'launch-template',
    title: 'launch template contents (a new template version)',
    bases: COMPUTE,
    json: (tf) => {
      const [template] = Object.values(tf.resource.aws_launch_template as Json) as Json[];
      template!.metadata_options.http_put_response_hop_limit = 1;
    },
  },
  {
    id: 'launch-template-at-apply',
    title: 'launch template contents, as apply re-plans it (the new version number known)',
    bases: COMPUTE,
    json: (tf) => {
      const [template] = Object.values(tf.resource.aws_launch_template as Json) as Json[];
      template!.metadata_options.http_put_response_hop_limit = 1;
      // During apply, once the template is updated, its latest_version (2) is
      // known and Terraform plans the compute environments again with it.
      for (const ce of Object.values(tf.resource.aws_batch_compute_environment as Json) as Json[]) {
        if (ce.compute_resources.launch_template) ce.compute_resources.launch_template.version = '2';
      }
    },
  },
  {
    id: 'image-type',
    title: 'image type (ECS_AL2023 → ECS_AL2)',
    bases: COMPUTE,
    json: (tf, b) => void (tf.resource.aws_batch_compute_environment[targetKey(b)].compute_resources.ec2_configuration[0].image_type = 'ECS_AL2'),
  },
  { id: 'max-vcpus', title: 'max vCPUs (double)', bases: [...COMPUTE, 'fargate'], config: (c) => void (Object.values(c.computeEnvironments) as Json[]).forEach((ce) => (ce.maxVcpus *= 2)) },
  { id: 'add-az', title: 'availability zones (add one)', bases: ['new-vpc'], config: (c) => void c.availabilityZones.push('ap-northeast-1d') },
  // Settings of one compute environment's instances (docs/aws-batch-facts.md#what-replaces-a-compute-environment).
  {
    id: 'first-gpu-type',
    title: 'first GPU instance type (add g5.xlarge: the stack adds the ECS_AL2023_NVIDIA image entry)',
    bases: COMPUTE,
    config: (c, b) => void target(c, b).instanceTypes.push('g5.xlarge'),
  },
  { id: 'root-volume', title: 'root volume size set (100 GiB: a launch template of its own)', bases: COMPUTE, config: (c, b) => void (target(c, b).rootVolume = { sizeGiB: 100 }) },
  { id: 'user-data', title: 'user data set (a launch template of its own)', bases: COMPUTE, config: (c, b) => void (target(c, b).userData = SCRATCH_SCRIPT) },
  { id: 'ami-override', title: 'AMI override set (imageId)', bases: COMPUTE, config: (c, b) => void (target(c, b).imageId = 'ami-0123456789abcdef0') },
  { id: 'instance-tags', title: 'instance tags set', bases: COMPUTE, config: (c, b) => void (target(c, b).instanceTags = { CostCenter: 'genomics' }) },
  {
    id: 'placement-group',
    title: 'cluster placement group set (with its own subnet: one availability zone)',
    bases: COMPUTE,
    config: (c, b) => void Object.assign(target(c, b), { placementGroup: 'cluster', subnetIds: [SUBNETS[0]] }),
  },
  { id: 'own-subnets', title: 'own subnets set (one of the two)', bases: COMPUTE, config: (c, b) => void (target(c, b).subnetIds = [SUBNETS[0]]) },
  { id: 'own-zones', title: 'own availability zones set (one of the two)', bases: ['new-vpc'], config: (c) => void (c.computeEnvironments.ondemand.availabilityZones = ['ap-northeast-1a']) },
  // Edits of those settings once deployed.
  { id: 'root-volume-size', title: 'root volume size changed (100 → 200 GiB)', bases: WORKLOADS, config: (c) => void (c.computeEnvironments.ondemand.rootVolume.sizeGiB = 200) },
  {
    id: 'root-volume-size-at-apply',
    title: 'root volume size changed, as apply re-plans it (the new version number known)',
    bases: WORKLOADS,
    config: (c) => void (c.computeEnvironments.ondemand.rootVolume.sizeGiB = 200),
    json: (tf) => void (tf.resource.aws_batch_compute_environment.ondemand.compute_resources.launch_template.version = '2'),
  },
  { id: 'user-data-edit', title: 'user data edited', bases: WORKLOADS, config: (c) => void c.computeEnvironments.ondemand.userData.push('chmod 1777 /scratch') },
  { id: 'ami-override-changed', title: 'AMI override changed', bases: WORKLOADS, config: (c) => void (c.computeEnvironments.ondemand.imageId = 'ami-0fedcba9876543210') },
  { id: 'ami-override-removed', title: 'AMI override removed (imageId)', bases: WORKLOADS, config: (c) => void delete c.computeEnvironments.ondemand.imageId },
  { id: 'instance-tags-changed', title: 'instance tag value changed', bases: WORKLOADS, config: (c) => void (c.computeEnvironments.ondemand.instanceTags.CostCenter = 'research') },
  { id: 'instance-tags-removed', title: 'instance tags removed', bases: WORKLOADS, config: (c) => void delete c.computeEnvironments.ondemand.instanceTags },
  { id: 'placement-group-removed', title: 'cluster placement group removed', bases: WORKLOADS, config: (c) => void delete c.computeEnvironments.ondemand.placementGroup },
  { id: 'own-subnets-changed', title: 'own subnets changed (the other subnet)', bases: WORKLOADS, config: (c) => void (c.computeEnvironments.ondemand.subnetIds = [SUBNETS[1]]) },
  {
    id: 'own-template-removed',
    title: 'root volume and user data removed (back to the shared launch template)',
    bases: WORKLOADS,
    config: (c) => {
      delete c.computeEnvironments.ondemand.rootVolume;
      delete c.computeEnvironments.ondemand.userData;
    },
  },
  // Job definitions (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
  { id: 'job-image', title: 'job image', bases: ['updatable'], config: (c) => void (c.jobDefinitions.report.image = `${ECR}/report:2`) },
  { id: 'job-command', title: 'job command', bases: ['updatable'], config: (c) => void c.jobDefinitions.report.command.push('--verbose') },
  { id: 'job-environment', title: 'job environment variable', bases: ['updatable'], config: (c) => void (c.jobDefinitions.report.environment.LOG_LEVEL = 'debug') },
  { id: 'job-resources', title: 'job vCPUs and memory', bases: ['updatable'], config: (c) => void Object.assign(c.jobDefinitions.report, { vcpus: 2, memoryMiB: 4096 }) },
  { id: 'job-retries', title: 'job retry attempts', bases: ['updatable'], config: (c) => void (c.jobDefinitions.report.retryAttempts = 5) },
  {
    id: 'job-rename',
    title: 'job definition key renamed (report → reports)',
    bases: ['updatable'],
    config: (c) => {
      c.jobDefinitions = { reports: c.jobDefinitions.report };
    },
  },
  // Job definition settings of Step 11 (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
  {
    id: 'job-retry-rule-added',
    title: 'job retry rule added',
    bases: ['updatable'],
    config: (c) => void (c.jobDefinitions.report.retryRules = [{ action: 'RETRY', onExitCode: '137' }]),
  },
  { id: 'job-retry-rule-removed', title: 'job retry rule removed', bases: ['job-workloads'], config: (c) => void (c.jobDefinitions.report.retryRules = []) },
  { id: 'job-retry-rule-edited', title: 'job retry rule edited (exit code 137 → 139)', bases: ['job-workloads'], config: (c) => void (c.jobDefinitions.report.retryRules[0].onExitCode = '139') },
  { id: 'job-shared-memory', title: 'job shared memory size', bases: ['job-workloads'], config: (c) => void (c.jobDefinitions.report.sharedMemoryMiB = 1024) },
  { id: 'job-ulimits', title: 'job ulimit', bases: ['job-workloads'], config: (c) => void (c.jobDefinitions.report.ulimits.nofile.hard = 16384) },
  { id: 'job-parameters', title: 'job default parameter', bases: ['job-workloads'], config: (c) => void (c.jobDefinitions.report.parameters.day = 'yesterday') },
  {
    id: 'job-host-volume',
    title: 'job host volume added',
    bases: ['updatable'],
    config: (c) => void (c.jobDefinitions.report.volumes = { scratch: { host: '/scratch', containerPath: '/scratch' } }),
  },
  { id: 'job-keep-revisions', title: 'job deregisterOnNewRevision true → false', bases: ['updatable'], config: (c) => void (c.jobDefinitions.report.deregisterOnNewRevision = false) },
  { id: 'job-ephemeral-storage', title: 'job ephemeral storage added (100 GiB)', bases: ['fargate'], config: (c) => void (c.jobDefinitions.report.ephemeralStorageGiB = 100) },
  { id: 'job-cpu-architecture', title: 'job CPU architecture X86_64 → ARM64', bases: ['fargate'], config: (c) => void (c.jobDefinitions.report.cpuArchitecture = 'ARM64') },
  {
    id: 'efs-added',
    title: 'EFS file system added and mounted by a job',
    bases: ['new-vpc'],
    config: (c) => {
      c.fileSystems = { shared: {} };
      c.jobDefinitions.report.volumes = { data: { efs: 'shared', containerPath: '/data' } };
    },
  },
  { id: 'efs-access-point-path', title: 'EFS access point path', bases: ['job-workloads'], config: (c) => void (c.fileSystems.shared.accessPoints.data.path = '/datasets') },
  { id: 'efs-throughput-mode', title: 'EFS throughput mode elastic → bursting', bases: ['job-workloads'], config: (c) => void (c.fileSystems.shared.throughputMode = 'bursting') },
  { id: 'efs-iam-authorization', title: 'EFS IAM authorization turned on', bases: ['job-workloads'], config: (c) => void (c.fileSystems.shared.iamAuthorization = true) },
  {
    id: 'multi-node-added',
    title: 'multi-node parallel job added (with its queue)',
    bases: ['new-vpc'],
    config: (c) => {
      c.jobQueues.nodes = { computeEnvironments: ['ondemand'] };
      c.jobDefinitions.nodes = { queue: 'nodes', image: `${ECR}/report:1`, multiNode: { numNodes: 2 } };
    },
  },
  { id: 'multi-node-nodes', title: 'multi-node job node count', bases: ['job-workloads'], config: (c) => void (c.jobDefinitions.nodes.multiNode.numNodes = 4) },
  {
    id: 'multi-node-instance-type',
    title: 'multi-node job instance type',
    bases: ['job-workloads'],
    config: (c) => {
      c.jobDefinitions.nodes.multiNode.instanceType = 'm6i.xlarge';
      c.computeEnvironments.ondemand.instanceTypes = ['m6i.large', 'm6i.xlarge'];
    },
  },
  // Additions and queues.
  {
    id: 'add-compute-environment',
    title: "compute environment added to a queue's order",
    bases: ['updatable'],
    config: (c) => {
      c.computeEnvironments.large = { type: 'EC2', maxVcpus: 64, instanceTypes: ['m6i.4xlarge'] };
      c.jobQueues.main.computeEnvironments.push('large');
    },
  },
  {
    id: 'add-job-definition',
    title: 'job definition added',
    bases: ['updatable'],
    config: (c) => void (c.jobDefinitions.cleanup = { queue: 'main', image: `${ECR}/cleanup:1`, command: ['cleanup'] }),
  },
  { id: 'queue-priority', title: 'job queue priority', bases: ['updatable'], config: (c) => void (c.jobQueues.main.priority = 10) },
  {
    id: 'queue-rename',
    title: 'job queue key renamed (main → primary)',
    bases: ['updatable'],
    config: (c) => {
      c.jobQueues = { primary: c.jobQueues.main };
      for (const job of Object.values(c.jobDefinitions) as Json[]) job.queue = 'primary';
    },
  },
];

export interface ChangeScenario {
  readonly id: string;
  readonly base: BaseName;
  readonly edit: Edit;
  /** The edit's title for this base. */
  readonly title: string;
  readonly before: object;
  readonly after: object;
}

/** The stack id: it names resources and tags, and is the same before and after every edit. */
const STACK_ID = 'safe';

/** Terraform JSON of a config, synthesized the way `cdktf synth` does. */
export function synthesize(config: BatchConfig): Json {
  return JSON.parse(Testing.synth(new BatchStack(scratchApp(), STACK_ID, config))) as Json;
}

export function baseConfig(name: BaseName): BatchConfig {
  return base(name);
}

/** Every (base, edit) pair, synthesized. */
export function changeScenarios(edits: readonly Edit[] = EDITS): ChangeScenario[] {
  const bases = new Map<BaseName, Json>();
  const before = (name: BaseName) => bases.get(name) ?? bases.set(name, synthesize(base(name))).get(name)!;
  return edits.flatMap((edit) =>
    edit.bases.map((name) => {
      const config = structuredClone(base(name)) as Json;
      edit.config?.(config, name);
      const after = edit.config ? synthesize(config as BatchConfig) : structuredClone(before(name));
      edit.json?.(after, name);
      const title = typeof edit.title === 'string' ? edit.title : edit.title(name);
      return { id: `${name}/${edit.id}`, base: name, edit, title, before: before(name), after };
    }),
  );
}

/** The project folder, for the environment and example configs. */
const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * Every stack this project emits from its own configs: each environment
 * (environments/*.json; the bootstrap stack from its own file) and each
 * example (examples/*.json). The harness converges each: its plan against its
 * own state must show no changes (no perpetual diff, job definitions included).
 */
export function emittedStacks(): { id: string; tfJson: Json }[] {
  const configs = [
    ...readdirSync(join(ROOT, 'environments')).filter((f) => f.endsWith('.json') && f !== 'bootstrap.json').map((f) => `environments/${f}`),
    ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).map((f) => `examples/${f}`),
  ].sort();
  const stacks = configs.map((file) => {
    const id = basename(file, '.json');
    return { id: file, tfJson: JSON.parse(Testing.synth(new BatchStack(scratchApp(), id, loadConfigFile(join(ROOT, file)), { file }))) as Json };
  });
  const bootstrap = new BootstrapStack(scratchApp(), 'bootstrap', loadBootstrapConfig(join(ROOT, 'environments/bootstrap.json')));
  return [...stacks, { id: 'environments/bootstrap.json', tfJson: JSON.parse(Testing.synth(bootstrap)) as Json }];
}
