/** src/aws/instance-types.ts: the aliases Batch accepts, and which AMI can run which type. */
import { describe, expect, it } from 'vitest';
import { al2023ImageProblem, architectureOf, expandInstanceType } from '../../src/aws/instance-types';

const families = (entry: string) => [...new Set(expandInstanceType(entry)!.map((t) => t.name.split('.')[0]))].sort();

describe('aliases', () => {
  it('optimal means the default_x86_64 families since 2025-11-01, no longer c4/m4/r4/c5/m5/r5', () => {
    expect(families('optimal')).toEqual(['c6i', 'c7i', 'm6i', 'r6i']);
    expect(families('optimal')).toEqual(families('default_x86_64'));
    expect(architectureOf('optimal')).toBe('x86_64');
  });

  it('default_arm64 means m6g, c6g, r6g and c7g', () => {
    expect(families('default_arm64')).toEqual(['c6g', 'c7g', 'm6g', 'r6g']);
  });
});

describe('al2023ImageProblem', () => {
  const none = { imageId: false, gpuImageId: false };

  it('has nothing against current x86, Graviton and NVIDIA GPU types, nor against aliases', () => {
    for (const entry of ['m6i.large', 'c7g', 'g4dn.xlarge', 'g5', 'g6e.2xlarge', 'p4d.24xlarge', 'p5', 'optimal', 'default_arm64']) {
      expect(al2023ImageProblem(entry, none), entry).toBeUndefined();
    }
  });

  it('refuses A1 and the GPU types ECS_AL2023_NVIDIA cannot run, unless an AMI of your own replaces that image', () => {
    for (const entry of ['a1', 'a1.metal', 'p3', 'p3.8xlarge', 'p3dn.24xlarge', 'g3.4xlarge', 'g3s.xlarge', 'g5g.2xlarge']) {
      expect(al2023ImageProblem(entry, none), entry).toBeDefined();
    }
    expect(al2023ImageProblem('a1.large', { imageId: true, gpuImageId: false })).toBeUndefined();
    expect(al2023ImageProblem('a1.large', { imageId: false, gpuImageId: true })).toBeDefined();
    expect(al2023ImageProblem('p3.2xlarge', { imageId: false, gpuImageId: true })).toBeUndefined();
    expect(al2023ImageProblem('p3.2xlarge', { imageId: true, gpuImageId: false })).toBeDefined();
  });
});
