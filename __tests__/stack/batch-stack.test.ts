import { describe, expect, it } from 'vitest';
import { Testing } from 'cdktf';
import { scratchApp } from '../../test-support/terraform/scratch-app';
import { BatchStack, ConfigError, type BatchConfig } from '../../src/index';
import { addresses, baseConfig, loadExample, synth } from '../support/synth';

describe('addresses come from the config names', () => {
  const before = synth(baseConfig());

  it('names resources after the config keys', () => {
    expect(addresses(before)).toEqual(expect.arrayContaining(['aws_batch_compute_environment.ondemand', 'aws_batch_job_queue.main', 'aws_batch_job_definition.hello', 'aws_iam_role.job_hello']));
  });

  it('adding a job definition, queue and compute environment moves nothing that was there', () => {
    const config = baseConfig();
    const grown: BatchConfig = {
      ...config,
      computeEnvironments: { aaa: { type: 'SPOT' }, ...config.computeEnvironments },
      jobQueues: { aaa: { computeEnvironments: ['aaa'] }, ...config.jobQueues },
      jobDefinitions: { aaa: { queue: 'aaa', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1' }, ...config.jobDefinitions },
    };
    const after = synth(grown);
    for (const address of addresses(before)) {
      const [type, name] = address.split('.') as [string, string];
      const { '//': _a, ...was } = before.resource[type]![name]!;
      const { '//': _b, ...now } = after.resource[type]![name]!;
      expect(now, address).toEqual(was);
    }
  });

  it('reordering entries changes nothing at all', () => {
    const config = loadExample('gpu');
    const reversed = (map: Record<string, unknown>) => Object.fromEntries(Object.entries(map).reverse());
    const shuffled = {
      ...config,
      computeEnvironments: reversed(config.computeEnvironments),
      jobQueues: reversed(config.jobQueues),
      jobDefinitions: reversed(config.jobDefinitions!),
    } as BatchConfig;
    expect(synth(shuffled).json).toBe(synth(config).json);
  });
});

describe('determinism', () => {
  it('gives byte-identical output for the same config', () => {
    expect(synth(loadExample('default')).json).toBe(synth(loadExample('default')).json);
  });
});

describe('provider and state', () => {
  const s = synth(baseConfig({ tags: { Team: 'data' } }), 'dev');

  it('pins the region, refuses other accounts and tags everything at the top level', () => {
    expect(s.provider.aws![0]).toEqual({
      region: 'ap-northeast-1',
      allowed_account_ids: ['123456789012'],
      default_tags: [{ tags: { Team: 'data', Environment: 'dev', ManagedBy: 'batch-cdktf' } }],
    });
  });

  it('keeps local state beside the project by a relative path', () => {
    expect(s.terraform.backend).toEqual({ local: { path: '../../../terraform.dev.tfstate' } });
    expect(s.terraform.required_providers.aws).toEqual({ source: 'aws', version: '5.100.0' });
  });
});

describe('outputs', () => {
  const s = synth(baseConfig());

  it('give queue ARN and name, job definition ARN and arn_prefix, the log group and a submit command', () => {
    expect(s.output).toMatchObject({
      job_queue_main_arn: { value: '${aws_batch_job_queue.main.arn}' },
      job_queue_main_name: { value: '${aws_batch_job_queue.main.name}' },
      job_definition_hello_arn: { value: '${aws_batch_job_definition.hello.arn}' },
      job_definition_hello_arn_prefix: { value: '${aws_batch_job_definition.hello.arn_prefix}' },
      job_definition_hello_submit_command: { value: 'aws batch submit-job --region ap-northeast-1 --job-queue unit-main --job-definition unit-hello --job-name hello' },
      log_group: { value: '${aws_cloudwatch_log_group.jobs.name}' },
    });
  });
});

describe('invalid config', () => {
  it('throws ConfigError naming the stack and adds nothing to the app', () => {
    const app = scratchApp();
    expect(() => new BatchStack(app, 'dev', { ...baseConfig(), name: 'Bad' })).toThrow(ConfigError);
    expect(() => new BatchStack(app, 'dev', { ...baseConfig(), name: 'Bad' })).toThrow(/^Invalid batch config "dev"/);
    expect(app.node.children).toHaveLength(0);
  });

  it('names the config file when given one (an environment or an example), then the stack', () => {
    expect(() => new BatchStack(scratchApp(), 'nat', { ...baseConfig(), name: 'Bad' }, { file: 'examples/nat.json' })).toThrow(/^Invalid batch config examples\/nat\.json, stack "nat" \(1 problem\):\n  name: got "Bad"/);
  });
});

describe('preflight doctor', () => {
  // GIVEN a job bigger than any compute environment of its queue can ever hold
  const tooBig = baseConfig({
    computeEnvironments: { ondemand: { type: 'EC2', maxVcpus: 4, instanceTypes: ['m6i.large'] } },
    jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', vcpus: 8, memoryMiB: 2048 } },
  });

  it('reports the error with the construct path that mirrors the config', () => {
    const findings = new BatchStack(scratchApp(), 'dev', tooBig).preflight();
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'BATCH_JOB_VCPU_ABOVE_MAX_VCPUS', severity: 'error', address: 'aws_batch_job_definition.hello', constructPath: 'dev/jobDefinitions/hello' }),
    );
  });

  it('fails app.synth() through a construct validation', () => {
    const stack = new BatchStack(scratchApp(), 'dev', tooBig);
    expect(() => Testing.synth(stack, true)).toThrow(/BATCH_JOB_VCPU_ABOVE_MAX_VCPUS/);
  });

  it('is clean for the default environment', () => {
    expect(new BatchStack(scratchApp(), 'dev', loadExample('default')).preflight()).toEqual([]);
  });
});
