import type { Rule } from '../engine/types';
import { ceAmiFollowsReleases } from './compute-environments/ami-follows-releases';
import { ceBidPercentage } from './compute-environments/bid-percentage';
import { ceClusterPlacementMultiAz } from './compute-environments/cluster-placement-multi-az';
import { ceCustomAmi } from './compute-environments/custom-ami';
import { ceDesiredVcpusDrift } from './compute-environments/desired-vcpus-drift';
import { ceFargateUpdatePolicy } from './compute-environments/fargate-update-policy';
import { ceFixedNameCreateBeforeDestroy } from './compute-environments/fixed-name-create-before-destroy';
import { ceInstanceRoleNotProfile } from './compute-environments/instance-role-not-profile';
import { ceInstanceRolePolicy } from './compute-environments/instance-role-policy';
import { ceLaunchTemplateNotApplied } from './compute-environments/launch-template-not-applied';
import { ceLaunchTemplateVersion } from './compute-environments/launch-template-version';
import { ceMinAboveMax } from './compute-environments/min-above-max';
import { ceMixedArchitectures } from './compute-environments/mixed-architectures';
import { ceNoCreateBeforeDestroy } from './compute-environments/no-create-before-destroy';
import { ceReplacedOnEdit } from './compute-environments/replaced-on-edit';
import { ceRootVolumeBelowSnapshot } from './compute-environments/root-volume-below-snapshot';
import { ceServiceRoleDestroyOrder } from './compute-environments/service-role-destroy-order';
import { ceServiceRolePolicy } from './compute-environments/service-role-policy';
import { ceSpotFleetRole } from './compute-environments/spot-fleet-role';
import { ceUnknownInstanceType } from './compute-environments/unknown-instance-type';
import { ceUserDataNotMime } from './compute-environments/user-data-not-mime';
import { queueDeprecatedComputeEnvironments } from './job-queues/deprecated-compute-environments';
import { queueDisabled } from './job-queues/disabled';
import { queueFairShareNoShare } from './job-queues/fair-share-no-share';
import { queueDuplicateOrder } from './job-queues/duplicate-order';
import { queueMixedArchitectures } from './job-queues/mixed-architectures';
import { queueMixedPlatforms } from './job-queues/mixed-platforms';
import { queueTimeLimitRange } from './job-queues/time-limit-range';
import { queueTooManyCes } from './job-queues/too-many-ces';
import { jobExceedsInstanceTypes } from './jobs/exceeds-instance-types';
import { jobDuplicateKeys } from './jobs/duplicate-keys';
import { fargateGpu } from './jobs/fargate-gpu';
import { fargateInvalidResources } from './jobs/fargate-invalid-resources';
import { jobGpuNotAvailable } from './jobs/gpu-not-available';
import { jobLegacyVcpusMemory } from './jobs/legacy-vcpus-memory';
import { nameInvalid } from './jobs/name-invalid';
import { jobPlatformMismatch } from './jobs/platform-mismatch';
import { jobReservedEnvironment } from './jobs/reserved-environment';
import { jobSecretNotGranted } from './jobs/secret-not-granted';
import { jobUnknownContainerKeys } from './jobs/unknown-container-keys';
import { jobVcpuAboveMaxVcpus } from './jobs/vcpu-above-max-vcpus';
import { nameCollision } from './naming/name-collision';
import { tagsInvalid } from './naming/tags-invalid';
import { jobShmExceedsMemory } from './jobs/shm-exceeds-memory';
import { fargateEc2OnlySettings } from './jobs/fargate-ec2-only-settings';
import { fargateEphemeralStorage } from './jobs/fargate-ephemeral-storage';
import { fargatePlatformVersion } from './jobs/fargate-platform-version';
import { multiNodeNoOnDemand } from './jobs/multinode-no-on-demand';
import { jobRetryRuleUnreachable } from './jobs/retry-rule-unreachable';
import { efsNoNfsPath } from './network/efs-no-nfs-path';
import { multiNodeInterNode } from './network/multinode-inter-node';
import { secEfsIamNoPolicy } from './security/efs-iam-no-policy';
import { fargatePublicIpDisabled } from './network/fargate-public-ip-disabled';
import { netNatBeforeIgw } from './network/nat-before-igw';
import { netNoEcsPath } from './network/no-ecs-path';
import { netNoImagePath } from './network/no-image-path';
import { netNoLogsPath } from './network/no-logs-path';
import { sgEgress } from './network/sg-egress';
import { vpcDnsForEndpoints } from './network/vpc-dns-for-endpoints';
import { scheduleDeregisteredRevision } from './schedules/deregistered-revision';
import { scheduleExpressionInvalid } from './schedules/expression-invalid';
import { scheduleRevisionArn } from './schedules/revision-arn';
import { scheduleShareIdentifier } from './schedules/share-identifier';
import { scheduleTargetMissing } from './schedules/target-missing';
import { secAdminPolicy } from './security/admin-policy';
import { secEbsUnencrypted } from './security/ebs-unencrypted';
import { secEgressWide } from './security/egress-wide';
import { secEnvSecret } from './security/env-secret';
import { secFargatePublicIp } from './security/fargate-public-ip';
import { secIamAllActions } from './security/iam-all-actions';
import { secIamServiceWildcard } from './security/iam-service-wildcard';
import { secImdsv2 } from './security/imdsv2';
import { secJobLogGroup } from './security/job-log-group';
import { secLogRetention } from './security/log-retention';
import { secManagedPolicy } from './security/managed-policy';
import { secNoLaunchTemplate } from './security/no-launch-template';
import { secPrivileged } from './security/privileged';
import { secRootVolumeUnmapped } from './security/root-volume-unmapped';
import { secS3Public } from './security/s3-public';
import { secS3TlsOnly } from './security/s3-tls-only';
import { secSgIngress } from './security/sg-ingress';
import { secSharedRole } from './security/shared-role';
import { secSgIngressOpen } from './security/sg-ingress-open';
import { secSnsUnencrypted } from './security/sns-unencrypted';
import { secSubnetPublicIp } from './security/subnet-public-ip';
import { secTrustOpen } from './security/trust-open';
import { secTrustSourceAccount } from './security/trust-source-account';
import { secUserDataSecret } from './security/user-data-secret';

