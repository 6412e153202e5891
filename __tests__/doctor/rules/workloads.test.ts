/**
 * The rules for the traps Step 11's job settings open: each with a failing
 * and a passing case, on hand-written Terraform JSON (helpers.ts), keys
 * written in either case where the provider reads them either way.
 */
import { describe, expect, it } from 'vitest';
import { jobShmExceedsMemory } from '../../../src/doctor/rules/jobs/shm-exceeds-memory';
import { fargateEc2OnlySettings } from '../../../src/doctor/rules/jobs/fargate-ec2-only-settings';
import { fargateEphemeralStorage } from '../../../src/doctor/rules/jobs/fargate-ephemeral-storage';
import { fargatePlatformVersion } from '../../../src/doctor/rules/jobs/fargate-platform-version';
import { multiNodeNoOnDemand } from '../../../src/doctor/rules/jobs/multinode-no-on-demand';
import { jobRetryRuleUnreachable } from '../../../src/doctor/rules/jobs/retry-rule-unreachable';
import { efsNoNfsPath } from '../../../src/doctor/rules/network/efs-no-nfs-path';
import { multiNodeInterNode } from '../../../src/doctor/rules/network/multinode-inter-node';
import { secEfsIamNoPolicy } from '../../../src/doctor/rules/security/efs-iam-no-policy';
import { secSgIngress } from '../../../src/doctor/rules/security/sg-ingress';
import { check, computeResources, container, ec2Stack, editContainer, fargateStack, job, ref, requirements, type Body, type Resources } from '../helpers';

/** A multi-node version of ec2Stack's job: two node ranges, each with its own container. */
function multiNode(r: Resources, containerOf: (range: string) => Body = () => ({ image: 'x', resourceRequirements: requirements(2, 4096) })): void {
  const j = job(r);
  delete j.container_properties;
  j.type = 'multinode';
  j.node_properties = container({ numNodes: 2, mainNode: 0, nodeRangeProperties: ['0:0', '1:'].map((targetNodes) => ({ targetNodes, container: containerOf(targetNodes) })) });
}

/** The self-referencing group a multi-node environment needs, added to ec2Stack's environment. */
function withInterNodeGroup(r: Resources): void {
  const all = { from_port: 0, to_port: 0, protocol: '-1', self: true };
  r.aws_security_group!.mnp = { vpc_id: ref('aws_vpc.main'), ingress: [all], egress: [all] };
  computeResources(r).security_group_ids = [ref('aws_security_group.batch'), ref('aws_security_group.mnp')];
}

/** An EFS file system with a mount target in the private subnet's zone, its group taking NFS from the Batch group. */
function withEfs(r: Resources): void {
  r.aws_subnet!.private!.availability_zone = 'eu-west-1a';
  r.aws_efs_file_system = { shared: { encrypted: true } };
  r.aws_security_group!.efs = { vpc_id: ref('aws_vpc.main'), ingress: [{ from_port: 2049, to_port: 2049, protocol: 'tcp', security_groups: [ref('aws_security_group.batch')] }], egress: [] };
  r.aws_efs_mount_target = { a: { file_system_id: ref('aws_efs_file_system.shared'), subnet_id: ref('aws_subnet.private'), security_groups: [ref('aws_security_group.efs')] } };
  r.aws_security_group!.batch!.egress.push({ from_port: 2049, to_port: 2049, protocol: 'tcp', cidr_blocks: [ref('aws_vpc.main', 'cidr_block')] });
  editContainer(r, (c) => {
    c.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: ref('aws_efs_file_system.shared'), transitEncryption: 'ENABLED' } }];
    c.mountPoints = [{ sourceVolume: 'data', containerPath: '/data' }];
  });
}

