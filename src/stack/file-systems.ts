/**
 * The stack's EFS file systems as the job definitions see them: the file
 * system and access point ids their volumes name, and the client actions
 * their job roles need with IAM authorization
 * (docs/aws-batch-facts.md#efs-volumes).
 */
import type { Construct } from 'constructs';
import { ACCESS_POINT_ARN_KEY, CLIENT_MOUNT, CLIENT_ROOT_ACCESS, CLIENT_WRITE, accessPointArn, fileSystemArn, runsAsRoot } from '../aws/efs';
import { awsName } from '../aws/names';
import { FILE_SYSTEM_DEFAULTS, JOB_DEFINITION_DEFAULTS } from '../config/defaults';
import type { ResolvedConfig, ResolvedJobDefinition } from '../config/schema';
import { EfsFileSystem } from '../constructs/efs-file-system';
import type { ContainerVolume } from '../constructs/container-properties';
import type { Statement } from '../constructs/iam/policies';

/** A file system by what a job definition and a policy need: ids and ARNs (tokens for the ones the stack creates). */
export interface MountableFileSystem {
  readonly fileSystemId: string;
  readonly arn: string;
  readonly iamAuthorization: boolean;
  readonly accessPoints: Readonly<Record<string, { readonly id: string; readonly arn: string }>>;
}

/** Creates the file systems the config describes (existing ones are only referenced), by key. */
export function fileSystems(scope: Construct, config: ResolvedConfig, network: { vpcId?: string; subnetIdsByAz: Readonly<Record<string, string>>; securityGroupIds: readonly string[] }): Record<string, MountableFileSystem> {
  const out: Record<string, MountableFileSystem> = {};
  for (const [key, fs] of Object.entries(config.fileSystems)) {
    if (fs.fileSystemId !== undefined) {
      out[key] = {
        fileSystemId: fs.fileSystemId,
        arn: fileSystemArn(config.region, config.accountId, fs.fileSystemId),
        iamAuthorization: fs.iamAuthorization,
        accessPoints: Object.fromEntries(
          Object.entries(fs.accessPoints).map(([name, ap]) => [name, { id: ap.accessPointId!, arn: accessPointArn(config.region, config.accountId, ap.accessPointId!) }]),
        ),
      };
      continue;
    }
    // The config checks allow a file system to create only where the stack creates the VPC.
    const created = new EfsFileSystem(scope, key, {
      name: awsName(config.name, key),
      fileSystemKey: key,
      vpcId: network.vpcId!,
      subnetIdsByZone: Object.entries(network.subnetIdsByAz),
      clientSecurityGroupIds: network.securityGroupIds,
      throughputMode: fs.throughputMode ?? FILE_SYSTEM_DEFAULTS.throughputMode,
      accessPoints: Object.fromEntries(
        Object.entries(fs.accessPoints).map(([name, ap]) => [name, { path: ap.path!, uid: ap.uid!, gid: ap.gid!, permissions: ap.permissions ?? FILE_SYSTEM_DEFAULTS.accessPointPermissions }]),
      ),
      iamAuthorization: fs.iamAuthorization,
    });
    out[key] = {
      fileSystemId: created.fileSystem.id,
      arn: created.fileSystem.arn,
      iamAuthorization: fs.iamAuthorization,
      accessPoints: Object.fromEntries(Object.entries(created.accessPoints).map(([name, ap]) => [name, { id: ap.id, arn: ap.arn }])),
    };
  }
  return out;
}

/** A job's volumes as its container properties carry them. */
export function containerVolumes(job: ResolvedJobDefinition, mountable: Readonly<Record<string, MountableFileSystem>>): Record<string, ContainerVolume> {
  const out: Record<string, ContainerVolume> = {};
  for (const [name, volume] of Object.entries(job.volumes)) {
    if (volume.host !== undefined) {
      out[name] = { containerPath: volume.containerPath, readOnly: volume.readOnly, source: { host: volume.host } };
      continue;
    }
    const fs = mountable[volume.efs!]!;
    out[name] = {
      containerPath: volume.containerPath,
      readOnly: volume.readOnly,
      source: {
        efs: {
          fileSystemId: fs.fileSystemId,
          ...(volume.rootDirectory !== undefined ? { rootDirectory: volume.rootDirectory } : {}),
          transitEncryption: volume.transitEncryption ?? JOB_DEFINITION_DEFAULTS.transitEncryption,
          ...(volume.accessPoint !== undefined ? { accessPointId: fs.accessPoints[volume.accessPoint]!.id } : {}),
          iamAuthorization: fs.iamAuthorization,
        },
      },
    };
  }
  return out;
}

/**
 * What a job role needs to mount its job's volumes of file systems with IAM
 * authorization: ClientMount, ClientWrite unless every mount of it is
 * read-only, ClientRootAccess only without an access point for a job that
 * runs as root and writes (an access point acts as its own user); one
 * statement per file system and access point, tied to the access point.
 */
export function efsClientStatements(job: ResolvedJobDefinition, mountable: Readonly<Record<string, MountableFileSystem>>): Statement[] {
  const grants = new Map<string, { fs: MountableFileSystem; accessPoint?: string; write: boolean }>();
  for (const volume of Object.values(job.volumes)) {
    if (volume.efs === undefined) continue;
    const fs = mountable[volume.efs]!;
    if (!fs.iamAuthorization) continue;
    const key = `${volume.efs}\u0000${volume.accessPoint ?? ''}`;
    const grant = grants.get(key) ?? { fs, ...(volume.accessPoint !== undefined ? { accessPoint: volume.accessPoint } : {}), write: false };
    grant.write ||= !volume.readOnly;
    grants.set(key, grant);
  }
  return [...grants.keys()].sort().map((key) => {
    const { fs, accessPoint, write } = grants.get(key)!;
    const actions = [CLIENT_MOUNT, ...(write ? [CLIENT_WRITE] : []), ...(write && accessPoint === undefined && runsAsRoot(job.user) ? [CLIENT_ROOT_ACCESS] : [])];
    return {
      Effect: 'Allow' as const,
      Action: actions,
      Resource: fs.arn,
      ...(accessPoint !== undefined ? { Condition: { StringEquals: { [ACCESS_POINT_ARN_KEY]: fs.accessPoints[accessPoint]!.arn } } } : {}),
    };
  });
}