/** Every rule of the doctor, grouped as the README lists them: jobs, compute environments, queues, network. */
export const RULES: readonly Rule[] = [
  // Job definitions: can any queue ever run them?
  jobPlatformMismatch,
  jobVcpuAboveMaxVcpus,
  jobExceedsInstanceTypes,
  jobGpuNotAvailable,
  fargateInvalidResources,
  fargateGpu,
  jobLegacyVcpusMemory,
  jobUnknownContainerKeys,
  jobSecretNotGranted,
  jobReservedEnvironment,
  jobDuplicateKeys,
  nameInvalid,
  // Workload settings (Step 11): memory, Fargate, multi-node, retries.
  jobShmExceedsMemory,
  fargateEc2OnlySettings,
  fargateEphemeralStorage,
  fargatePlatformVersion,
  multiNodeNoOnDemand,
  jobRetryRuleUnreachable,
  // Compute environments: apply, replace and destroy safely.
  ceMinAboveMax,
  ceFixedNameCreateBeforeDestroy,
  ceNoCreateBeforeDestroy,
  ceReplacedOnEdit,
  ceLaunchTemplateVersion,
  ceServiceRoleDestroyOrder,
  ceServiceRolePolicy,
  ceInstanceRoleNotProfile,
  ceInstanceRolePolicy,
  ceSpotFleetRole,
  ceBidPercentage,
  ceMixedArchitectures,
  ceCustomAmi,
  ceAmiFollowsReleases,
  ceFargateUpdatePolicy,
  ceDesiredVcpusDrift,
  ceLaunchTemplateNotApplied,
  ceUnknownInstanceType,
  ceUserDataNotMime,
  ceClusterPlacementMultiAz,
  ceRootVolumeBelowSnapshot,
  // Job queues.
  queueMixedPlatforms,
  queueTooManyCes,
  queueDuplicateOrder,
  queueMixedArchitectures,
  queueDeprecatedComputeEnvironments,
  queueDisabled,
  queueTimeLimitRange,
  queueFairShareNoShare,
  // Network paths from the compute environments' subnets.
  netNoEcsPath,
  netNoImagePath,
  netNoLogsPath,
  fargatePublicIpDisabled,
  vpcDnsForEndpoints,
  sgEgress,
  netNatBeforeIgw,
  efsNoNfsPath,
  multiNodeInterNode,
  // Schedules: can a run ever submit its job?
  scheduleTargetMissing,
  scheduleShareIdentifier,
  scheduleDeregisteredRevision,
  scheduleRevisionArn,
  scheduleExpressionInvalid,
  // Names and tags AWS refuses or that collide.
  nameCollision,
  tagsInvalid,
  // Security: invariants of everything this project emits (BATCH_SEC_*; see ../security.ts).
  secImdsv2,
  secEbsUnencrypted,
  secRootVolumeUnmapped,
  secNoLaunchTemplate,
  secSgIngressOpen,
  secSgIngress,
  secEgressWide,
  secSubnetPublicIp,
  secFargatePublicIp,
  secIamAllActions,
  secIamServiceWildcard,
  secAdminPolicy,
  secManagedPolicy,
  secTrustOpen,
  secTrustSourceAccount,
  secPrivileged,
  secEnvSecret,
  secLogRetention,
  secJobLogGroup,
  secSnsUnencrypted,
  secS3Public,
  secS3TlsOnly,
  secSharedRole,
  secUserDataSecret,
  secEfsIamNoPolicy,
];
