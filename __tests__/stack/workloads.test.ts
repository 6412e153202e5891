/**
 * A stack with every Step 11 job setting (__tests__/support/workloads.ts):
 * what the stack wires between its parts (job role grants for EFS, the
 * inter-node security group where multi-node jobs run), that the doctor
 * finds nothing in it, and that the real provider plans it and then finds
 * no change against the state it leaves (no perpetual diff).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { converge } from '../../test-support/terraform/harness';
import { removeStackDirs, validate } from '../../test-support/terraform/run';
import { MultiStackWorkspace } from '../../test-support/terraform/workspace';
import { runDoctor, type TerraformJson } from '../../src/doctor/index';
import { addresses, synth } from '../support/synth';
import { terraformOrSkip } from '../support/terraform';
import { workloadsConfig } from '../support/workloads';

const s = synth(workloadsConfig(), 'work');
const policyOf = (role: string) => JSON.parse(s.resource.aws_iam_role_policy![role]!.policy).Statement;

describe('job roles and EFS IAM authorization', () => {
  it('grants ClientMount, and ClientWrite for a writable mount, on the file system; through an access point only with its condition', () => {
    expect(policyOf('job_train')).toEqual([
      { Effect: 'Allow', Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], Resource: '${aws_efs_file_system.shared.arn}' },
      {
        Effect: 'Allow',
        Action: ['elasticfilesystem:ClientMount'],
        Resource: '${aws_efs_file_system.shared.arn}',
        Condition: { StringEquals: { 'elasticfilesystem:AccessPointArn': '${aws_efs_access_point.shared_data.arn}' } },
      },
    ]);
  });

  it('grants ClientRootAccess only for a writable mount without an access point by a job that runs as root', () => {
    const config = workloadsConfig();
    delete config.jobDefinitions!.train!.user;
    const statements = JSON.parse(synth(config).resource.aws_iam_role_policy!.job_train!.policy).Statement;
    expect(statements[0].Action).toEqual(['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess']);
    expect(statements[1].Action).toEqual(['elasticfilesystem:ClientMount']);
  });

  it('grants nothing for EFS without IAM authorization', () => {
    const config = workloadsConfig();
    config.fileSystems!.shared!.iamAuthorization = false;
    expect(synth(config).resource.aws_iam_role_policy).toBeUndefined();
  });

  it("names an existing file system and access point by ARN in the job's own account and region", () => {
    const config = workloadsConfig();
    config.network = { mode: 'existing', subnetIds: ['subnet-0a1b2c3d4e5f60718'], securityGroupIds: ['sg-0123456789abcdef0'] };
    config.fileSystems = { shared: { fileSystemId: 'fs-0123456789abcdef0', iamAuthorization: true, accessPoints: { data: { accessPointId: 'fsap-0123456789abcdef0' } } } };
    const e = synth(config);
    expect(e.resource.aws_efs_file_system).toBeUndefined();
    expect(JSON.parse(e.resource.aws_iam_role_policy!.job_light!.policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['elasticfilesystem:ClientMount'],
        Resource: 'arn:aws:elasticfilesystem:ap-northeast-1:123456789012:file-system/fs-0123456789abcdef0',
        Condition: { StringEquals: { 'elasticfilesystem:AccessPointArn': 'arn:aws:elasticfilesystem:ap-northeast-1:123456789012:access-point/fsap-0123456789abcdef0' } },
      },
    ]);
    expect(JSON.parse(e.resource.aws_batch_job_definition!.light!.container_properties).volumes[0].efsVolumeConfiguration).toEqual({
      fileSystemId: 'fs-0123456789abcdef0',
      transitEncryption: 'ENABLED',
      authorizationConfig: { accessPointId: 'fsap-0123456789abcdef0', iam: 'ENABLED' },
    });
    // In an existing VPC the security groups are the user's: no inter-node group either.
    expect(e.resource.aws_security_group).toBeUndefined();
  });
});

describe('inter-node traffic', () => {
  it('gives only the on-demand environment of the multi-node queue a group that allows all traffic within itself', () => {
    const groups = (ce: string) => s.resource.aws_batch_compute_environment![ce]!.compute_resources.security_group_ids;
    expect(groups('ondemand')).toEqual(['${aws_security_group.batch.id}', '${aws_security_group.mnp_ondemand.id}']);
    expect(groups('spot')).toEqual(['${aws_security_group.batch.id}']);
    const mnp = s.resource.aws_security_group!.mnp_ondemand!;
    const within = { protocol: '-1', from_port: 0, to_port: 0, self: true, cidr_blocks: [], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [] };
    expect(mnp.ingress).toEqual([expect.objectContaining(within)]);
    expect(mnp.egress).toEqual([expect.objectContaining(within)]);
    expect(mnp).toMatchObject({ name_prefix: 'work-mnp-ondemand-', lifecycle: { create_before_destroy: true } });
  });

  it('makes none without a multi-node job', () => {
    const config = workloadsConfig();
    delete config.jobDefinitions!.distributed;
    expect(Object.keys(synth(config).resource.aws_security_group!)).not.toContain('mnp_ondemand');
  });
});

describe('the doctor', () => {
  it('finds nothing at all, security invariants included', () => {
    expect(runDoctor(JSON.parse(s.json) as TerraformJson)).toEqual([]);
  });
});

const tf = terraformOrSkip('workload settings with the real provider');
afterAll(removeStackDirs);

describe.skipIf(!tf)('with the real AWS provider 5.100.0', () => {
  it('validates and plans every resource as a creation', async () => {
    const workspace = await MultiStackWorkspace.create([{ id: 'work', tfJson: JSON.parse(s.json) }]);
    try {
      const validation = await validate(workspace.dir);
      expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const plan = (await workspace.plan()).get('work')!;
      expect(plan.resource_changes!.map((c) => c.address).sort()).toEqual(addresses(s));
      expect(plan.resource_changes!.every((c) => c.change.actions.join() === 'create')).toBe(true);
    } finally {
      workspace.remove();
    }
  }, 300_000);

  it('plans no change against the state its apply leaves (container and node properties read back in AWS form)', async () => {
    const run = await converge([{ id: 'work', tfJson: JSON.parse(s.json) }]);
    expect([...run.bases.values()].map((b) => b.plans)).toEqual([2]);
  }, 300_000);
});
