/**
 * Generators of configs for property-based tests: valid ones built from the
 * schema's own vocabulary, and subtly broken variants of them (wrong types,
 * out-of-range numbers, unknown keys, dangling references, duplicates, empty
 * maps, huge values, unicode names).
 */
import fc from 'fast-check';
import type { BatchConfig } from '../../src/index';
import { FARGATE_VCPUS, fargateMemoryChoices } from '../../src/aws/fargate';
import { TMPFS_MOUNT_OPTIONS, ULIMIT_NAMES } from '../../src/aws/job-definitions';

const KEY = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const REGION = 'ap-northeast-1';
const ECR_IMAGE = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/).map((repo) => `123456789012.dkr.ecr.${REGION}.amazonaws.com/${repo}:1`);

const network = fc.oneof(
  fc.constant({ mode: 'endpoints' as const }),
  fc.constantFrom('perAz' as const, 'single' as const).map((natGateways) => ({ mode: 'nat' as const, natGateways })),
  fc.constant({ mode: 'public' as const, vpcCidr: '10.9.0.0/20' }),
  fc.boolean().map((assignPublicIp) => ({ mode: 'existing' as const, subnetIds: ['subnet-0abc1234', 'subnet-0def5678'], securityGroupIds: ['sg-0123abcd'], assignPublicIp })),
);

const ec2Ce = fc.record(
  {
    type: fc.constantFrom('EC2' as const, 'SPOT' as const),
    maxVcpus: fc.integer({ min: 1, max: 4096 }),
    instanceTypes: fc.constantFrom(['default_x86_64'], ['m6i', 'c6i'], ['m6i.large'], ['optimal'], ['g5.2xlarge']),
    rootVolume: fc.record({ sizeGiB: fc.integer({ min: 30, max: 2000 }), type: fc.constantFrom('gp3' as const, 'gp2' as const) }, { requiredKeys: [] }),
    userData: fc.constantFrom('#!/bin/bash\nmkdir -p /scratch\n', ['#!/bin/bash', 'echo ECS_IMAGE_PULL_BEHAVIOR=prefer-cached >> /etc/ecs/ecs.config']),
    imageId: fc.constantFrom('ami-0123456789abcdef0', 'ami-12345678'),
    instanceTags: fc.dictionary(fc.stringMatching(/^[A-Z][a-zA-Z]{0,8}$/), fc.string({ maxLength: 12 }), { maxKeys: 3 }),
    // Resolved against the network in validConfig: a cluster placement group
    // needs the environment's subnets in one zone, so it comes with them.
    pinned: fc.constantFrom('one-zone' as const, 'placement-group' as const),
  },
  { requiredKeys: ['type'] },
);
const fargateCe = fc.record({ type: fc.constantFrom('FARGATE' as const, 'FARGATE_SPOT' as const), maxVcpus: fc.integer({ min: 1, max: 4096 }) }, { requiredKeys: ['type'] });