describe('BATCH_JOB_SHM_EXCEEDS_MEMORY', () => {
  it('reports shared memory plus tmpfs at or above the memory, PascalCase keys included', () => {
    const r = ec2Stack();
    editContainer(r, (c) => (c.LinuxParameters = { SharedMemorySize: 1536, Tmpfs: [{ ContainerPath: '/tmp', Size: 512 }] }));
    const [f, ...rest] = check(jobShmExceedsMemory, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'BATCH_JOB_SHM_EXCEEDS_MEMORY', severity: 'error', address: 'aws_batch_job_definition.job' });
    expect(f!.message).toBe('sharedMemorySize 1536 + tmpfs /tmp 512 = 2048 MiB, not below the container\'s memory (2048 MiB)');
  });

  it('reports it in a node range of a multi-node job', () => {
    const r = ec2Stack();
    multiNode(r, (range) => ({ image: 'x', resourceRequirements: requirements(2, 4096), ...(range === '1:' ? { linuxParameters: { sharedMemorySize: 8192 } } : {}) }));
    expect(check(jobShmExceedsMemory, r).map((f) => f.message)).toEqual(['node range 1:: sharedMemorySize 8192 = 8192 MiB, not below the container\'s memory (4096 MiB)']);
  });

  it('passes below the memory, and says nothing when a size is an expression', () => {
    const r = ec2Stack();
    editContainer(r, (c) => (c.linuxParameters = { sharedMemorySize: 1024, tmpfs: [{ containerPath: '/tmp', size: 512 }] }));
    expect(check(jobShmExceedsMemory, r)).toEqual([]);
    editContainer(r, (c) => (c.linuxParameters = { sharedMemorySize: '${var.shm}' }));
    expect(check(jobShmExceedsMemory, r)).toEqual([]);
  });
});

describe('BATCH_FARGATE_EC2_ONLY_SETTINGS', () => {
  it('reports shared memory, swap, ulimits and a host volume on a Fargate job definition', () => {
    const r = fargateStack();
    editContainer(r, (c) => {
      c.linuxParameters = { sharedMemorySize: 256, maxSwap: 1024, initProcessEnabled: true };
      c.ulimits = [{ name: 'nofile', softLimit: 1024, hardLimit: 1024 }];
      c.volumes = [{ name: 'scratch', host: { sourcePath: '/scratch' } }];
    });
    const [f, ...rest] = check(fargateEc2OnlySettings, r);
    expect(rest).toEqual([]);
    expect(f!.message).toBe('Fargate job definition with linuxParameters.sharedMemorySize, linuxParameters.maxSwap, ulimits, a host volume (volumes[].host)');
  });

  it('reports a multi-node job definition on Fargate', () => {
    const r = fargateStack();
    multiNode(r);
    job(r).platform_capabilities = ['FARGATE'];
    expect(check(fargateEc2OnlySettings, r)[0]!.message).toContain('a multi-node parallel job (node_properties)');
  });

  it('passes the settings Fargate has (init process, empty lists) and the same settings on EC2', () => {
    const r = fargateStack();
    editContainer(r, (c) => {
      c.linuxParameters = { initProcessEnabled: true, tmpfs: [], devices: [] };
      c.ulimits = [];
      c.readonlyRootFilesystem = true;
    });
    expect(check(fargateEc2OnlySettings, r)).toEqual([]);
    const e = ec2Stack();
    editContainer(e, (c) => (c.linuxParameters = { sharedMemorySize: 256 }));
    expect(check(fargateEc2OnlySettings, e)).toEqual([]);
  });
});

describe('BATCH_FARGATE_EPHEMERAL_STORAGE', () => {
  it.each([20, 201])('reports %s GiB', (size) => {
    const r = fargateStack();
    editContainer(r, (c) => (c.ephemeralStorage = { sizeInGiB: size }));
    expect(check(fargateEphemeralStorage, r).map((f) => f.message)).toEqual([`ephemeralStorage.sizeInGiB is ${size}; Fargate allows 21 to 200`]);
  });

  it.each([21, 200])('passes %s GiB', (size) => {
    const r = fargateStack();
    editContainer(r, (c) => (c.ephemeralStorage = { sizeInGiB: size }));
    expect(check(fargateEphemeralStorage, r)).toEqual([]);
  });
});

