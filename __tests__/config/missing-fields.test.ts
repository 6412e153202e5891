/**
 * A required field left out is reported as "missing: <path> is required",
 * with what to put there, never in zod's words ("Invalid input: expected
 * array, received undefined"): for every field the schemas require, found by
 * leaving out each field of full configs in turn.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BootstrapConfigSchema, parseBootstrapConfig } from '../../src/bootstrap/config';
import { ConfigError, formatPath } from '../../src/config/errors';
import { loadConfigFile } from '../../src/config/load';
import { parseConfig } from '../../src/config/parse';
import { BatchConfigSchema } from '../../src/config/schema';
import { ROOT } from '../support/synth';

const ECR = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com';

/** Between them, every object the config schema has, each with its fields set. */
const FULL_CONFIGS: Record<string, unknown> = {
  endpoints: {
    name: 'full',
    accountId: '123456789012',
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    network: { mode: 'endpoints' },
    computeEnvironments: { ondemand: { type: 'EC2', maxVcpus: 16, instanceTypes: ['m6i.large'], rootVolume: { sizeGiB: 100, type: 'io1', iops: 3000 } } },
    jobQueues: { main: { computeEnvironments: ['ondemand'], fairShare: { shares: { teamA: 1 } } } },
    fileSystems: { shared: { accessPoints: { data: { path: '/data', uid: 1000, gid: 1000 } } } },
    jobDefinitions: {
      hello: {
        queue: 'main',
        shareIdentifier: 'teamA',
        image: `${ECR}/hello:1`,
        command: ['run', 'Ref::day'],
        parameters: { day: 'today' },
        jobRoleStatements: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }],
        secrets: { TOKEN: { arn: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:token-AbCdEf', kmsKeyArn: 'arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' } },
        volumes: { data: { efs: 'shared', accessPoint: 'data', containerPath: '/data' }, scratch: { host: '/scratch', containerPath: '/scratch' } },
        tmpfs: { '/tmp': { sizeMiB: 64 } },
        ulimits: { nofile: { soft: 1024, hard: 4096 } },
        swap: { maxSwapMiB: 1024, swappiness: 10 },
        retryRules: [{ action: 'RETRY', onExitCode: '137' }],
        schedules: { nightly: { expression: 'rate(1 day)' } },
      },
      nodes: { queue: 'main', shareIdentifier: 'teamA', image: `${ECR}/mpi:1`, multiNode: { numNodes: 2, nodeRanges: { '0:': { vcpus: 2 } } } },
    },
    notifications: { statuses: ['FAILED'], subscriptions: { oncall: { protocol: 'email', endpoint: 'oncall@example.com' } } },
    backend: { type: 's3', bucket: 'state-bucket', key: 'batch/full.tfstate', region: 'ap-northeast-1' },
    doctorSuppressions: [{ rule: 'BATCH_JOB_PRIVILEGED', reason: 'needed for the test' }],
  },
  existing: {
    name: 'full',
    accountId: '123456789012',
    network: { mode: 'existing', subnetIds: ['subnet-0a1b2c3d4e5f60718'], securityGroupIds: ['sg-0123456789abcdef0'] },
    computeEnvironments: { fargate: { type: 'FARGATE' } },
    jobQueues: { main: { computeEnvironments: ['fargate'] } },
    fileSystems: { shared: { fileSystemId: 'fs-0123456789abcdef0', accessPoints: { data: { accessPointId: 'fsap-0123456789abcdef0' } } } },
    jobDefinitions: { hello: { queue: 'main', image: `${ECR}/hello:1`, vcpus: 0.5, memoryMiB: 1024 } },
  },
};

/** Every path of an object field in `value` (array items and map entries are walked, not removed). */
function fieldPaths(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => fieldPaths(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [[...path, key], ...fieldPaths(item, [...path, key])]);
}

function without(config: unknown, path: readonly PropertyKey[]): unknown {
  const copy = structuredClone(config) as any;
  const parent = path.slice(0, -1).reduce((node, key) => node[key], copy);
  delete parent[path[path.length - 1]!];
  return copy;
}

/** The fields the schema itself requires: leaving one out makes zod report that very path. */
function requiredFields(schema: { safeParse(input: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } }, config: unknown): PropertyKey[][] {
  expect(schema.safeParse(config).success).toBe(true);
  return fieldPaths(config).filter((path) => {
    const result = schema.safeParse(without(config, path));
    return !result.success && result.error!.issues.some((issue) => formatPath(issue.path) === formatPath(path));
  });
}

function problemAt(parse: () => unknown, path: readonly PropertyKey[]) {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.find((p) => p.path === formatPath(path));
  }
  return undefined;
}

describe('a missing required field of an environment config', () => {
  for (const [name, config] of Object.entries(FULL_CONFIGS)) {
    const required = requiredFields(BatchConfigSchema, config);
    it(`${name}: finds required fields to leave out`, () => expect(required.length).toBeGreaterThan(4));
    it.each(required.map((path) => [formatPath(path), path] as const))(`${name}: %s`, (at, path) => {
      const problem = problemAt(() => parseConfig(without(config, path) as never, 'environments/full.json'), path);
      expect(problem, at).toMatchObject({ message: `missing: ${at} is required`, fix: expect.stringMatching(new RegExp(`^add "${String(path[path.length - 1])}" to `)) });
      // What to put there: more than a bare type name.
      expect(problem!.fix.split(': ').slice(1).join(': ').length, problem!.fix).toBeGreaterThan(8);
      expect(problem!.fix).not.toMatch(/received undefined|Invalid input/);
    });
  }
});

describe('a missing required field of the bootstrap config', () => {
  const config = loadConfigFile(join(ROOT, 'environments/bootstrap.json'));
  const required = requiredFields(BootstrapConfigSchema, config);

  it('every field without a default is found', () => expect(required.map((p) => formatPath(p)).sort()).toEqual(['accountId', 'region', 'repository', 'stateBucket', 'stateKeys']));

  it.each(required.map((path) => [formatPath(path), path] as const))('%s', (at, path) => {
    const problem = problemAt(() => parseBootstrapConfig(without(config, path), 'environments/bootstrap.json'), path);
    expect(problem).toMatchObject({ message: `missing: ${at} is required`, fix: expect.stringMatching(new RegExp(`^add "${at}" to the top level of the config: .*e\\.g\\.|"owner/name"`)) });
    expect(problem!.fix).not.toMatch(/received undefined|Invalid input/);
  });
});
