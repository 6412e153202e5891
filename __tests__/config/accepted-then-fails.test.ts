/**
 * Configs the schema used to accept and AWS then refused at apply (or that
 * lost an entry without a word): each is now a ConfigError with the path,
 * the value and the fix.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type BatchConfig } from '../../src/index';
import { OWN_TAG_KEYS, STACK_TAG_KEYS } from '../../src/config/checks/tags';
import { parseBootstrapConfig } from '../../src/bootstrap/config';
import { EXAMPLES, baseConfig, loadExample, synth } from '../support/synth';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello:1';
const SECRET = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf';

function problemsOf(input: unknown): ConfigError['problems'] {
  try {
    parseConfig(input, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

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

describe('availability zones', () => {
  it('refuses one listed twice (before: a stack trace from a duplicate construct)', () => {
    expect(problemsOf(baseConfig({ availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1a'] }))).toEqual([
      { path: 'availabilityZones[2]', message: 'got "ap-northeast-1a" again (also availabilityZones[0]); each availability zone gets one subnet', fix: 'remove the second "ap-northeast-1a", or list another zone of ap-northeast-1' },
    ]);
  });
});

describe('keys that differ only in case', () => {
  it('are refused for job definitions: their IAM role names would be one role', () => {
    const job = { queue: 'main', image: IMAGE };
    expect(problemsOf(baseConfig({ jobDefinitions: { hello: job, Hello: job } }))).toEqual([
      {
        path: 'jobDefinitions.Hello',
        message: 'differs from "hello" only in case; IAM role names ignore case, so the job roles unit-job-hello and unit-job-Hello would be one role and the apply fails (EntityAlreadyExists)',
        fix: 'rename one of the two job definitions so the names differ in more than case, e.g. "Hello-2"',
      },
    ]);
  });

  it('are refused for tags: IAM roles carry every tag, and IAM tag keys ignore case', () => {
    expect(problemsOf(baseConfig({ tags: { Team: 'a', team: 'b' } }))).toEqual([expect.objectContaining({ path: 'tags.team', message: expect.stringContaining('differs from "Team" only in case') })]);
    expect(problemsOf(baseConfig({ tags: { environment: 'production' } }))).toEqual([
      expect.objectContaining({ path: 'tags.environment', message: expect.stringContaining('differs from "Environment", which the stack sets on every resource, only in case') }),
    ]);
  });

  it('are accepted for queues and compute environments (Batch names keep case)', () => {
    expect(() =>
      parseConfig(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2' }, OnDemand: { type: 'EC2' } }, jobQueues: { main: { computeEnvironments: ['ondemand'] }, Main: { computeEnvironments: ['OnDemand'] } } })),
    ).not.toThrow();
  });
});

describe('tags, counted with the ones the stack adds', () => {
  const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`tag${i}`, 'x']));

  it(`accepts ${50 - STACK_TAG_KEYS.length - OWN_TAG_KEYS.length} of your own: with ${[...STACK_TAG_KEYS, ...OWN_TAG_KEYS].join(', ')} that makes 50`, () => {
    expect(() => parseConfig(baseConfig({ tags: tags(47) }))).not.toThrow();
  });

  it('refuses one more: a resource would carry 51 tags, and AWS allows 50', () => {
    expect(problemsOf(baseConfig({ tags: tags(48) }))).toEqual([
      { path: 'tags', message: 'has 48 tags; with Environment, ManagedBy, Name, which the stack adds, a resource would carry 51, and AWS allows 50 per resource', fix: 'remove at least 1 of them' },
    ]);
  });

  it.each([
    ['aws:team', 'x', 'key "aws:team" starts with "aws:", which AWS reserves for its own tags'],
    ['AWS:Team', 'x', 'key "AWS:Team" starts with "aws:", which AWS reserves for its own tags'],
    ['Team', 'aws:batch', 'value "aws:batch" starts with "aws:", which AWS reserves for its own tags'],
    ['CostCenter', 'R&D', `value "R&D" has characters IAM refuses in tags (the stack's IAM roles carry every tag)`],
    ['Environment', 'production', 'the stack sets "Environment" on every resource itself, so "production" would be replaced without a word'],
  ])('refuses %s = %s', (key, value, message) => {
    expect(problemsOf(baseConfig({ tags: { [key]: value } }))).toEqual([expect.objectContaining({ path: `tags.${key}`, message })]);
  });

  it('knows every tag key the stacks add (default tags and resources\' own tags)', () => {
    for (const name of Object.keys(EXAMPLES)) {
      const config = loadExample(name);
      const s = synth({ ...config, tags: { Owner: 'me' } }, 'dev');
      const defaults = s.provider.aws![0].default_tags[0].tags as Record<string, string>;
      expect(Object.keys(defaults).sort(), name).toEqual(['Owner', ...STACK_TAG_KEYS].sort());
      for (const [type, byName] of Object.entries(s.resource)) {
        for (const [resource, body] of Object.entries(byName)) {
          for (const key of Object.keys(body.tags ?? {})) expect(OWN_TAG_KEYS, `${type}.${resource} in ${name}`).toContain(key);
        }
      }
    }
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

describe('instance types', () => {
  const withTypes = (instanceTypes: string[]): BatchConfig => baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', instanceTypes } } });

  it('refuses a size the family does not have, listing its sizes', () => {
    expect(problemsOf(withTypes(['m6i.superhuge']))).toEqual([
      {
        path: 'computeEnvironments.ondemand.instanceTypes[0]',
        message: 'got "m6i.superhuge"; m6i has no size "superhuge"; its sizes are large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge, 24xlarge, 32xlarge, metal',
        fix: 'use one of those sizes (the largest is "m6i.32xlarge"), or the whole family "m6i"',
      },
    ]);
  });

  it('suggests the closest size for a typo', () => {
    expect(problemsOf(withTypes(['c5.9xlage']))[0]!.fix).toBe('use "c5.9xlarge", another size, or the whole family "c5"');
  });

  it('refuses a family that does not exist, suggesting close ones', () => {
    expect(problemsOf(withTypes(['m6', 'mi6.large']))).toEqual([
      expect.objectContaining({ path: 'computeEnvironments.ondemand.instanceTypes[0]', message: 'got "m6"; there is no EC2 instance family "m6"', fix: expect.stringContaining('e.g. "m6a" or "m6g" or "m6i"') }),
      expect.objectContaining({ path: 'computeEnvironments.ondemand.instanceTypes[1]', fix: expect.stringContaining('e.g. "m6i.large"') }),
    ]);
  });

  it('accepts real families, sizes with a hyphen and the aliases', () => {
    expect(() => parseConfig(withTypes(['m6i', 'c7i.metal-24xl', 'm7i-flex.large', 'g5.48xlarge', 'optimal']))).not.toThrow();
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
