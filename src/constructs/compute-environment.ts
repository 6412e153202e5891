/**
 * A managed compute environment that survives edits: updatable in place by
 * default, replaced create-before-destroy under a name prefix when it cannot
 * be (docs/aws-batch-facts.md#what-replaces-a-compute-environment,
 * docs/aws-batch-facts.md#replacing-a-compute-environment-safely).
 */
import type { Construct } from 'constructs';
import { BatchComputeEnvironment } from '@cdktf/provider-aws/lib/batch-compute-environment';
import { isUpdatable } from '../aws/compute-environment-updates';
import { isGpuInstanceType } from '../aws/instance-types';
import { COMPUTE_ENVIRONMENT_DEFAULTS } from '../config/defaults';
import { isFargate, type ComputeType } from '../config/schema';
import type { BatchServiceRole } from './iam/batch-service-role';
import type { LaunchTemplate } from './launch-template';
import type { ClusterPlacementGroup } from './placement-group';

export interface ComputeEnvironmentProps {
  /**
   * Start of the AWS name; the provider appends a unique suffix. Never a
   * fixed name: a replacement is created while the old one still exists, and
   * two cannot share a name.
   */
  readonly computeEnvironmentNamePrefix: string;
  /** EC2 and SPOT launch instances; FARGATE and FARGATE_SPOT run tasks. */
  readonly type: ComputeType;
  /** ENABLED takes jobs from its queues; DISABLED takes none. */
  readonly state: 'ENABLED' | 'DISABLED';
  /** Upper bound of vCPUs it scales to. */
  readonly maxVcpus: number;
  /** Subnets its instances or tasks launch into. */
  readonly subnetIds: readonly string[];
  /** Security groups of its instances or tasks. */
  readonly securityGroupIds: readonly string[];
  /**
   * EC2/SPOT: what to scale down to when idle.
   * @default 0
   */
  readonly minVcpus?: number;
  /**
   * EC2/SPOT: instance types, families or aliases it may launch.
   * @default ["default_x86_64"]
   */
  readonly instanceTypes?: readonly string[];
  /**
   * EC2/SPOT: how Batch picks instances; decides, with the service role,
   * whether edits update in place (docs/aws-batch-facts.md#what-makes-a-compute-environment-updatable).
   * @default BEST_FIT_PROGRESSIVE (EC2), SPOT_CAPACITY_OPTIMIZED (SPOT)
   */
  readonly allocationStrategy?: string;
  /**
   * SPOT: the highest share of the on-demand price to pay.
   * @default - the on-demand price
   */
  readonly bidPercentage?: number;
  /**
   * EC2/SPOT: how an in-place infrastructure update treats running jobs.
   * Batch refuses it on Fargate, so it is left out there.
   * @default - jobs get 30 minutes, and are not terminated
   */
  readonly updatePolicy?: { readonly jobExecutionTimeoutMinutes: number; readonly terminateJobsOnUpdate: boolean };
  /** EC2/SPOT, required: the instance profile of the instance role. */
  readonly instanceProfileArn?: string;
  /** EC2/SPOT, required: the instances' launch template, at its latest version. */
  readonly launchTemplate?: LaunchTemplate;
  /**
   * A custom Batch service role.
   * @default - Batch's service-linked role
   */
  readonly serviceRole?: BatchServiceRole;
  /**
   * EC2/SPOT: the AMI of the non-GPU instance types, instead of the one
   * Batch picks for ECS_AL2023 (docs/aws-batch-facts.md#ami-override).
   * @default - Batch's
   */
  readonly imageId?: string;
  /**
   * EC2/SPOT: the AMI of the GPU instance types, instead of the one Batch
   * picks for ECS_AL2023_NVIDIA.
   * @default - Batch's
   */
  readonly gpuImageId?: string;
  /**
   * EC2/SPOT: tags of the instances Batch launches
   * (docs/aws-batch-facts.md#instance-tags).
   * @default - none
   */
  readonly instanceTags?: Readonly<Record<string, string>>;
  /**
   * EC2/SPOT: the cluster placement group the instances launch into
   * (docs/aws-batch-facts.md#cluster-placement-groups).
   * @default - none
   */
  readonly placementGroup?: ClusterPlacementGroup;
}

