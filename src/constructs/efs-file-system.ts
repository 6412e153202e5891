/**
 * An EFS file system the jobs mount, with what it needs to be reachable
 * (docs/aws-batch-facts.md#efs-volumes): encrypted at rest; a mount target in
 * each availability zone the jobs run in (EFS allows one per zone, and the
 * file system's DNS name resolves to the one in the client's own zone); a
 * security group that takes NFS (2049) from the Batch security groups; its
 * access points; and, with IAM authorization, a policy that refuses clients
 * without IAM or TLS (without a policy, EFS lets in anyone who reaches a
 * mount target).
 */
import { Construct } from 'constructs';
import { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import { EfsFileSystem as EfsFileSystemResource } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsFileSystemPolicy } from '@cdktf/provider-aws/lib/efs-file-system-policy';
import { EfsMountTarget } from '@cdktf/provider-aws/lib/efs-mount-target';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { named } from '../stack/terraform-ids';
import { policyDocument } from './iam/policies';
import { nfsRule } from './network/security-group-rules';

export interface EfsFileSystemProps {
  /** Its AWS name (Name tag) and the prefix of its security group's name. */
  readonly name: string;
  /** The config key: Terraform names are `<key>` and `<key>_<zone or access point>`. */
  readonly fileSystemKey: string;
  readonly vpcId: string;
  /** One subnet per availability zone the jobs run in, by zone. */
  readonly subnetIdsByZone: ReadonlyArray<readonly [zone: string, subnetId: string]>;
  /** The security groups of the Batch instances and tasks: NFS is allowed from these. */
  readonly clientSecurityGroupIds: readonly string[];
  readonly throughputMode: 'elastic' | 'bursting';
  /**
   * Access points by key: a folder, created with the owner and permissions on
   * first use, that every job on it sees as its root, acting as uid:gid.
   * @default - none
   */
  readonly accessPoints?: Readonly<Record<string, { readonly path: string; readonly uid: number; readonly gid: number; readonly permissions: string }>>;
  /**
   * A file system policy that refuses clients without IAM authorization or
   * TLS, leaving access to what the job roles' policies grant.
   * @default false
   */
  readonly iamAuthorization?: boolean;
}

/** Terraform: `aws_efs_file_system.<key>`, `aws_security_group.efs_<key>`, `aws_efs_mount_target.<key>_<zone>`, `aws_efs_access_point.<key>_<ap>`, `aws_efs_file_system_policy.<key>`. */
export class EfsFileSystem extends Construct {
  readonly fileSystem: EfsFileSystemResource;
  readonly securityGroup: SecurityGroup;
  readonly mountTargets: readonly EfsMountTarget[];
  /** Access point resources by key. */
  readonly accessPoints: Readonly<Record<string, EfsAccessPoint>>;

  constructor(scope: Construct, id: string, props: EfsFileSystemProps) {
    super(scope, id);
    const key = props.fileSystemKey;
    this.fileSystem = named(
      new EfsFileSystemResource(this, 'file-system', {
        // EFS's default is unencrypted, and turning encryption on later replaces the file system (its data with it).
        encrypted: true,
        throughputMode: props.throughputMode,
        tags: { Name: props.name },
      }),
      key,
    );
    this.securityGroup = named(
      new SecurityGroup(this, 'security-group', {
        // A prefix and create-before-destroy: a group still attached to a mount
        // target cannot be deleted, so a replacement is swapped in first.
        namePrefix: `${props.name}-efs-`,
        lifecycle: { createBeforeDestroy: true },
        description: 'EFS mount targets: NFS from the AWS Batch instances and Fargate tasks',
        vpcId: props.vpcId,
        // The reference goes one way (this group names the Batch groups); the Batch
        // group's own NFS egress goes to the VPC CIDR, so the two never form a cycle.
        ingress: [nfsRule({ securityGroups: [...props.clientSecurityGroupIds], description: 'NFS from AWS Batch jobs' })],
        egress: [],
        tags: { Name: `${props.name}-efs` },
      }),
      `efs_${key}`,
    );
    this.mountTargets = props.subnetIdsByZone.map(([zone, subnetId]) =>
      named(
        new EfsMountTarget(this, `mount-target-${zone}`, { fileSystemId: this.fileSystem.id, subnetId, securityGroups: [this.securityGroup.id] }),
        `${key}_${zone}`,
      ),
    );
    const accessPoints: Record<string, EfsAccessPoint> = {};
    for (const [name, ap] of Object.entries(props.accessPoints ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      accessPoints[name] = named(
        new EfsAccessPoint(this, `access-point-${name}`, {
          fileSystemId: this.fileSystem.id,
          posixUser: { uid: ap.uid, gid: ap.gid },
          // Without creation_info EFS does not create a missing folder, and mounts through the access point fail.
          rootDirectory: { path: ap.path, creationInfo: { ownerUid: ap.uid, ownerGid: ap.gid, permissions: ap.permissions } },
          tags: { Name: `${props.name}-${name}` },
          // A new path or user replaces the access point: create the new one first, so the job
          // definitions move to it (a new revision) before the old one goes.
          lifecycle: { createBeforeDestroy: true },
        }),
        `${key}_${name}`,
      );
    }
    this.accessPoints = accessPoints;
    if (props.iamAuthorization) {
      named(
        new EfsFileSystemPolicy(this, 'policy', {
          fileSystemId: this.fileSystem.id,
          // Any policy replaces EFS's default "everyone who reaches a mount target"; with no
          // Allow here, a client needs an identity policy that grants it (the job roles'), and TLS.
          policy: policyDocument([
            { Sid: 'DenyWithoutTls', Effect: 'Deny', Principal: '*', Action: '*', Resource: this.fileSystem.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          ]),
        }),
        key,
      );
    }
  }
}
