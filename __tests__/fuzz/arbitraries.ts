/**
 * Generators of configs for property-based tests: valid ones built from the
 * schema's own vocabulary, and subtly broken variants of them (wrong types,
 * out-of-range numbers, unknown keys, dangling references, duplicates, empty
 * maps, huge values, unicode names).
 */
import fc from 'fast-check';
import type { BatchConfig } from '../../src/index';
import { FARGATE_VCPUS, fargateMemoryChoices } from '../../src/aws/fargate';

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
  },
  { requiredKeys: ['type'] },
);
const fargateCe = fc.record({ type: fc.constantFrom('FARGATE' as const, 'FARGATE_SPOT' as const), maxVcpus: fc.integer({ min: 1, max: 4096 }) }, { requiredKeys: ['type'] });

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
      fc.record({ image: ECR_IMAGE, env, fargateVcpus: fc.constantFrom(...FARGATE_VCPUS), ec2Vcpus: fc.integer({ min: 1, max: 8 }), pick: fc.nat(), retryAttempts: fc.integer({ min: 1, max: 10 }) }),
      { minLength: 3, maxLength: 3 },
    ),
    serviceRole: fc.constantFrom('service-linked' as const, 'custom' as const),
  })
  .map((g) => {
    const computeEnvironments = Object.fromEntries(g.ces.map((key, i) => [key, g.fargate ? g.ceSpecs[i]![1] : g.ceSpecs[i]![0]]));
    const jobQueues = Object.fromEntries(g.queues.map((key, i) => [key, { computeEnvironments: g.ces.slice(0, 1 + (i % g.ces.length)) }]));
    const jobDefinitions = Object.fromEntries(
      g.jobs.map((key, i) => {
        const spec = g.jobSpecs[i]!;
        const memoryChoices = fargateMemoryChoices(spec.fargateVcpus);
        const sizes = g.fargate
          ? { vcpus: spec.fargateVcpus, memoryMiB: memoryChoices[spec.pick % memoryChoices.length]! }
          : { vcpus: spec.ec2Vcpus, memoryMiB: 1024 * spec.ec2Vcpus };
        return [key, { queue: g.queues[i % g.queues.length]!, image: spec.image, environment: spec.env, retryAttempts: spec.retryAttempts, ...sizes }];
      }),
    );
    return { name: g.name, accountId: '123456789012', network: g.network, serviceRole: g.serviceRole, computeEnvironments, jobQueues, jobDefinitions } as BatchConfig;
  });

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