describe('BATCH_FARGATE_PLATFORM_VERSION', () => {
  it('reports ARM64, ephemeral storage and EFS pinned to 1.3.0', () => {
    const r = fargateStack();
    editContainer(r, (c) => {
      c.fargatePlatformConfiguration = { platformVersion: '1.3.0' };
      c.runtimePlatform = { cpuArchitecture: 'ARM64' };
      c.ephemeralStorage = { sizeInGiB: 50 };
      c.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-0123456789abcdef0' } }];
    });
    expect(check(fargatePlatformVersion, r).map((f) => f.message)).toEqual(['platform version 1.3.0 with ephemeral storage, ARM64, EFS volumes, which need 1.4.0']);
  });

  it('passes ARM64 on 1.4.0 or LATEST, and 1.3.0 without those features', () => {
    for (const platformVersion of ['1.4.0', 'LATEST']) {
      const r = fargateStack();
      editContainer(r, (c) => {
        c.fargatePlatformConfiguration = { platformVersion };
        c.runtimePlatform = { cpuArchitecture: 'ARM64' };
      });
      expect(check(fargatePlatformVersion, r)).toEqual([]);
    }
    const r = fargateStack();
    editContainer(r, (c) => (c.fargatePlatformConfiguration = { platformVersion: '1.3.0' }));
    expect(check(fargatePlatformVersion, r)).toEqual([]);
  });

  it('does not report an ARM64 job on a queue of FARGATE_SPOT environments only: current AWS documentation supports it', () => {
    const r = fargateStack();
    computeResources(r, 'fargate').type = 'FARGATE_SPOT';
    editContainer(r, (c) => (c.runtimePlatform = { cpuArchitecture: 'ARM64' }));
    expect(check(fargatePlatformVersion, r)).toEqual([]);
  });
});

describe('BATCH_MNP_NO_ON_DEMAND', () => {
  it('reports a multi-node job whose queue has only SPOT compute environments', () => {
    const r = ec2Stack();
    multiNode(r);
    computeResources(r).type = 'SPOT';
    expect(check(multiNodeNoOnDemand, r).map((f) => f.message)).toEqual(['multi-node parallel job, but its compute environments are aws_batch_compute_environment.ec2 (SPOT)']);
  });

  it('passes with an EC2 on-demand environment, and says nothing of container jobs on Spot', () => {
    const r = ec2Stack();
    multiNode(r);
    expect(check(multiNodeNoOnDemand, r)).toEqual([]);
    const s = ec2Stack();
    computeResources(s).type = 'SPOT';
    expect(check(multiNodeNoOnDemand, s)).toEqual([]);
  });
});

describe('BATCH_MNP_NO_INTER_NODE_TRAFFIC', () => {
  it('reports a multi-node environment whose groups allow no traffic within the group', () => {
    const r = ec2Stack();
    multiNode(r);
    const [f, ...rest] = check(multiNodeInterNode, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ address: 'aws_batch_compute_environment.ec2', severity: 'error' });
    expect(f!.message).toBe('runs multi-node parallel jobs, but its security groups (aws_security_group.batch) have no all-traffic ingress and egress rule within the group');
  });

  it('reports a group with the ingress but not the egress', () => {
    const r = ec2Stack();
    multiNode(r);
    withInterNodeGroup(r);
    r.aws_security_group!.mnp!.egress = [];
    expect(check(multiNodeInterNode, r)[0]!.message).toContain('no all-traffic egress rule within the group');
  });

  it('passes with a self-referencing group (inline or as separate rules), and ignores environments without multi-node jobs', () => {
    const r = ec2Stack();
    multiNode(r);
    withInterNodeGroup(r);
    expect(check(multiNodeInterNode, r)).toEqual([]);
    const separate = ec2Stack();
    multiNode(separate);
    withInterNodeGroup(separate);
    separate.aws_security_group!.mnp = { vpc_id: ref('aws_vpc.main') };
    separate.aws_vpc_security_group_ingress_rule = { nodes: { security_group_id: ref('aws_security_group.mnp'), ip_protocol: '-1', referenced_security_group_id: ref('aws_security_group.mnp') } };
    separate.aws_vpc_security_group_egress_rule = { nodes: { security_group_id: ref('aws_security_group.mnp'), ip_protocol: '-1', referenced_security_group_id: ref('aws_security_group.mnp') } };
    expect(check(multiNodeInterNode, separate)).toEqual([]);
    expect(check(multiNodeInterNode, ec2Stack())).toEqual([]);
  });
});

