import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalString, type Resource } from '../../terraform/model';
import { field, jobContainers, listField } from '../../views/job-containers';

/**
 * Without a file system policy EFS grants full access to any client that
 * reaches a mount target, IAM or not: mounting with IAM authorization then
 * restricts nothing (docs/aws-batch-facts.md#efs-volumes).
 */
export const secEfsIamNoPolicy: Rule = {
  id: 'BATCH_SEC_EFS_IAM_NO_POLICY',
  severity: 'warning',
  pack: 'security',
  title: 'EFS IAM authorization without a file system policy',
  why: 'A job definition that mounts EFS with IAM authorization (authorizationConfig.iam = ENABLED) looks as if only its job role may use the file system. But while the file system has no policy, EFS\'s default grants full access to any client that can reach a mount target, with or without IAM: the job role\'s grants restrict nothing.',
  fix: 'Add an aws_efs_file_system_policy for the file system that allows no anonymous access (for example a single statement denying aws:SecureTransport = false), and grant the job roles elasticfilesystem:ClientMount (and ClientWrite) in their own policies.',
  link: 'https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html',
  check(model) {
    const items = jobContainers(model).flatMap((jc) => {
      const fileSystems = new Set<Resource>();
      for (const { container } of jc.containers) {
        for (const volume of listField(container, 'volumes') ?? []) {
          const efs = field(volume, 'efsVolumeConfiguration');
          if (literalString(field(field(efs, 'authorizationConfig'), 'iam'))?.toUpperCase() !== 'ENABLED') continue;
          const fs = model.target(field(efs, 'fileSystemId'));
          if (fs?.type === 'aws_efs_file_system') fileSystems.add(fs);
        }
      }
      return [...fileSystems].map((fileSystem) => ({ resource: jc.resource, fileSystem }));
    });
    return judgeEach(this, items, ({ fileSystem }) =>
      model.referrers('aws_efs_file_system_policy', 'file_system_id', fileSystem).length > 0
        ? undefined
        : `mounts ${fileSystem.address} with IAM authorization, but the file system has no aws_efs_file_system_policy, so any client that reaches a mount target gets full access`,
    );
  },
};