export class ComputeEnvironment extends BatchComputeEnvironment {
  constructor(scope: Construct, id: string, props: ComputeEnvironmentProps) {
    const fargate = isFargate(props.type);
    const launchTemplate = fargate ? undefined : props.launchTemplate;
    if (!fargate && (props.launchTemplate === undefined || props.instanceProfileArn === undefined)) {
      throw new Error(
        `ComputeEnvironment ${id}: type ${props.type} needs 'launchTemplate' and 'instanceProfileArn' (got launchTemplate ${props.launchTemplate ? 'set' : 'undefined'}, instanceProfileArn ${props.instanceProfileArn ?? 'undefined'})`,
      );
    }
    const defaults = COMPUTE_ENVIRONMENT_DEFAULTS;
    const allocationStrategy = props.allocationStrategy ?? defaults.allocationStrategy[props.type === 'SPOT' ? 'SPOT' : 'EC2'];
    const instanceTypes = props.instanceTypes ?? defaults.instanceTypes;
    const updatePolicy = props.updatePolicy ?? defaults.updatePolicy;
    super(scope, id, {
      computeEnvironmentNamePrefix: props.computeEnvironmentNamePrefix,
      type: 'MANAGED',
      state: props.state,
      serviceRole: props.serviceRole?.arn,
      computeResources: fargate
        ? { type: props.type, maxVcpus: props.maxVcpus, subnets: [...props.subnetIds], securityGroupIds: [...props.securityGroupIds] }
        : {
            type: props.type,
            allocationStrategy,
            bidPercentage: props.bidPercentage,
            minVcpus: props.minVcpus ?? defaults.minVcpus,
            maxVcpus: props.maxVcpus,
            instanceType: [...instanceTypes],
            instanceRole: props.instanceProfileArn,
            subnets: [...props.subnetIds],
            securityGroupIds: [...props.securityGroupIds],
            // With both image types, Batch uses the NVIDIA AMI for GPU instances
            // and the plain one for the rest; an override replaces the AMI of one.
            ec2Configuration: [
              { imageType: 'ECS_AL2023', ...(props.imageId !== undefined ? { imageIdOverride: props.imageId } : {}) },
              ...(instanceTypes.some(isGpuInstanceType)
                ? [{ imageType: 'ECS_AL2023_NVIDIA', ...(props.gpuImageId !== undefined ? { imageIdOverride: props.gpuImageId } : {}) }]
                : []),
            ],
            // The latest version: a template edit becomes an in-place update of the
            // compute environment, which then rolls its instances.
            launchTemplate: { launchTemplateId: launchTemplate!.id, version: launchTemplate!.latestVersion.toString() },
            // Not merged with the provider's default_tags: only what is given here reaches the instances.
            ...(props.instanceTags && Object.keys(props.instanceTags).length > 0 ? { tags: { ...props.instanceTags } } : {}),
            ...(props.placementGroup ? { placementGroup: props.placementGroup.name } : {}),
          },
      // EC2/SPOT only: the provider sends the policy in an UpdateComputeEnvironment
      // call right after creating the environment, and Batch refuses updatePolicy
      // for Fargate, so a Fargate environment with one fails its first apply
      // (docs/aws-batch-facts.md#fargate-compute-environments-take-no-update-policy).
      updatePolicy: fargate ? undefined : { jobExecutionTimeoutMinutes: updatePolicy.jobExecutionTimeoutMinutes, terminateJobsOnUpdate: updatePolicy.terminateJobsOnUpdate },
      dependsOn: props.serviceRole ? [props.serviceRole.policyAttachment] : undefined,
      lifecycle: {
        createBeforeDestroy: true,
        // Batch itself moves desired vCPUs as jobs come and go, and refuses
        // an update that lowers them (docs/aws-batch-facts.md#batch-owns-desired-vcpus).
        ...(fargate ? {} : { ignoreChanges: ['compute_resources[0].desired_vcpus'] }),
        // A compute environment that is not updatable must be replaced when
        // its launch template gets a new version. The new version number is
        // unknown at plan time, so the provider would plan an in-place update
        // and then fail the apply with "inconsistent final plan" once it knows
        // the number (proved in the safe-changes tests). Saying so up front
        // makes plan and apply agree: a create-before-destroy replacement.
        // (A bare address: cdktf renders a construct here as "${...}", which
        // Terraform refuses in replace_triggered_by.)
        ...(!fargate && !isUpdatable(allocationStrategy, props.serviceRole ? 'custom' : 'service-linked')
          ? { replaceTriggeredBy: [`${launchTemplate!.terraformResourceType}.${launchTemplate!.friendlyUniqueId}`] }
          : {}),
      },
    });
  }
}