describe('BATCH_MNP_NO_INTER_NODE_TRAFFIC on a job bound to no queue', () => {
  /** ec2Stack plus a second queue `other` on its own environment `other` (a copy of `ec2` without the inter-node group). */
  function twoQueues(): Resources {
    const r = ec2Stack();
    multiNode(r);
    withInterNodeGroup(r);
    r.aws_batch_compute_environment!.other = JSON.parse(JSON.stringify(r.aws_batch_compute_environment!.ec2));
    r.aws_batch_compute_environment!.other.compute_resources.security_group_ids = [ref('aws_security_group.batch')];
    r.aws_batch_job_queue!.other = { name: 'other', priority: 1, compute_environment_order: [{ order: 1, compute_environment: ref('aws_batch_compute_environment.other', 'arn') }] };
    return r;
  }

  it('says nothing when some environment it could run on lets its nodes talk (it may be submitted there)', () => {
    expect(check(multiNodeInterNode, twoQueues())).toEqual([]);
  });

  it('reports the environments of the queue it is bound to', () => {
    const r = twoQueues();
    job(r)['//'] = { queue: 'aws_batch_job_queue.other' };
    expect(check(multiNodeInterNode, r).map((f) => f.address)).toEqual(['aws_batch_compute_environment.other']);
  });

  it('reports every environment when none lets its nodes talk', () => {
    const r = twoQueues();
    computeResources(r).security_group_ids = [ref('aws_security_group.batch')];
    expect(check(multiNodeInterNode, r).map((f) => f.address).sort()).toEqual(['aws_batch_compute_environment.ec2', 'aws_batch_compute_environment.other']);
  });
});

