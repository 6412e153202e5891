/**
 * What Amazon EFS needs from the jobs that mount it
 * (docs/aws-batch-facts.md#efs-volumes): NFS on TCP 2049, and with IAM
 * authorization the client actions on the file system, in the job role.
 */

/** NFS, also under TLS (the mount helper's stunnel connects to 2049). */
export const NFS_PORT = 2049;

/** Read access; every mount needs it. */
export const CLIENT_MOUNT = 'elasticfilesystem:ClientMount';
/** Write access. */
export const CLIENT_WRITE = 'elasticfilesystem:ClientWrite';
/** Acting as root (uid 0) on the file system; without it root is squashed to nobody. */
export const CLIENT_ROOT_ACCESS = 'elasticfilesystem:ClientRootAccess';
/** The condition key that ties a grant to one access point. */
export const ACCESS_POINT_ARN_KEY = 'elasticfilesystem:AccessPointArn';

export function fileSystemArn(region: string, accountId: string, fileSystemId: string): string {
  return `arn:aws:elasticfilesystem:${region}:${accountId}:file-system/${fileSystemId}`;
}

export function accessPointArn(region: string, accountId: string, accessPointId: string): string {
  return `arn:aws:elasticfilesystem:${region}:${accountId}:access-point/${accessPointId}`;
}

/** `user` values that run the container as root (also what no `user` means for most images). */
export function runsAsRoot(user: string | undefined): boolean {
  return user === undefined || /^(root|0)(:.*)?$/.test(user);
}
