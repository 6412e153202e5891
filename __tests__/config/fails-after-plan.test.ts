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
