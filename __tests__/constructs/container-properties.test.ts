import { describe, expect, it } from 'vitest';
import { containerProperties } from '../../src/constructs/container-properties';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:1';

/** A job with environment and secrets given out of order. */
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

describe('containerProperties', () => {
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

describe('containerProperties: workload settings', () => {
  const base = { ...input, environment: {}, secrets: {}, vcpus: 2, memoryMiB: 8192 };
  const props = (more: Record<string, unknown>) => JSON.parse(containerProperties({ ...base, ...more }));

  it("writes no key for a default: AWS's defaults are absent keys, and the provider counts false, {} or DISABLED as a change", () => {
    const p = props({ linux: { tmpfs: {}, initProcess: false }, ulimits: {}, volumes: {}, readonlyRootFilesystem: false, fargate: { assignPublicIp: false, cpuArchitecture: 'X86_64', platformVersion: 'LATEST' } });
    for (const key of ['linuxParameters', 'ulimits', 'volumes', 'mountPoints', 'readonlyRootFilesystem', 'user', 'runtimePlatform', 'fargatePlatformConfiguration', 'ephemeralStorage', 'instanceType']) {
      expect(p[key], key).toBeUndefined();
    }
  });

  it('writes Linux parameters with integer sizes, tmpfs sorted by path, swappiness only with maxSwap', () => {
    const p = props({ linux: { sharedMemoryMiB: 4096, initProcess: true, swap: { maxSwapMiB: 1024, swappiness: 0 }, tmpfs: { '/z': { sizeMiB: 64, mountOptions: [] }, '/a': { sizeMiB: 128, mountOptions: ['noexec'] } } } });
    expect(p.linuxParameters).toEqual({
      initProcessEnabled: true,
      maxSwap: 1024,
      sharedMemorySize: 4096,
      swappiness: 0,
      tmpfs: [
        { containerPath: '/a', mountOptions: ['noexec'], size: 128 },
        { containerPath: '/z', size: 64 },
      ],
    });
    expect(containerProperties({ ...base, linux: { sharedMemoryMiB: 4096 } })).toContain('"sharedMemorySize":4096');
  });

  it('writes ulimits sorted by name, user and a read-only root', () => {
    const p = props({ ulimits: { nproc: { soft: 1, hard: 2 }, core: { soft: 0, hard: 0 } }, user: '1000:1000', readonlyRootFilesystem: true });
    expect(p.ulimits).toEqual([
      { hardLimit: 0, name: 'core', softLimit: 0 },
      { hardLimit: 2, name: 'nproc', softLimit: 1 },
    ]);
    expect(p).toMatchObject({ user: '1000:1000', readonlyRootFilesystem: true });
  });

  it('writes volumes by name and mount points by container path, readOnly only when true, EFS options only when not the default', () => {
    const p = props({
      volumes: {
        scratch: { containerPath: '/scratch', readOnly: false, source: { host: '/scratch' } },
        data: { containerPath: '/data', readOnly: true, source: { efs: { fileSystemId: 'fs-1', rootDirectory: '/', transitEncryption: false, iamAuthorization: false } } },
        ckpt: { containerPath: '/ckpt', readOnly: false, source: { efs: { fileSystemId: 'fs-1', rootDirectory: '/ckpt', transitEncryption: true, accessPointId: 'fsap-1', iamAuthorization: true } } },
      },
    });
    expect(p.volumes).toEqual([
      { name: 'ckpt', efsVolumeConfiguration: { fileSystemId: 'fs-1', rootDirectory: '/ckpt', transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: 'fsap-1', iam: 'ENABLED' } } },
      { name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1' } },
      { name: 'scratch', host: { sourcePath: '/scratch' } },
    ]);
    expect(p.mountPoints).toEqual([
      { containerPath: '/ckpt', sourceVolume: 'ckpt' },
      { containerPath: '/data', readOnly: true, sourceVolume: 'data' },
      { containerPath: '/scratch', sourceVolume: 'scratch' },
    ]);
  });

  it('writes Fargate storage, ARM64 and a pinned platform version; LATEST and X86_64 not at all', () => {
    const p = props({ fargate: { assignPublicIp: true, ephemeralStorageGiB: 100, cpuArchitecture: 'ARM64', platformVersion: '1.4.0' } });
    expect(p).toMatchObject({
      networkConfiguration: { assignPublicIp: 'ENABLED' },
      ephemeralStorage: { sizeInGiB: 100 },
      runtimePlatform: { cpuArchitecture: 'ARM64' },
      fargatePlatformConfiguration: { platformVersion: '1.4.0' },
    });
  });
});