/** Step 11 job settings, each optional; validConfig keeps only those the job's platform takes. */
const RETRY_RULES = [
  { action: 'RETRY' as const, onExitCode: '137' },
  { action: 'EXIT' as const, onExitCode: '1*' },
  { action: 'RETRY' as const, onReason: 'CannotPullContainerError:*' },
  { action: 'EXIT' as const, onStatusReason: 'Essential container in task exited' },
  { action: 'RETRY' as const, onExitCode: '2', onReason: 'Task failed*' },
];
const ulimit = fc.integer({ min: 0, max: 1_048_576 }).chain((soft) => fc.integer({ min: soft, max: 1_048_576 }).map((hard) => ({ soft, hard })));
const jobSettings = fc.record(
  {
    retryRules: fc.subarray(RETRY_RULES, { maxLength: 3 }),
    parameter: fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/),
    deregisterOnNewRevision: fc.boolean(),
    initProcess: fc.boolean(),
    user: fc.constantFrom('1000', '1000:1000', 'nobody', 'app:app'),
    readonlyRootFilesystem: fc.boolean(),
    efs: fc.record({ readOnly: fc.boolean(), accessPoint: fc.boolean(), rootDirectory: fc.boolean(), transitEncryption: fc.boolean() }, { requiredKeys: [] }),
    // EC2/SPOT only; shared memory and tmpfs stay below the smallest job memory (1024 MiB).
    host: fc.constantFrom('/scratch', '/mnt/data'),
    sharedMemoryMiB: fc.integer({ min: 1, max: 256 }),
    tmpfs: fc.record({ sizeMiB: fc.integer({ min: 1, max: 256 }), mountOptions: fc.subarray([...TMPFS_MOUNT_OPTIONS], { maxLength: 3 }) }),
    swap: fc.oneof(fc.record({ maxSwapMiB: fc.integer({ min: 1, max: 8192 }), swappiness: fc.integer({ min: 0, max: 100 }) }), fc.record({ maxSwapMiB: fc.integer({ min: 0, max: 8192 }) })),
    ulimits: fc.dictionary(fc.constantFrom(...ULIMIT_NAMES), ulimit, { maxKeys: 3 }),
    multiNode: fc.integer({ min: 1, max: 4 }).chain((numNodes) =>
      fc.record({
        numNodes: fc.constant(numNodes),
        mainNode: fc.integer({ min: 0, max: numNodes - 1 }),
        instanceType: fc.boolean(),
        nodeRanges: fc.constantFrom(
          undefined,
          { '0:': { command: ['python', 'main.py'] } },
          ...(numNodes > 1 ? [{ '0:0': { environment: { ROLE: 'main' } }, '1:': { environment: { ROLE: 'worker' }, vcpus: 1 } }] : []),
        ),
      }),
    ),
    // Fargate only.
    ephemeralStorageGiB: fc.integer({ min: 21, max: 200 }),
    cpuArchitecture: fc.constantFrom('X86_64' as const, 'ARM64' as const),
    platformVersion: fc.constantFrom('LATEST' as const, '1.4.0' as const),
  },
  { requiredKeys: [] },
);

/** A file system for the network: one the stack creates in its VPC, or an existing one (network mode `existing`). */
const fileSystem = fc.record({
  iamAuthorization: fc.boolean(),
  throughputMode: fc.constantFrom(undefined, 'elastic' as const, 'bursting' as const),
  accessPoint: fc.record({ path: fc.constantFrom('/data', '/shared/in'), uid: fc.integer({ min: 0, max: 65534 }), gid: fc.integer({ min: 0, max: 65534 }), permissions: fc.constantFrom(undefined, '750', '0775') }),
});

const env = fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/).filter((n) => !/(^|_)(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|APIKEY|CREDENTIALS)(_|$)/.test(n)), fc.string({ minLength: 1, maxLength: 12 }), { maxKeys: 3 });

/** A config the schema accepts: one compute class per queue, sizes that fit. */
export const validConfig: fc.Arbitrary<BatchConfig> = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
    network,
    fargate: fc.boolean(),
    ces: fc.uniqueArray(KEY, { minLength: 1, maxLength: 3 }),
    queues: fc.uniqueArray(KEY, { minLength: 1, maxLength: 2 }),
    jobs: fc.uniqueArray(KEY, { minLength: 0, maxLength: 3 }),
    ceSpecs: fc.array(fc.tuple(ec2Ce, fargateCe), { minLength: 3, maxLength: 3 }),
    jobSpecs: fc.array(
      fc.record({ image: ECR_IMAGE, env, fargateVcpus: fc.constantFrom(...FARGATE_VCPUS), ec2Vcpus: fc.integer({ min: 1, max: 8 }), pick: fc.nat(), retryAttempts: fc.integer({ min: 1, max: 10 }), settings: jobSettings }),
      { minLength: 3, maxLength: 3 },
    ),
    serviceRole: fc.constantFrom('service-linked' as const, 'custom' as const),
    fileSystem: fc.option(fileSystem),
  })
  .map((g) => {
    const existing = g.network.mode === 'existing';
    const computeEnvironments: Record<string, { type: string; instanceTypes?: readonly string[] }> = Object.fromEntries(
      g.ces.map((key, i) => [key, g.fargate ? g.ceSpecs[i]![1] : pinned(g.ceSpecs[i]![0], existing)]),
    );
    const jobQueues = Object.fromEntries(g.queues.map((key, i) => [key, { computeEnvironments: g.ces.slice(0, 1 + (i % g.ces.length)) }]));
    const fileSystems = g.fileSystem ? { shared: sharedFileSystem(g.fileSystem, existing) } : undefined;
    const jobDefinitions = Object.fromEntries(
      g.jobs.map((key, i) => {
        const spec = g.jobSpecs[i]!;
        const memoryChoices = fargateMemoryChoices(spec.fargateVcpus);
        const sizes = g.fargate
          ? { vcpus: spec.fargateVcpus, memoryMiB: memoryChoices[spec.pick % memoryChoices.length]! }
          : { vcpus: spec.ec2Vcpus, memoryMiB: 1024 * spec.ec2Vcpus };
        const queue = g.queues[i % g.queues.length]!;
        const queueCes = jobQueues[queue]!.computeEnvironments.map((ce) => computeEnvironments[ce]!);
        const base = { queue, image: spec.image, environment: spec.env, retryAttempts: spec.retryAttempts, ...sizes };
        return [key, { ...base, ...workloadSettings(spec.settings, { fargate: g.fargate, fileSystems, queueCes, retryAttempts: spec.retryAttempts }) }];
      }),
    );
    return { name: g.name, accountId: '123456789012', network: g.network, serviceRole: g.serviceRole, computeEnvironments, jobQueues, ...(fileSystems ? { fileSystems } : {}), jobDefinitions } as BatchConfig;
  });