describe('BATCH_SEC_SG_INGRESS and multi-node environments', () => {
  it('accepts the within-group ingress of a group used only by multi-node environments', () => {
    const r = ec2Stack();
    multiNode(r);
    withInterNodeGroup(r);
    expect(check(secSgIngress, r)).toEqual([]);
  });

  it('still warns about within-group ingress where no multi-node job runs', () => {
    const r = ec2Stack();
    withInterNodeGroup(r);
    expect(check(secSgIngress, r).map((f) => f.address)).toEqual(['aws_security_group.mnp']);
  });

  it('still warns about any other ingress on a multi-node environment', () => {
    const r = ec2Stack();
    multiNode(r);
    withInterNodeGroup(r);
    r.aws_security_group!.mnp!.ingress.push({ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'] });
    expect(check(secSgIngress, r)).toHaveLength(1);
  });
});

describe('BATCH_EFS_NO_NFS_PATH', () => {
  it('passes a mount target in the zone, NFS into its group from the Batch group and out of the Batch group to the VPC', () => {
    const r = ec2Stack();
    withEfs(r);
    expect(check(efsNoNfsPath, r)).toEqual([]);
  });

  it('reports a file system without mount targets', () => {
    const r = ec2Stack();
    withEfs(r);
    delete r.aws_efs_mount_target;
    expect(check(efsNoNfsPath, r).map((f) => f.message)).toEqual(['aws_efs_file_system.shared on aws_batch_compute_environment.ec2: the file system has no mount target']);
  });

  it('reports a zone of the compute environment without a mount target', () => {
    const r = ec2Stack();
    withEfs(r);
    r.aws_subnet!.other = { vpc_id: ref('aws_vpc.main'), cidr_block: '10.0.2.0/24', availability_zone: 'eu-west-1b' };
    r.aws_route_table_association!.other = { subnet_id: ref('aws_subnet.other'), route_table_id: ref('aws_route_table.private') };
    computeResources(r).subnets.push(ref('aws_subnet.other'));
    expect(check(efsNoNfsPath, r)[0]!.message).toContain('no mount target in eu-west-1b, where the compute environment has subnets');
  });

  it('reports the Batch group without NFS egress, and the mount target group without NFS ingress', () => {
    const r = ec2Stack();
    withEfs(r);
    r.aws_security_group!.batch!.egress.pop();
    expect(check(efsNoNfsPath, r)[0]!.message).toContain('allow no TCP 2049 out to the mount targets');
    const s = ec2Stack();
    withEfs(s);
    s.aws_security_group!.efs!.ingress = [{ from_port: 443, to_port: 443, protocol: 'tcp', security_groups: [ref('aws_security_group.batch')] }];
    expect(check(efsNoNfsPath, s)[0]!.message).toContain("take no TCP 2049 from the compute environment's groups");
  });

  it('says nothing about a file system outside the configuration', () => {
    const r = ec2Stack();
    editContainer(r, (c) => (c.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-0123456789abcdef0' } }]));
    expect(check(efsNoNfsPath, r)).toEqual([]);
  });
});

describe('BATCH_SEC_EFS_IAM_NO_POLICY', () => {
  const iam = (r: Resources) =>
    editContainer(r, (c) => (c.volumes = [{ name: 'data', efsVolumeConfiguration: { fileSystemId: ref('aws_efs_file_system.shared'), transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } } }]));

  it('warns about IAM authorization on a file system without a policy', () => {
    const r = ec2Stack();
    withEfs(r);
    iam(r);
    expect(check(secEfsIamNoPolicy, r)).toMatchObject([{ rule: 'BATCH_SEC_EFS_IAM_NO_POLICY', severity: 'warning', address: 'aws_batch_job_definition.job' }]);
  });

  it('passes with a file system policy, and without IAM authorization', () => {
    const r = ec2Stack();
    withEfs(r);
    iam(r);
    r.aws_efs_file_system_policy = { shared: { file_system_id: ref('aws_efs_file_system.shared'), policy: '{}' } };
    expect(check(secEfsIamNoPolicy, r)).toEqual([]);
    const s = ec2Stack();
    withEfs(s);
    expect(check(secEfsIamNoPolicy, s)).toEqual([]);
  });
});

describe('BATCH_JOB_RETRY_RULE_UNREACHABLE', () => {
  it('warns about rules after a catch-all', () => {
    const r = ec2Stack();
    job(r).retry_strategy = { attempts: 3, evaluate_on_exit: [{ action: 'EXIT', on_reason: '*' }, { action: 'RETRY', on_exit_code: '137' }] };
    expect(check(jobRetryRuleUnreachable, r).map((f) => f.message)).toEqual(['retry_strategy.evaluate_on_exit[0] matches every attempt, so the 1 rule(s) after it never apply']);
  });

  it('passes a catch-all last, and a rule that is a wildcard on one condition but not all', () => {
    const r = ec2Stack();
    job(r).retry_strategy = { attempts: 3, evaluate_on_exit: [{ action: 'RETRY', on_exit_code: '137', on_reason: '*' }, { action: 'EXIT', on_reason: '*' }] };
    expect(check(jobRetryRuleUnreachable, r)).toEqual([]);
  });
});
