import { describe, expect, it } from 'vitest';
import { synth } from '../support/synth';
import { workloadsConfig } from '../support/workloads';

describe('EFS file system the stack creates', () => {
  const s = synth(workloadsConfig());
  const r = s.resource;

  it('is encrypted, elastic by default', () => {
    expect(r.aws_efs_file_system!.shared).toEqual({ encrypted: true, throughput_mode: 'elastic', tags: { Name: 'work-shared' } });
  });

  it('has one mount target per availability zone, in the job subnets, with its own security group', () => {
    expect(Object.keys(r.aws_efs_mount_target!).sort()).toEqual(['shared_ap-northeast-1a', 'shared_ap-northeast-1c']);
    expect(r.aws_efs_mount_target!['shared_ap-northeast-1a']).toEqual({
      file_system_id: '${aws_efs_file_system.shared.id}',
      subnet_id: '${aws_subnet.private_ap-northeast-1a.id}',
      security_groups: ['${aws_security_group.efs_shared.id}'],
    });
  });

  it('takes NFS from the Batch security group only, and the Batch group sends NFS to the VPC CIDR (no reference back: no cycle)', () => {
    const efs = r.aws_security_group!.efs_shared!;
    expect(efs).toMatchObject({ name_prefix: 'work-shared-efs-', lifecycle: { create_before_destroy: true }, egress: [] });
    expect(efs.ingress).toEqual([expect.objectContaining({ protocol: 'tcp', from_port: 2049, to_port: 2049, security_groups: ['${aws_security_group.batch.id}'], cidr_blocks: [] })]);
    expect(r.aws_security_group!.batch!.egress).toContainEqual(expect.objectContaining({ protocol: 'tcp', from_port: 2049, to_port: 2049, cidr_blocks: ['10.0.0.0/16'], security_groups: [] }));
    expect(JSON.stringify(r.aws_security_group!.batch)).not.toContain('efs_shared');
  });

  it('creates access points with their folder (owner, permissions) and POSIX user, create-before-destroy', () => {
    expect(r.aws_efs_access_point!.shared_data).toMatchObject({
      file_system_id: '${aws_efs_file_system.shared.id}',
      posix_user: { uid: 1000, gid: 1000 },
      root_directory: { path: '/data', creation_info: { owner_uid: 1000, owner_gid: 1000, permissions: '750' } },
      lifecycle: { create_before_destroy: true },
    });
  });

  it('with IAM authorization, has a policy that refuses clients without TLS and grants nothing itself', () => {
    const policy = JSON.parse(r.aws_efs_file_system_policy!.shared!.policy);
    expect(policy.Statement).toEqual([
      { Sid: 'DenyWithoutTls', Effect: 'Deny', Principal: '*', Action: '*', Resource: '${aws_efs_file_system.shared.arn}', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ]);
  });

  it('without IAM authorization, has no policy (any policy would shut out clients that do not use IAM)', () => {
    const config = workloadsConfig();
    config.fileSystems!.shared!.iamAuthorization = false;
    expect(synth(config).resource.aws_efs_file_system_policy).toBeUndefined();
  });
});
