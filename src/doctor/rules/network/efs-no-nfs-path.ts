import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { efsMounts, knownCeGroups, mountTargetGroups, mountTargets, nfsAllowed, zonesWithoutMountTarget } from '../../views/efs-paths';
import { ceSubnets } from '../../views/network-paths';

/**
 * A job mounting an EFS file system needs NFS (TCP 2049) to a mount target
 * in its own availability zone: security groups on both sides, and the mount
 * target in that zone (docs/aws-batch-facts.md#efs-volumes).
 */
export const efsNoNfsPath: Rule = {
  id: 'BATCH_EFS_NO_NFS_PATH',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'EFS volume without an NFS path',
  why: 'A job mounts EFS over NFS (TCP 2049, under TLS too) through the mount target in its own availability zone: the file system\'s DNS name resolves to no other. Without a mount target in each zone the compute environment uses, without 2049 out of its security groups or into the mount targets\', the mount times out and the job fails to start (ResourceInitializationError on Fargate, CannotStartContainerError on EC2).',
  fix: 'Create an aws_efs_mount_target in every availability zone of the compute environments\' subnets; let the mount targets\' security group take TCP 2049 from the Batch security group, and the Batch security group send TCP 2049 to it (or to the VPC CIDR).',
  link: 'https://docs.aws.amazon.com/efs/latest/ug/network-access.html',
  check(model) {
    const items = efsMounts(model).flatMap((mount) => (mount.ces ?? []).map((ce) => ({ ...mount, ce, resource: mount.jobDefinition })));
    return judgeEach(this, items, ({ fileSystem, ce }) => {
      const where = `${fileSystem.address} on ${ce.resource.address}`;
      if (mountTargets(model, fileSystem).length === 0) return `${where}: the file system has no mount target`;
      const zones = zonesWithoutMountTarget(model, ce, fileSystem);
      if (zones && zones.length > 0) return `${where}: no mount target in ${zones.join(', ')}, where the compute environment has subnets`;
      const ceGroups = knownCeGroups(model, ce);
      const targetGroups = mountTargetGroups(model, fileSystem);
      if (!ceGroups) return { unknown: `${where}: the compute environment's security groups are not all in this configuration` };
      if (!targetGroups) return { unknown: `${where}: the mount targets' security groups are not all known` };
      const vpc = ceSubnets(model, ce).subnets[0]?.vpc;
      const problems = [
        ...(nfsAllowed(model, ceGroups, 'egress', targetGroups, vpc) === 'no' ? [`the security groups ${ceGroups.map((g) => g.address).join(', ')} allow no TCP 2049 out to the mount targets`] : []),
        ...(nfsAllowed(model, targetGroups, 'ingress', ceGroups, vpc) === 'no' ? [`the mount targets' security groups ${targetGroups.map((g) => g.address).join(', ')} take no TCP 2049 from the compute environment's groups`] : []),
      ];
      return problems.length > 0 ? `${where}: ${problems.join('; ')}` : undefined;
    });
  },
};
