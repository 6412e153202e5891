import type { Rule } from '../types';
import { ceBidPercentage } from './ce-bid-percentage';
import { ceCustomAmi } from './ce-custom-ami';
import { ceDesiredVcpusDrift } from './ce-desired-vcpus-drift';
import { ceFargateUpdatePolicy } from './ce-fargate-update-policy';
import { ceFixedNameCreateBeforeDestroy } from './ce-fixed-name-create-before-destroy';
import { ceInstanceRoleNotProfile } from './ce-instance-role-not-profile';
import { ceInstanceRolePolicy } from './ce-instance-role-policy';
import { ceMinAboveMax } from './ce-min-above-max';
import { ceMixedArchitectures } from './ce-mixed-architectures';
import { ceNoCreateBeforeDestroy } from './ce-no-create-before-destroy';
import { ceReplacedOnEdit } from './ce-replaced-on-edit';
import { ceLaunchTemplateVersion } from './ce-launch-template-version';
import { ceServiceRoleDestroyOrder } from './ce-service-role-destroy-order';
import { ceServiceRolePolicy } from './ce-service-role-policy';
import { ceSpotFleetRole } from './ce-spot-fleet-role';
import { fargateGpu } from './fargate-gpu';
import { fargateInvalidResources } from './fargate-invalid-resources';
import { fargatePublicIpDisabled } from './fargate-public-ip-disabled';
import { jobExceedsInstanceTypes } from './job-exceeds-instance-types';
import { jobGpuNotAvailable } from './job-gpu-not-available';
import { jobLegacyVcpusMemory } from './job-legacy-vcpus-memory';
import { jobPlatformMismatch } from './job-platform-mismatch';
import { jobSecretNotGranted } from './job-secret-not-granted';
import { jobUnknownContainerKeys } from './job-unknown-container-keys';
import { jobVcpuAboveMaxVcpus } from './job-vcpu-above-max-vcpus';
import { nameInvalid } from './name-invalid';
import { netNoEcsPath } from './net-no-ecs-path';
import { netNoImagePath } from './net-no-image-path';
import { netNoLogsPath } from './net-no-logs-path';
import { netNatBeforeIgw } from './net-nat-before-igw';
import { queueDeprecatedComputeEnvironments } from './queue-deprecated-compute-environments';
import { queueDisabled } from './queue-disabled';
import { queueDuplicateOrder } from './queue-duplicate-order';
import { queueMixedArchitectures } from './queue-mixed-architectures';
import { queueMixedPlatforms } from './queue-mixed-platforms';
import { queueTimeLimitRange } from './queue-time-limit-range';
import { queueTooManyCes } from './queue-too-many-ces';
import { scheduleShareIdentifier } from './schedule-share-identifier';
import { scheduleTargetMissing } from './schedule-target-missing';
import { secAdminPolicy } from './sec-admin-policy';
import { secEbsUnencrypted } from './sec-ebs-unencrypted';
import { secEgressWide } from './sec-egress-wide';
import { secEnvSecret } from './sec-env-secret';
import { secFargatePublicIp } from './sec-fargate-public-ip';
import { secIamAllActions } from './sec-iam-all-actions';
import { secIamServiceWildcard } from './sec-iam-service-wildcard';
import { secImdsv2 } from './sec-imdsv2';
import { secJobLogGroup } from './sec-job-log-group';
import { secLogRetention } from './sec-log-retention';
import { secManagedPolicy } from './sec-managed-policy';
import { secNoLaunchTemplate } from './sec-no-launch-template';
import { secPrivileged } from './sec-privileged';
import { secRootVolumeUnmapped } from './sec-root-volume-unmapped';
import { secS3Unencrypted } from './sec-s3-unencrypted';
import { secSgIngress } from './sec-sg-ingress';
import { secSgIngressOpen } from './sec-sg-ingress-open';
import { secSnsUnencrypted } from './sec-sns-unencrypted';
import { secSubnetPublicIp } from './sec-subnet-public-ip';
import { secTrustOpen } from './sec-trust-open';
import { secTrustSourceAccount } from './sec-trust-source-account';
import { sgEgress } from './sg-egress';
import { vpcDnsForEndpoints } from './vpc-dns-for-endpoints';

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
  nameInvalid,
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
  ceFargateUpdatePolicy,
  ceDesiredVcpusDrift,
  // Job queues.
  queueMixedPlatforms,
  queueTooManyCes,
  queueDuplicateOrder,
  queueMixedArchitectures,
  queueDeprecatedComputeEnvironments,
  queueDisabled,
  queueTimeLimitRange,
  // Network paths from the compute environments' subnets.
  netNoEcsPath,
  netNoImagePath,
  netNoLogsPath,
  fargatePublicIpDisabled,
  vpcDnsForEndpoints,
  sgEgress,
  netNatBeforeIgw,
  // Schedules: can a run ever submit its job?
  scheduleTargetMissing,
  scheduleShareIdentifier,
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
  secS3Unencrypted,
];
