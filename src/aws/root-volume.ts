/**
 * The root volume of AWS Batch instances: where it is, how small it may be,
 * and what EBS allows per volume type in a launch template
 * (docs/aws-batch-facts.md#root-volume-of-batch-instances).
 */

/** Root device of the ECS-optimized Amazon Linux AMIs (AL2 and AL2023, plain and NVIDIA). */
export const ECS_AMI_ROOT_DEVICE = '/dev/xvda';

/**
 * Size of the root snapshot of the ECS-optimized AMIs Batch picks for these
 * image types, in GiB. EC2 refuses to launch an instance whose mapping asks
 * for a smaller volume than the snapshot it is made from.
 */
export const ECS_AMI_ROOT_SNAPSHOT_GIB: Readonly<Record<string, number>> = {
  ECS_AL2: 30,
  ECS_AL2_NVIDIA: 30,
  ECS_AL2023: 30,
  ECS_AL2023_NVIDIA: 30,
};

export const ROOT_VOLUME_TYPES = ['gp3', 'gp2', 'io1', 'io2'] as const;
export type RootVolumeType = (typeof ROOT_VOLUME_TYPES)[number];

interface VolumeLimits {
  readonly sizeGiB: readonly [number, number];
  /** Provisioned IOPS: undefined when the type takes none. */
  readonly iops?: readonly [number, number];
  /** io1 and io2 cannot be created without an IOPS figure. */
  readonly iopsRequired?: true;
  /** MiB/s: gp3 only; the provider checks 125-1000 at plan. */
  readonly throughputMiBps?: readonly [number, number];
}

/** EC2's LaunchTemplateEbsBlockDeviceRequest limits (sizes, IOPS, throughput) per volume type. */
export const VOLUME_LIMITS: Readonly<Record<RootVolumeType, VolumeLimits>> = {
  gp3: { sizeGiB: [1, 16_384], iops: [3000, 16_000], throughputMiBps: [125, 1000] },
  gp2: { sizeGiB: [1, 16_384] },
  io1: { sizeGiB: [4, 16_384], iops: [100, 64_000], iopsRequired: true },
  io2: { sizeGiB: [4, 65_536], iops: [100, 256_000], iopsRequired: true },
};
