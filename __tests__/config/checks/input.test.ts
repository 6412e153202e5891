/** checks/input.ts: the config as written, before the schema drops or passes on what it should not. */
import { describe, expect, it } from 'vitest';
import { ConfigError, type BatchConfig } from '../../../src/index';
import { parseBootstrapConfig } from '../../../src/bootstrap/config';
import { baseConfig } from '../../support/synth';
import { problemsOf } from './problems';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello:1';
const SECRET = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf';

describe('a "__proto__" key', () => {
  // As a config file arrives: JSON.parse keeps "__proto__" as an own key, which zod then drops.
  const base = JSON.stringify(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: IMAGE, environment: { PLACEHOLDER: 'x' } } } }));
  it.each([
    ['tags', base.replace('{', '{"tags":{"__proto__":"x"},'), 'tags.__proto__'],
    ['a job definition environment', base.replace('"PLACEHOLDER"', '"__proto__"'), 'jobDefinitions.hello.environment.__proto__'],
    ['compute environments', base.replace('"computeEnvironments":{', '"computeEnvironments":{"__proto__":{"type":"EC2"},'), 'computeEnvironments.__proto__'],
  ])('in %s is refused, not silently dropped', (_, text, path) => {
    expect(problemsOf(JSON.parse(text))).toEqual([expect.objectContaining({ path, message: expect.stringContaining('the key "__proto__" cannot be used') })]);
  });
});

describe('whitespace around an ARN', () => {
  it.each([
    ['a secret', { jobDefinitions: { hello: { queue: 'main', image: IMAGE, secrets: { DB_PASSWORD: `${SECRET} ` } } } }, 'jobDefinitions.hello.secrets.DB_PASSWORD', `${SECRET} `],
    ['a secret (leading)', { jobDefinitions: { hello: { queue: 'main', image: IMAGE, secrets: { DB_PASSWORD: `\n${SECRET}` } } } }, 'jobDefinitions.hello.secrets.DB_PASSWORD', `\n${SECRET}`],
    ['a job role resource', { jobDefinitions: { hello: { queue: 'main', image: IMAGE, jobRoleStatements: [{ actions: ['s3:GetObject'], resources: [' arn:aws:s3:::bucket/*'] }] } } }, 'jobDefinitions.hello.jobRoleStatements[0].resources[0]', ' arn:aws:s3:::bucket/*'],
    ['a subscription endpoint', { notifications: { subscriptions: { queue: { protocol: 'sqs', endpoint: 'arn:aws:sqs:ap-northeast-1:123456789012:alerts\t' } } } }, 'notifications.subscriptions.queue.endpoint', 'arn:aws:sqs:ap-northeast-1:123456789012:alerts\t'],
  ])('is refused in %s', (_, overrides, path, value) => {
    expect(problemsOf(baseConfig(overrides as Partial<BatchConfig>))).toEqual([
      { path, message: `got ${JSON.stringify(value)}: an ARN with whitespace around it names nothing (AWS compares ARNs exactly)`, fix: `remove the whitespace: ${JSON.stringify(value.trim())}` },
    ]);
  });
});

describe('whitespace around an ARN in the bootstrap config', () => {
  it('is refused in applyPolicyArns, which the schema would pass on with a trailing space', () => {
    const bootstrap = { accountId: '123456789012', region: 'ap-northeast-1', repository: 'acme/batch', stateBucket: 'acme-tfstate-123456789012', stateKeys: ['batch/prod.tfstate'] };
    const arn = 'arn:aws:iam::aws:policy/AdministratorAccess ';
    expect(() => parseBootstrapConfig({ ...bootstrap, applyPolicyArns: [arn] }, 'environments/bootstrap.json')).toThrow(
      new ConfigError('environments/bootstrap.json', [{ path: 'applyPolicyArns[0]', message: `got ${JSON.stringify(arn)}: an ARN with whitespace around it names nothing (AWS compares ARNs exactly)`, fix: `remove the whitespace: ${JSON.stringify(arn.trim())}` }]),
    );
  });
});
