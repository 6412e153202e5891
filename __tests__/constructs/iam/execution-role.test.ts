/**
 * The execution role, trusted by ECS tasks of this account. It reads each
 * secret by the secret's own ARN: ECS asks
 * Secrets Manager for the secret, so IAM never sees a valueFrom's JSON key or
 * version, and a partial ARN needs the 6-character suffix as a wildcard.
 */
import { describe, expect, it } from 'vitest';
import type { BatchConfig } from '../../../src/index';
import { runDoctor, type TerraformJson } from '../../../src/doctor/index';
import { baseConfig, synth } from '../../support/synth';

const trust = (role: Record<string, any>) => JSON.parse(role.assume_role_policy);

const SM = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret';
const KEY = 'arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function withSecrets(secrets: NonNullable<BatchConfig['jobDefinitions']>[string]['secrets']) {
  const s = synth(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', secrets } } }));
  return {
    statements: JSON.parse(s.resource.aws_iam_role_policy!.execution_secrets!.policy).Statement as Array<{ Sid: string; Action: string; Resource: string[] }>,
    valueFrom: Object.fromEntries((JSON.parse(s.resource.aws_batch_job_definition!.hello!.container_properties).secrets as Array<{ name: string; valueFrom: string }>).map((x) => [x.name, x.valueFrom])),
    endpoints: Object.keys(s.resource.aws_vpc_endpoint!),
    doctor: runDoctor(JSON.parse(s.json) as TerraformJson).filter((f) => f.rule === 'BATCH_JOB_SECRET_NOT_GRANTED'),
  };
}

describe('secrets referenced by JSON key, version or partial ARN', () => {
  it('grant GetSecretValue on the secret itself, while the job keeps its valueFrom', () => {
    const secrets = {
      USER: `${SM}:db-AbCdEf:username::`,
      PASSWORD: `${SM}:db-AbCdEf:password:AWSPREVIOUS:`,
      OLD: `${SM}:db-AbCdEf::AWSPREVIOUS:`,
      PINNED: `${SM}:db-AbCdEf:::9d4cb84b-ad69-40c0-a0ab-cead36b967e8`,
      TOKEN: `${SM}:team/api-token`,
      TOKEN_KEY: `${SM}:team/api-token:token::`,
    };
    const { statements, valueFrom, doctor } = withSecrets(secrets);
    expect(doctor).toEqual([]);
    expect(statements).toEqual([
      { Sid: 'ReadJobSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [`${SM}:db-AbCdEf`, `${SM}:team/api-token-??????`] },
    ]);
    expect(valueFrom).toEqual(secrets);
  });

  it('grant an SSM parameter with a path by its ARN, and add both endpoints', () => {
    const { statements, endpoints } = withSecrets({ A: 'arn:aws:ssm:ap-northeast-1:123456789012:parameter/crawl/token', B: `${SM}:db-AbCdEf` });
    expect(statements).toContainEqual({ Sid: 'ReadJobParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: ['arn:aws:ssm:ap-northeast-1:123456789012:parameter/crawl/token'] });
    expect(endpoints).toEqual(expect.arrayContaining(['secretsmanager', 'ssm']));
  });
});

describe('a customer managed KMS key per secret', () => {
  it('lets the execution role decrypt with exactly the keys given', () => {
    const { statements, valueFrom } = withSecrets({ DB: { arn: `${SM}:db-AbCdEf:password::`, kmsKeyArn: KEY }, PLAIN: `${SM}:plain-ZyXwVu` });
    expect(statements).toEqual([
      { Sid: 'ReadJobSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [`${SM}:db-AbCdEf`, `${SM}:plain-ZyXwVu`] },
      { Sid: 'DecryptJobSecrets', Effect: 'Allow', Action: 'kms:Decrypt', Resource: [KEY] },
    ]);
    expect(valueFrom).toEqual({ DB: `${SM}:db-AbCdEf:password::`, PLAIN: `${SM}:plain-ZyXwVu` });
  });
});

describe('default IAM: the execution role', () => {
  const s = synth(baseConfig());
  const roles = s.resource.aws_iam_role!;

  it('creates an execution role trusted by ECS tasks of this account only', () => {
    expect(trust(roles.execution!).Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    });
    expect(s.resource.aws_iam_role_policy_attachment!.execution_ecs!.policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
  });
});

describe('secrets', () => {
  it('let the execution role read exactly the named secrets and parameters', () => {
    const sm = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf';
    const ssm = 'arn:aws:ssm:ap-northeast-1:123456789012:parameter/token';
    const s = synth(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', secrets: { DB: sm, TOKEN: ssm } } } }));
    expect(JSON.parse(s.resource.aws_iam_role_policy!.execution_secrets!.policy).Statement).toEqual([
      { Sid: 'ReadJobSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [sm] },
      { Sid: 'ReadJobParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [ssm] },
    ]);
  });
});
