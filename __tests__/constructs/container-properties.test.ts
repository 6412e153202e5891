import { describe, expect, it } from 'vitest';
import { containerProperties } from '../../src/constructs/container-properties';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:1';

describe('containerProperties', () => {
  const input = {
    image: IMAGE,
    command: [],
    environment: { B: '2', A: '1' },
    secrets: { S2: 'arn:b', S1: 'arn:a' },
    vcpus: 1,
    memoryMiB: 2048,
    gpus: 0,
    privileged: false,
    jobRoleArn: 'arn:job',
    executionRoleArn: 'arn:exec',
    logGroupName: '/aws/batch/x',
    region: 'ap-northeast-1',
    logStreamPrefix: 'x',
  };

  it('is the same string whatever the order of the input maps', () => {
    const reordered = { ...input, environment: { A: '1', B: '2' }, secrets: { S1: 'arn:a', S2: 'arn:b' } };
    expect(containerProperties(reordered)).toBe(containerProperties(input));
  });

  it('leaves out an empty command', () => {
    expect(JSON.parse(containerProperties(input)).command).toBeUndefined();
  });

  it('says privileged only when asked for', () => {
    expect(JSON.parse(containerProperties(input)).privileged).toBeUndefined();
    expect(JSON.parse(containerProperties({ ...input, privileged: true })).privileged).toBe(true);
  });

  it('sorts secrets by name', () => {
    expect(JSON.parse(containerProperties(input)).secrets).toEqual([
      { name: 'S1', valueFrom: 'arn:a' },
      { name: 'S2', valueFrom: 'arn:b' },
    ]);
  });
});
