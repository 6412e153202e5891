import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/index';
import { baseConfig } from '../support/synth';
import { errorOf } from './checks/problems';

describe('defaults', () => {
  it('fills in region, AZs, network, service role, strategies and queue time limit', () => {
    const config = parseConfig(baseConfig());
    expect(config.region).toBe('ap-northeast-1');
    expect(config.availabilityZones).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
    expect(config.network).toEqual({ mode: 'endpoints', vpcCidr: '10.0.0.0/16' });
    expect(config.serviceRole).toBe('service-linked');
    expect(config.computeEnvironments.ondemand).toMatchObject({ minVcpus: 0, instanceTypes: ['default_x86_64'], allocationStrategy: 'BEST_FIT_PROGRESSIVE' });
    expect(config.jobQueues.main).toMatchObject({ priority: 1, state: 'ENABLED', runnableTimeoutSeconds: 1800 });
    expect(config.jobDefinitions.hello).toMatchObject({ gpus: 0, retryAttempts: 3, command: [], environment: {}, propagateTags: true });
  });

  it('uses SPOT_CAPACITY_OPTIMIZED for SPOT compute environments', () => {
    const config = parseConfig(baseConfig({ computeEnvironments: { ondemand: { type: 'SPOT' } } }));
    expect(config.computeEnvironments.ondemand!.allocationStrategy).toBe('SPOT_CAPACITY_OPTIMIZED');
  });
});

describe('ConfigError names the path, the bad value, what is allowed and the fix', () => {
  it('for a number out of range', () => {
    const error = errorOf(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: 'x', memoryMiB: 2 } } }));
    const problem = error.problems.find((p) => p.path === 'jobDefinitions.hello.memoryMiB')!;
    expect(problem.message).toBe('got 2; must be at least 4');
    expect(problem.fix).toMatch(/at least 4/);
    expect(error.message).toMatch(/^Invalid batch config test/);
    expect(error.message).toContain('jobDefinitions.hello.memoryMiB: got 2; must be at least 4');
  });

  it('for a wrong type', () => {
    const error = errorOf(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', maxVcpus: 'lots' as unknown as number } } }));
    expect(error.problems).toContainEqual(expect.objectContaining({ path: 'computeEnvironments.ondemand.maxVcpus', message: 'got "lots"; expected number' }));
  });

  it('for an unknown key, with the likely intended one', () => {
    const error = errorOf({ ...baseConfig(), jobQueues: { main: { computeEnvironments: ['ondemand'], priorty: 5 } } });
    const problem = error.problems[0]!;
    expect(problem.path).toBe('jobQueues.main.priorty');
    expect(problem.message).toMatch(/unknown key "priorty"; allowed here: computeEnvironments, priority/);
    expect(problem.fix).toBe('did you mean "priority"? rename it');
  });

  it('for an unknown key inside a network mode', () => {
    const error = errorOf({ ...baseConfig(), network: { mode: 'nat', natGateway: 'single' } });
    expect(error.problems[0]).toMatchObject({ path: 'network.natGateway', fix: 'did you mean "natGateways"? rename it' });
  });

  it('for an enum value', () => {
    const error = errorOf(baseConfig({ computeEnvironments: { ondemand: { type: 'EC3' as 'EC2' } } }));
    expect(error.problems[0]).toMatchObject({ path: 'computeEnvironments.ondemand.type', message: 'got "EC3"; allowed: "EC2", "SPOT", "FARGATE", "FARGATE_SPOT"' });
  });

  it('for an unknown network mode', () => {
    const error = errorOf({ ...baseConfig(), network: { mode: 'private' } });
    expect(error.problems[0]).toMatchObject({ path: 'network.mode', message: expect.stringContaining('got "private"') });
  });

  it('for a missing required field', () => {
    const { accountId: _, ...rest } = baseConfig();
    const error = errorOf(rest);
    expect(error.problems[0]).toMatchObject({ path: 'accountId', message: 'is missing; expected string' });
  });

  it('for a bad map key', () => {
    const error = errorOf(baseConfig({ computeEnvironments: { 'on demand': { type: 'EC2' } }, jobQueues: { main: { computeEnvironments: ['ondemand'] } } }));
    expect(error.problems[0]!.path).toBe('computeEnvironments.on demand');
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])('refuses a map key named %s, a JavaScript object property (found by the fuzz test)', (key) => {
    const input = JSON.parse(`{"ondemand": {"type": "EC2"}, "${key}": {"type": "EC2"}}`);
    const error = errorOf({ ...baseConfig(), computeEnvironments: input });
    expect(error.problems[0]).toMatchObject({ path: `computeEnvironments.${key}`, message: `key "${key}" is reserved: it is the name of a JavaScript object property` });
  });

  it('lists every problem at once', () => {
    const error = errorOf({ ...baseConfig(), name: 'Bad Name', accountId: '12' });
    expect(error.problems.map((p) => p.path)).toEqual(['name', 'accountId']);
    expect(error.message).toContain('(2 problems)');
  });
});

describe('cross-field checks of several sections', () => {
  it('rejects GPUs on Fargate and fields that do not apply to it', () => {
    const error = errorOf(
      baseConfig({
        computeEnvironments: { fargate: { type: 'FARGATE', instanceTypes: ['m5'] } },
        jobQueues: { main: { computeEnvironments: ['fargate'] } },
        jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', vcpus: 1, memoryMiB: 2048, gpus: 1 } },
      }),
    );
    expect(error.problems.map((p) => p.path)).toEqual(['computeEnvironments.fargate.instanceTypes', 'jobDefinitions.hello.gpus']);
  });
});
