/** checks/network.ts: the availability zones the subnets go into. */
import { describe, expect, it } from 'vitest';
import { baseConfig } from '../../support/synth';
import { errorOf, problemsOf } from './problems';

describe('availability zones', () => {
  it('asks for availability zones outside the regions it knows', () => {
    const error = errorOf(baseConfig({ region: 'eu-west-1', jobDefinitions: {} }));
    expect(error.problems[0]).toMatchObject({ path: 'availabilityZones', fix: expect.stringContaining('"availabilityZones": ["eu-west-1a", "eu-west-1c"]') });
  });
});

describe('availability zones', () => {
  it('refuses one listed twice (before: a stack trace from a duplicate construct)', () => {
    expect(problemsOf(baseConfig({ availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1a'] }))).toEqual([
      { path: 'availabilityZones[2]', message: 'got "ap-northeast-1a" again (also availabilityZones[0]); each availability zone gets one subnet', fix: 'remove the second "ap-northeast-1a", or list another zone of ap-northeast-1' },
    ]);
  });
});