type Ec2CeSpec = ReturnType<typeof ec2Ce.generate>['value'];

/** An EC2/SPOT environment's own subnets (one zone), with a cluster placement group when asked: in the network's own words. */
function pinned({ pinned: pin, ...ce }: Ec2CeSpec, existing: boolean): Omit<Ec2CeSpec, 'pinned'> {
  if (pin === undefined) return ce;
  const subnets = existing ? { subnetIds: ['subnet-0abc1234'] } : { availabilityZones: [`${REGION}a`] };
  return { ...ce, ...subnets, ...(pin === 'placement-group' ? { placementGroup: 'cluster' } : {}) };
}

/** A file system the stack creates (new VPC) or an existing one by id (network mode `existing`), with one access point. */
function sharedFileSystem(fs: ReturnType<typeof fileSystem.generate>['value'], existing: boolean): object {
  const iam = { iamAuthorization: fs.iamAuthorization };
  if (existing) return { ...iam, fileSystemId: 'fs-0123abcd', accessPoints: { ap: { accessPointId: 'fsap-0123456789abcdef0' } } };
  const { permissions, ...ap } = fs.accessPoint;
  return { ...iam, ...(fs.throughputMode ? { throughputMode: fs.throughputMode } : {}), accessPoints: { ap: { ...ap, ...(permissions ? { permissions } : {}) } } };
}

/**
 * The generated Step 11 settings a job keeps, by the config's own rules:
 * Linux parameters, ulimits and host volumes on EC2/SPOT only, Fargate
 * storage and architecture on Fargate only, a multi-node job only on a queue
 * with an EC2 (on-demand) environment (its instance type one that environment
 * may launch), an EFS volume only with a file system, TLS off only without an
 * access point or IAM authorization, each `Ref::` parameter used by the command,
 * RETRY rules only with a second attempt to make.
 */
