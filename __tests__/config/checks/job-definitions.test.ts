/** checks/job-definitions.ts: the platform of the job's queue, its environment and secrets, its image. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/index';
import { baseConfig } from '../../support/synth';
import { errorOf, problemsOf } from './problems';
import { workloadsConfig } from '../../support/workloads';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello:1';
const SECRET = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf';

describe('job definitions', () => {
  it('rejects a job definition on an unknown queue', () => {
    const error = errorOf(baseConfig({ jobDefinitions: { hello: { queue: 'mian', image: 'x' } } }));
    expect(error.problems[0]).toMatchObject({ path: 'jobDefinitions.hello.queue', fix: 'use one of: main' });
  });

  it('rejects an invalid Fargate vCPU/memory pair with the allowed values', () => {
    const error = errorOf(
      baseConfig({
        computeEnvironments: { fargate: { type: 'FARGATE' } },
        jobQueues: { main: { computeEnvironments: ['fargate'] } },
        jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', vcpus: 1, memoryMiB: 1024 } },
      }),
    );
    expect(error.problems[0]).toMatchObject({ path: 'jobDefinitions.hello.memoryMiB', message: 'got vcpus 1 with memoryMiB 1024; with 1 vCPU Fargate allows 2048 to 8192 MiB in steps of 1024' });
  });

  it('rejects an image endpoints mode cannot pull, with the ECR address to use', () => {
    const error = errorOf(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: 'busybox:latest' } } }));
    expect(error.problems[0]).toMatchObject({
      path: 'jobDefinitions.hello.image',
      fix: 'push the image to ECR (123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/<repository>:<tag>), or use network mode "nat"',
    });
  });

  it('accepts any image in NAT mode', () => {
    expect(() => parseConfig(baseConfig({ network: { mode: 'nat' }, jobDefinitions: { hello: { queue: 'main', image: 'busybox:latest' } } }))).not.toThrow();
  });

  it.each(['DB_PASSWORD', 'api_key', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'Secret'])('rejects a literal value for %s, pointing at secrets', (name) => {
    const error = errorOf(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', environment: { [name]: 'hunter2' } } } }));
    expect(error.problems[0]).toMatchObject({ path: `jobDefinitions.hello.environment.${name}`, fix: expect.stringContaining(`"secrets": {"${name}": "arn:aws:secretsmanager:`) });
  });

  it.each(['KEYSPACE', 'MONKEY', 'TOKENIZER_MODEL', 'LOG_LEVEL'])('accepts %s, which only contains a secret-like word', (name) => {
    expect(() => parseConfig(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', environment: { [name]: 'x' } } } }))).not.toThrow();
  });

  it('rejects privileged Fargate jobs', () => {
    const error = errorOf(
      baseConfig({
        computeEnvironments: { fargate: { type: 'FARGATE' } },
        jobQueues: { main: { computeEnvironments: ['fargate'] } },
        jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', vcpus: 1, memoryMiB: 2048, privileged: true } },
      }),
    );
    expect(error.problems[0]!.path).toBe('jobDefinitions.hello.privileged');
  });

  it('rejects fractional vCPUs on EC2', () => {
    const error = errorOf(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', vcpus: 0.5 } } }));
    expect(error.problems[0]).toMatchObject({ path: 'jobDefinitions.hello.vcpus', fix: 'use 1' });
  });
});

describe('environment variables AWS Batch reserves', () => {
  it.each([
    ['environment', { environment: { AWS_BATCH_MODE: 'fast' } }],
    ['secrets', { secrets: { AWS_BATCH_TOKEN: SECRET } }],
  ])('are refused in %s', (field, extra) => {
    const name = Object.keys(Object.values(extra)[0]!)[0]!;
    expect(problemsOf(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: IMAGE, ...extra } } }))).toEqual([
      {
        path: `jobDefinitions.hello.${field}.${name}`,
        message: `${name} starts with AWS_BATCH, which AWS Batch reserves for the variables it sets itself (AWS_BATCH_JOB_ID...); it refuses the job definition`,
        fix: `rename the variable, e.g. ${name.slice('AWS_BATCH_'.length)}`,
      },
    ]);
  });

  it('leaves other AWS_ names alone', () => {
    expect(() => parseConfig(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: IMAGE, environment: { AWS_DEFAULT_REGION: 'ap-northeast-1' } } } }))).not.toThrow();
  });
});

describe('an ECR Public image in endpoints mode', () => {
  it('is refused: VPC endpoints do not serve ECR Public; the fix names the pull through cache address and nat mode', () => {
    const error = errorOf(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: 'public.ecr.aws/docker/library/busybox:stable' } } }));
    expect(error.problems).toEqual([
      {
        path: 'jobDefinitions.hello.image',
        message: 'got "public.ecr.aws/docker/library/busybox:stable"; VPC endpoints do not serve ECR Public (public.ecr.aws), and network mode "endpoints" has no internet access',
        fix: 'create an ECR pull through cache rule for ECR Public (prefix "ecr-public") and use 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecr-public/docker/library/busybox:stable, or use network mode "nat"',
      },
    ]);
  });

  it('is accepted through the pull through cache address, or in nat mode', () => {
    expect(() => parseConfig(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecr-public/docker/library/busybox:stable' } } }))).not.toThrow();
    expect(() => parseConfig(baseConfig({ network: { mode: 'nat' }, jobDefinitions: { hello: { queue: 'main', image: 'public.ecr.aws/docker/library/busybox:stable' } } }))).not.toThrow();
  });
});

describe('secrets', () => {
  const job = (secrets: Record<string, unknown>) =>
    baseConfig({ jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', secrets: secrets as never } } });
  const SM = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf';

  it.each([
    ['the ARN', SM],
    ['a JSON key', `${SM}:password::`],
    ['a version stage', `${SM}::AWSPREVIOUS:`],
    ['a version id', `${SM}:::9d4cb84b-ad69-40c0-a0ab-cead36b967e8`],
    ['a partial ARN', 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db'],
    ['an SSM parameter with a path', 'arn:aws:ssm:ap-northeast-1:123456789012:parameter/crawl/token'],
    ['an ARN with its KMS key', { arn: SM, kmsKeyArn: 'arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }],
  ])('accept %s', (_, secret) => {
    expect(() => parseConfig(job({ DB: secret }))).not.toThrow();
  });

  it('refuse a parameter name, with the ARN it maps to (the leading "/" is not repeated)', () => {
    expect(errorOf(job({ TOKEN: '/crawl/token' })).problems).toEqual([
      {
        path: 'jobDefinitions.hello.secrets.TOKEN',
        message: 'got "/crawl/token", which is not a Secrets Manager secret ARN or an SSM parameter ARN',
        fix: 'reference it by ARN: an SSM parameter "/crawl/token" is arn:aws:ssm:ap-northeast-1:123456789012:parameter/crawl/token, a Secrets Manager secret is arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:crawl/token-<suffix> (its ARN in the console)',
      },
    ]);
  });

  it('refuse a parameter ARN with a doubled slash', () => {
    expect(errorOf(job({ TOKEN: 'arn:aws:ssm:ap-northeast-1:123456789012:parameter//crawl/token' })).problems[0]).toMatchObject({
      path: 'jobDefinitions.hello.secrets.TOKEN',
      fix: 'use arn:aws:ssm:ap-northeast-1:123456789012:parameter/crawl/token',
    });
  });

  it('refuse a JSON key without the version fields, and a version stage together with a version id', () => {
    const error = errorOf(job({ A: `${SM}:password`, B: { arn: `${SM}::AWSCURRENT:9d4cb84b` } }));
    expect(error.problems.map((p) => [p.path, p.message.replace(/^got "[^"]*", which /, '')])).toEqual([
      ['jobDefinitions.hello.secrets.A', 'has to be the secret ARN alone, or followed by exactly :json-key:version-stage:version-id (empty ones kept)'],
      ['jobDefinitions.hello.secrets.B.arn', 'names both a version stage and a version id; Batch takes one of them'],
    ]);
    expect(error.problems[0]!.fix).toBe(`write all three, e.g. ${SM}:password:: (a JSON key), ${SM}::AWSPREVIOUS: (a version stage) or ${SM}:::<version-id> (a version id)`);
  });

  it('refuse a KMS alias: an IAM policy names a key by its key ARN', () => {
    expect(errorOf(job({ DB: { arn: SM, kmsKeyArn: 'arn:aws:kms:ap-northeast-1:123456789012:alias/db' } })).problems).toEqual([
      {
        path: 'jobDefinitions.hello.secrets.DB.kmsKeyArn',
        message: 'got "arn:aws:kms:ap-northeast-1:123456789012:alias/db", which is not a KMS key ARN: an IAM policy cannot name a key by its alias',
        fix: "use the key's ARN, arn:aws:kms:ap-northeast-1:123456789012:key/<key-id> (aws kms describe-key --key-id <alias> shows it)",
      },
    ]);
  });

  it('name the allowed keys of the object form', () => {
    expect(errorOf(job({ DB: { arn: SM, kmsKeyArm: 'x' } })).problems[0]).toMatchObject({
      path: 'jobDefinitions.hello.secrets.DB.kmsKeyArm',
      message: 'unknown key "kmsKeyArm"; allowed here: arn, kmsKeyArn',
      fix: 'did you mean "kmsKeyArn"? rename it',
    });
  });
});

describe('workload settings (volumes, Linux parameters, Fargate, retry rules, parameters, multi-node)', () => {
  /** The workloads config with one job definition edited. */
  const edited = (job: string, edit: (j: Record<string, any>) => void, more?: (c: Record<string, any>) => void) => {
    const config = workloadsConfig() as Record<string, any>;
    edit(config.jobDefinitions[job]);
    more?.(config);
    return config;
  };
  const pathsOf = (config: unknown) => problemsOf(config).map((p) => p.path);

  it('accepts every setting together', () => {
    expect(() => parseConfig(workloadsConfig())).not.toThrow();
  });

  it('refuses EC2-only settings on a Fargate queue, naming each where it is written', () => {
    const config = edited('light', (j) => {
      j.sharedMemoryMiB = 256;
      j.tmpfs = { '/tmp': { sizeMiB: 64 } };
      j.swap = { maxSwapMiB: 512 };
      j.ulimits = { nofile: { soft: 1, hard: 1 } };
      j.multiNode = { numNodes: 2 };
      j.volumes.scratch = { host: '/scratch', containerPath: '/scratch' };
    });
    const problems = problemsOf(config);
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['jobDefinitions.light.sharedMemoryMiB', 'jobDefinitions.light.tmpfs', 'jobDefinitions.light.swap', 'jobDefinitions.light.ulimits', 'jobDefinitions.light.multiNode', 'jobDefinitions.light.volumes.scratch.host']),
    );
    expect(problems.find((p) => p.path === 'jobDefinitions.light.sharedMemoryMiB')).toEqual({
      path: 'jobDefinitions.light.sharedMemoryMiB',
      message: 'is set, but queue "light" runs on Fargate, where Batch does not apply sharedMemoryMiB',
      fix: 'remove sharedMemoryMiB, or run the job on an EC2/SPOT queue',
    });
  });

  it('refuses Fargate-only settings on an EC2 queue', () => {
    expect(pathsOf(edited('train', (j) => Object.assign(j, { ephemeralStorageGiB: 50, cpuArchitecture: 'ARM64', platformVersion: '1.4.0' })))).toEqual(
      expect.arrayContaining(['jobDefinitions.train.ephemeralStorageGiB', 'jobDefinitions.train.cpuArchitecture', 'jobDefinitions.train.platformVersion']),
    );
  });

  it('refuses ephemeral storage outside 21-200 GiB, and Fargate features on platform version 1.3.0', () => {
    expect(problemsOf(edited('light', (j) => (j.ephemeralStorageGiB = 20)))[0]).toMatchObject({ path: 'jobDefinitions.light.ephemeralStorageGiB', message: 'got 20; must be at least 21' });
    expect(problemsOf(edited('light', (j) => (j.platformVersion = '1.3.0')))).toEqual([
      { path: 'jobDefinitions.light.platformVersion', message: 'got "1.3.0", which has no ephemeral storage, ARM64, EFS volumes: they need Fargate platform version 1.4.0', fix: 'use "1.4.0" or remove platformVersion (LATEST)' },
    ]);
  });

  it('accepts the 32 vCPU Fargate sizes', () => {
    for (const memoryMiB of [61440, 122880, 249856]) {
      expect(() => parseConfig(edited('light', (j) => Object.assign(j, { vcpus: 32, memoryMiB }), (c) => (c.computeEnvironments.fargate.maxVcpus = 64)))).not.toThrow();
    }
    expect(problemsOf(edited('light', (j) => Object.assign(j, { vcpus: 32, memoryMiB: 65536 })))[0]!.message).toContain('with 32 vCPU Fargate allows 61440, 122880, 249856 MiB');
  });

  it('refuses shared memory and tmpfs that reach the memory, in the smallest node range too', () => {
    expect(problemsOf(edited('train', (j) => (j.sharedMemoryMiB = 15360)))).toEqual([
      {
        path: 'jobDefinitions.train.sharedMemoryMiB',
        message: "sharedMemoryMiB 15360 + tmpfs /tmp/fast 1024 = 16384 MiB, not below the job's memory (16384 MiB); /dev/shm and tmpfs are counted against it, so filling them kills the job (out of memory)",
        fix: 'raise memoryMiB above 16384 (with room for the program itself), or lower the in-memory sizes',
      },
    ]);
    expect(pathsOf(edited('distributed', (j) => (j.multiNode.nodeRanges['1:'].memoryMiB = 2048)))).toEqual(['jobDefinitions.distributed.sharedMemoryMiB']);
  });

  it('refuses a soft ulimit above the hard one, and swappiness without swap', () => {
    expect(pathsOf(edited('train', (j) => (j.ulimits.nofile.soft = 2_000_000)))).toEqual(['jobDefinitions.train.ulimits.nofile']);
    expect(pathsOf(edited('train', (j) => (j.swap.maxSwapMiB = 0)))).toEqual(['jobDefinitions.train.swap.swappiness']);
    expect(problemsOf(edited('train', (j) => (j.ulimits.nofiles = { soft: 1, hard: 1 })))[0]!.path).toBe('jobDefinitions.train.ulimits.nofiles');
  });

  it('checks volumes: one source, a file system and access point of the config, no root directory or plain NFS with an access point, one mount per path', () => {
    expect(problemsOf(edited('train', (j) => (j.volumes.data = { containerPath: '/data' })))).toEqual([
      { path: 'jobDefinitions.train.volumes.data', message: 'has neither "efs" nor "host": nothing to mount', fix: 'use "efs": one of shared, or "host": "/path/on/the/instance"' },
    ]);
    expect(pathsOf(edited('train', (j) => (j.volumes.data.host = '/x')))).toEqual(['jobDefinitions.train.volumes.data']);
    expect(problemsOf(edited('train', (j) => (j.volumes.data.efs = 'shard')))[0]).toMatchObject({ path: 'jobDefinitions.train.volumes.data.efs', fix: 'use one of: shared' });
    expect(problemsOf(edited('train', (j) => (j.volumes.data.accessPoint = 'dta')))[0]).toMatchObject({ path: 'jobDefinitions.train.volumes.data.accessPoint', fix: 'use one of: data' });
    expect(pathsOf(edited('train', (j) => (j.volumes.data.rootDirectory = '/data')))).toEqual(['jobDefinitions.train.volumes.data.rootDirectory']);
    expect(problemsOf(edited('train', (j) => (j.volumes.checkpoints.transitEncryption = false)))[0]).toMatchObject({
      path: 'jobDefinitions.train.volumes.checkpoints.transitEncryption',
      message: 'is false, but IAM authorization (fileSystems.shared.iamAuthorization) requires TLS; AWS refuses the volume',
    });
    expect(pathsOf(edited('train', (j) => (j.volumes.scratch.containerPath = '/tmp/fast')))).toEqual(['jobDefinitions.train.volumes.scratch.containerPath']);
    expect(pathsOf(edited('train', (j) => (j.volumes.scratch.accessPoint = 'data')))).toEqual(['jobDefinitions.train.volumes.scratch.accessPoint']);
  });

  it('wants each default parameter used by the command; a schedule may then leave it out', () => {
    expect(problemsOf(edited('train', (j) => (j.parameters.epoch = '1')))).toEqual([
      {
        path: 'jobDefinitions.train.parameters.epoch',
        message: 'is a default for Ref::epoch, but the command has no Ref::epoch (Batch substitutes parameters in the command only)',
        fix: 'use "Ref::epoch" in the command, or remove the parameter',
      },
    ]);
    expect(() => parseConfig(edited('train', (j) => (j.schedules = { nightly: { expression: 'rate(1 day)' } })))).not.toThrow();
    expect(pathsOf(edited('train', (j) => Object.assign(j, { parameters: {}, schedules: { nightly: { expression: 'rate(1 day)' } } })))).toEqual(['jobDefinitions.train.schedules.nightly']);
  });

  it('keeps retry rules within AWS five with the stack own two (one when the last rule of the job is a catch-all)', () => {
    const four = [{ action: 'RETRY', onExitCode: '1' }, { action: 'RETRY', onExitCode: '2' }, { action: 'RETRY', onExitCode: '3' }];
    expect(problemsOf(edited('train', (j) => (j.retryRules = [...four, { action: 'EXIT', onExitCode: '4' }])))).toEqual([
      {
        path: 'jobDefinitions.train.retryRules',
        message: 'got 4 rules; AWS allows 5 and the stack adds 2 of its own (retry when a Spot host is reclaimed, exit on anything else)',
        fix: 'keep at most 3 rules (4 when the last one is a catch-all such as {"action": "EXIT", "onReason": "*"})',
      },
    ]);
    expect(() => parseConfig(edited('train', (j) => (j.retryRules = [...four, { action: 'EXIT', onReason: '*' }])))).not.toThrow();
    expect(pathsOf(edited('train', (j) => (j.retryRules = [{ action: 'EXIT', onReason: '*' }, { action: 'RETRY', onExitCode: '137' }])))).toEqual(['jobDefinitions.train.retryRules[1]']);
    expect(pathsOf(edited('train', (j) => (j.retryRules = [{ action: 'RETRY' }])))).toEqual(['jobDefinitions.train.retryRules[0]']);
    expect(pathsOf(edited('train', (j) => (j.retryAttempts = 1)))).toEqual(['jobDefinitions.train.retryRules[0].action', 'jobDefinitions.train.retryRules[2].action']);
  });

  it('refuses retry patterns AWS refuses, with the rule', () => {
    expect(problemsOf(edited('train', (j) => (j.retryRules = [{ action: 'RETRY', onStatusReason: 'Task failed-to start' }])))[0]).toMatchObject({
      path: 'jobDefinitions.train.retryRules[0].onStatusReason',
      message: expect.stringContaining('must contain only letters, digits, ".", ":" and spaces, optionally ending in *'),
    });
    expect(problemsOf(edited('train', (j) => (j.retryRules = [{ action: 'RETRY', onExitCode: '1*3' }])))[0]!.path).toBe('jobDefinitions.train.retryRules[0].onExitCode');
  });

  it('runs multi-node jobs only where an EC2 on-demand environment is, with a main node and node ranges covering every node', () => {
    expect(problemsOf(edited('distributed', (j) => (j.queue = 'main'), (c) => (c.jobQueues.main.computeEnvironments = ['spot'])))).toContainEqual({
      path: 'jobDefinitions.distributed.multiNode',
      message: 'is set, but queue "main" has only SPOT compute environments; Batch does not run multi-node parallel jobs on Spot instances',
      fix: 'put an EC2 (on-demand) compute environment in jobQueues.main, or use a queue of EC2 compute environments',
    });
    expect(pathsOf(edited('distributed', (j) => (j.multiNode.mainNode = 4)))).toEqual(['jobDefinitions.distributed.multiNode.mainNode']);
    expect(problemsOf(edited('distributed', (j) => (j.multiNode.nodeRanges = { '0:0': {}, '2:': {} })))).toEqual([
      { path: 'jobDefinitions.distributed.multiNode.nodeRanges', message: 'leave nodes 1 without a node range; together the ranges must cover every node', fix: 'add a range for them, or a wide one such as "0:" that the others override' },
    ]);
    expect(pathsOf(edited('distributed', (j) => (j.multiNode.nodeRanges = { '0:9': {} })))).toEqual(['jobDefinitions.distributed.multiNode.nodeRanges.0:9']);
    expect(pathsOf(edited('distributed', (j) => (j.multiNode = { numNodes: 6, nodeRanges: Object.fromEntries([0, 1, 2, 3, 4, 5].map((n) => [`${n}:${n}`, {}])) })))).toEqual(['jobDefinitions.distributed.multiNode.nodeRanges']);
    expect(problemsOf(edited('distributed', (j) => (j.multiNode.nodeRanges = { '0-1': {} })))[0]!.path).toBe('jobDefinitions.distributed.multiNode.nodeRanges.0-1');
  });

  it("wants the multi-node instance type among the queue's EC2 instance types (by type or family; aliases are not judged)", () => {
    expect(problemsOf(edited('distributed', (j) => (j.multiNode.instanceType = 'p4d.24xlarge')))).toEqual([
      {
        path: 'jobDefinitions.distributed.multiNode.instanceType',
        message: 'got "p4d.24xlarge", which no EC2 compute environment of queue "nodes" may launch (m6i); the job would stay RUNNABLE',
        fix: 'add "p4d.24xlarge" (or "p4d") to that compute environment\'s instanceTypes, or pick one of its types',
      },
    ]);
    expect(() => parseConfig(edited('distributed', (j) => (j.multiNode.instanceType = 'p4d.24xlarge'), (c) => (c.computeEnvironments.ondemand.instanceTypes = ['optimal'])))).not.toThrow();
  });
});
