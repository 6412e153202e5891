/** checks/job-definitions.ts: the platform of the job's queue, its environment and secrets, its image. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/index';
import { baseConfig } from '../../support/synth';
import { errorOf, problemsOf } from './problems';

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
