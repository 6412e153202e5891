/** checks/compute-environments.ts: what AWS Batch accepts for each compute type. */
import { describe, expect, it } from 'vitest';
import { parseConfig, type BatchConfig } from '../../../src/index';
import { baseConfig } from '../../support/synth';
import { errorOf, problemsOf } from './problems';

const fargate = (ce: Record<string, unknown>) =>
  baseConfig({ computeEnvironments: { fargate: { type: 'FARGATE', ...ce } as never }, jobQueues: { main: { computeEnvironments: ['fargate'] } }, jobDefinitions: {} });

describe('compute environments', () => {
  it('rejects minVcpus above maxVcpus', () => {
    const error = errorOf(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', minVcpus: 8, maxVcpus: 4 } } }));
    expect(error.problems[0]).toMatchObject({ path: 'computeEnvironments.ondemand.minVcpus', message: 'got 8, above maxVcpus (4)' });
  });

  it('rejects SPOT with BEST_FIT (needs a Spot Fleet role, replaces on edit)', () => {
    const error = errorOf(baseConfig({ computeEnvironments: { ondemand: { type: 'SPOT', allocationStrategy: 'BEST_FIT' } } }));
    expect(error.problems[0]!.fix).toMatch(/SPOT_CAPACITY_OPTIMIZED/);
  });
});

describe('updatePolicy', () => {
  it.each(['FARGATE', 'FARGATE_SPOT'] as const)('is refused on a %s compute environment, naming the value and the fix', (type) => {
    const error = errorOf(fargate({ type, updatePolicy: { terminateJobsOnUpdate: true } }));
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