function workloadSettings(
  s: ReturnType<typeof jobSettings.generate>['value'],
  context: { fargate: boolean; fileSystems?: { shared: { iamAuthorization?: boolean } }; queueCes: { type: string; instanceTypes?: readonly string[] }[]; retryAttempts: number },
): Record<string, unknown> {
  const { fargate, fileSystems, queueCes, retryAttempts } = context;
  const out: Record<string, unknown> = {};
  const copy = (...keys: (keyof typeof s)[]) => keys.forEach((k) => s[k] !== undefined && (out[k] = s[k]));
  copy('deregisterOnNewRevision', 'initProcess', 'user', 'readonlyRootFilesystem');
  // RETRY needs a second attempt to make.
  if (s.retryRules) out.retryRules = retryAttempts > 1 ? s.retryRules : s.retryRules.filter((rule) => rule.action === 'EXIT');
  if (s.parameter) {
    out.command = ['run', `Ref::${s.parameter}`];
    out.parameters = { [s.parameter]: 'default' };
  }
  const volumes: Record<string, object> = {};
  if (s.efs && fileSystems) {
    const withAp = s.efs.accessPoint === true;
    const tlsRequired = withAp || fileSystems.shared.iamAuthorization === true;
    volumes.shared = {
      efs: 'shared',
      containerPath: '/shared',
      ...(s.efs.readOnly !== undefined ? { readOnly: s.efs.readOnly } : {}),
      ...(withAp ? { accessPoint: 'ap' } : s.efs.rootDirectory ? { rootDirectory: '/exports' } : {}),
      ...(s.efs.transitEncryption !== undefined && (s.efs.transitEncryption || !tlsRequired) ? { transitEncryption: s.efs.transitEncryption } : {}),
    };
  }
  if (fargate) {
    copy('ephemeralStorageGiB', 'cpuArchitecture', 'platformVersion');
  } else {
    copy('sharedMemoryMiB', 'swap', 'ulimits');
    if (s.host) volumes.scratch = { host: s.host, containerPath: '/scratch' };
    if (s.tmpfs) out.tmpfs = { '/tmp/work': s.tmpfs };
    const onDemand = queueCes.find((ce) => ce.type === 'EC2');
    if (s.multiNode && onDemand) {
      const { instanceType, nodeRanges, ...multiNode } = s.multiNode;
      const family = onDemand.instanceTypes?.find((t) => /^(m6i|c6i)(\.|$)/.test(t));
      out.multiNode = { ...multiNode, ...(instanceType && family ? { instanceType: `${family.split('.')[0]}.large` } : {}), ...(nodeRanges ? { nodeRanges } : {}) };
    }
  }
  if (Object.keys(volumes).length > 0) out.volumes = volumes;
  return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path (as segments) to a value inside a JSON value. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: Json, path: (string | number)[], fn: (old: Json) => Json | undefined): Json {
  if (path.length === 0) return fn(root) ?? null;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let node = copy as Record<string | number, Json>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  const next = fn(node[last]!);
  if (next === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = next;
  return copy;
}

const WEIRD_VALUES: Json[] = [null, true, -1, 0, 1.5, 1e308, -1e308, '', ' ', 'é', '名前', '🚀', 'x'.repeat(5000), [], {}, [1, 'a'], { a: 1 }];
const WEIRD_KEYS = ['', 'Name', 'maxVCpus', 'instancetype', '名前', '🚀', 'a b', 'a.b', 'x'.repeat(300), '__proto__', 'constructor'];

/** One small mutation of a valid config; most produce something the schema must refuse. */
export const mutatedConfig: fc.Arbitrary<unknown> = fc
  .tuple(validConfig, fc.nat(), fc.integer({ min: 0, max: 7 }), fc.constantFrom(...WEIRD_VALUES), fc.constantFrom(...WEIRD_KEYS))
  .map(([config, pick, kind, weird, weirdKey]) => {
    const root = config as unknown as Json;
    const all = paths(root);
    const path = all[pick % all.length]!;
    switch (kind) {
      case 0: // replace a value with a value of another type or range
        return setAt(root, path, () => weird);
      case 1: // delete a key or element
        return setAt(root, path, () => undefined);
      case 2: // add an unknown or unicode key to an object
        return setAt(root, path, (old) => (old && typeof old === 'object' && !Array.isArray(old) ? { ...old, [weirdKey]: weird } : old));
      case 3: // a dangling reference from a queue
        return setAt(root, ['jobQueues'], (queues) => ({ ...(queues as object), dangling: { computeEnvironments: ['no-such-ce'] } }));
      case 4: // a duplicate compute environment in a queue
        return setAt(root, ['jobQueues'], (queues) => Object.fromEntries(Object.entries(queues as Record<string, { computeEnvironments: string[] }>).map(([k, q]) => [k, { ...q, computeEnvironments: [...q.computeEnvironments, q.computeEnvironments[0]!] }])));
      case 5: // an empty map
        return setAt(root, [(['computeEnvironments', 'jobQueues', 'jobDefinitions'] as const)[pick % 3]], () => ({}));
      case 6: // a huge number anywhere a number is
        return setAt(root, path, (old) => (typeof old === 'number' ? old * 1e9 : old));
      default: // a unicode name for a compute environment
        return setAt(root, ['computeEnvironments'], (ces) => ({ ...(ces as object), [weirdKey || 'é']: { type: 'EC2' } }));
    }
  });
