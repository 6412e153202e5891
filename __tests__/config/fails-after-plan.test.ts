/**
 * Config that plans cleanly and then fails at apply or when a job starts:
 * each case must be a ConfigError with the path, the value and the fix.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/index';
import { baseConfig } from '../support/synth';

function problemsOf(input: unknown): ConfigError {
  try {
    parseConfig(input, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const fargate = (ce: Record<string, unknown>) =>
  baseConfig({ computeEnvironments: { fargate: { type: 'FARGATE', ...ce } as never }, jobQueues: { main: { computeEnvironments: ['fargate'] } }, jobDefinitions: {} });

describe('updatePolicy', () => {
  it.each(['FARGATE', 'FARGATE_SPOT'] as const)('is refused on a %s compute environment, naming the value and the fix', (type) => {
    const error = problemsOf(fargate({ type, updatePolicy: { terminateJobsOnUpdate: true } }));
    expect(error.problems).toEqual([
      {
        path: 'computeEnvironments.fargate.updatePolicy',
        message: `got {"terminateJobsOnUpdate":true}; AWS Batch refuses an update policy on ${type} compute environments, so the first apply would fail`,
        fix: 'remove updatePolicy: it applies to EC2 and SPOT compute environments only',
      },
    ]);
  });

  it('is accepted on EC2 and SPOT, and left out of Fargate entries by default', () => {
    expect(() => parseConfig(baseConfig({ computeEnvironments: { ondemand: { type: 'SPOT', updatePolicy: { jobExecutionTimeoutMinutes: 60 } } } }))).not.toThrow();
    expect(() => parseConfig(fargate({}))).not.toThrow();
  });
});

describe('an ECR Public image in endpoints mode', () => {
  it('is refused: VPC endpoints do not serve ECR Public; the fix names the pull through cache address and nat mode', () => {
    const error = problemsOf(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: 'public.ecr.aws/docker/library/busybox:stable' } } }));
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
    expect(problemsOf(job({ TOKEN: '/crawl/token' })).problems).toEqual([
      {
        path: 'jobDefinitions.hello.secrets.TOKEN',
        message: 'got "/crawl/token", which is not a Secrets Manager secret ARN or an SSM parameter ARN',
        fix: 'reference it by ARN: an SSM parameter "/crawl/token" is arn:aws:ssm:ap-northeast-1:123456789012:parameter/crawl/token, a Secrets Manager secret is arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:crawl/token-<suffix> (its ARN in the console)',
      },
    ]);
  });

  it('refuse a parameter ARN with a doubled slash', () => {
    expect(problemsOf(job({ TOKEN: 'arn:aws:ssm:ap-northeast-1:123456789012:parameter//crawl/token' })).problems[0]).toMatchObject({
      path: 'jobDefinitions.hello.secrets.TOKEN',
      fix: 'use arn:aws:ssm:ap-northeast-1:123456789012:parameter/crawl/token',
    });
  });

  it('refuse a JSON key without the version fields, and a version stage together with a version id', () => {
    const error = problemsOf(job({ A: `${SM}:password`, B: { arn: `${SM}::AWSCURRENT:9d4cb84b` } }));
    expect(error.problems.map((p) => [p.path, p.message.replace(/^got "[^"]*", which /, '')])).toEqual([
      ['jobDefinitions.hello.secrets.A', 'has to be the secret ARN alone, or followed by exactly :json-key:version-stage:version-id (empty ones kept)'],
      ['jobDefinitions.hello.secrets.B.arn', 'names both a version stage and a version id; Batch takes one of them'],
    ]);
    expect(error.problems[0]!.fix).toBe(`write all three, e.g. ${SM}:password:: (a JSON key), ${SM}::AWSPREVIOUS: (a version stage) or ${SM}:::<version-id> (a version id)`);
  });

  it('refuse a KMS alias: an IAM policy names a key by its key ARN', () => {
    expect(problemsOf(job({ DB: { arn: SM, kmsKeyArn: 'arn:aws:kms:ap-northeast-1:123456789012:alias/db' } })).problems).toEqual([
      {
        path: 'jobDefinitions.hello.secrets.DB.kmsKeyArn',
        message: 'got "arn:aws:kms:ap-northeast-1:123456789012:alias/db", which is not a KMS key ARN: an IAM policy cannot name a key by its alias',
        fix: "use the key's ARN, arn:aws:kms:ap-northeast-1:123456789012:key/<key-id> (aws kms describe-key --key-id <alias> shows it)",
      },
    ]);
  });

  it('name the allowed keys of the object form', () => {
    expect(problemsOf(job({ DB: { arn: SM, kmsKeyArm: 'x' } })).problems[0]).toMatchObject({
      path: 'jobDefinitions.hello.secrets.DB.kmsKeyArm',
      message: 'unknown key "kmsKeyArm"; allowed here: arn, kmsKeyArn',
      fix: 'did you mean "kmsKeyArn"? rename it',
    });
  });
});
