/** checks/file-systems.ts: where a file system lives, and how its access points are described. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/index';
import { workloadsConfig } from '../../support/workloads';
import { problemsOf } from './problems';

const existingNetwork = { mode: 'existing' as const, subnetIds: ['subnet-0a1b2c3d4e5f60718'], securityGroupIds: ['sg-0123456789abcdef0'] };

describe('file systems', () => {
  it('accepts a created file system in a VPC the stack creates, and an existing one in an existing VPC', () => {
    expect(() => parseConfig(workloadsConfig())).not.toThrow();
    const existing = { ...workloadsConfig(), network: existingNetwork, fileSystems: { shared: { fileSystemId: 'fs-0123456789abcdef0', iamAuthorization: true, accessPoints: { data: { accessPointId: 'fsap-0123456789abcdef0' } } } } };
    expect(() => parseConfig(existing)).not.toThrow();
  });

  it('refuses a file system to create in network mode existing, and an existing one in a new VPC', () => {
    expect(problemsOf({ ...workloadsConfig(), network: existingNetwork })).toContainEqual({
      path: 'fileSystems.shared',
      message: 'is a file system for the stack to create, but network mode "existing" gives the stack no VPC to put its mount targets and security group in',
      fix: 'create the file system in your VPC (mount targets in every availability zone, NFS 2049 from your Batch security groups) and set "fileSystemId": "fs-..."',
    });
    const config = workloadsConfig();
    config.fileSystems = { shared: { fileSystemId: 'fs-0123456789abcdef0' } };
    expect(problemsOf(config)).toContainEqual(expect.objectContaining({ path: 'fileSystems.shared.fileSystemId', message: expect.stringContaining('creates a new VPC, where it has no mount targets') }));
  });

  it('wants path, uid and gid for an access point the stack creates, an id for an existing one', () => {
    const config = workloadsConfig();
    config.fileSystems!.shared!.accessPoints = { data: { path: '/data', uid: 1000 } };
    expect(problemsOf(config)).toContainEqual(expect.objectContaining({ path: 'fileSystems.shared.accessPoints.data', message: expect.stringContaining('has no gid') }));
    const existing = { ...workloadsConfig(), network: existingNetwork, fileSystems: { shared: { fileSystemId: 'fs-0123456789abcdef0', throughputMode: 'bursting' as const, accessPoints: { data: { path: '/data' } } } } };
    expect(problemsOf(existing).map((p) => p.path)).toEqual(
      expect.arrayContaining(['fileSystems.shared.throughputMode', 'fileSystems.shared.accessPoints.data', 'fileSystems.shared.accessPoints.data.path']),
    );
  });

  it('keeps access point addresses apart', () => {
    const config = workloadsConfig();
    config.fileSystems = { a_b: { accessPoints: { c: { path: '/c', uid: 1, gid: 1 } } }, a: { accessPoints: { b_c: { path: '/d', uid: 1, gid: 1 } } } };
    expect(problemsOf(config)).toContainEqual(expect.objectContaining({ path: 'fileSystems.a.accessPoints.b_c', message: 'has the same Terraform address aws_efs_access_point.a_b_c as fileSystems.a_b.accessPoints.c' }));
  });
});
