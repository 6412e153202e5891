/**
 * Managed compute environments that survive edits: updatable in place by
 * default, replaced create-before-destroy under a name prefix when they
 * cannot be (BATCH-FACTS, "What replaces a compute environment").
 */
import { Construct } from 'constructs';
import { BatchComputeEnvironment } from '@cdktf/provider-aws/lib/batch-compute-environment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import type { ITerraformDependable } from 'cdktf';
import { isFargate, type ResolvedComputeEnvironment, type ResolvedConfig } from '../config/schema';
import { named } from '../naming';
import { awsName } from '../aws/names';
import { isUpdatable } from '../aws/compute-environment-updates';
import { isGpuInstanceType } from '../aws/instance-types';

export interface ComputeEnvironmentsProps {
  readonly config: ResolvedConfig;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly instanceProfileArn?: string;
  readonly serviceRoleArn?: string;
  /** The custom service role's policy attachment; compute environments depend on it so destroy cannot hang. */
  readonly serviceRolePolicy?: ITerraformDependable;
}


export class ComputeEnvironments extends Construct {
  /** Compute environment ARN by config key. */
  readonly arns: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: ComputeEnvironmentsProps) {
    super(scope, id);
    const { config } = props;
    const entries = Object.entries(config.computeEnvironments);
    const launchTemplate = entries.some(([, ce]) => !isFargate(ce.type)) ? this.launchTemplate(config.name) : undefined;

    for (const [key, ce] of entries) {
      const resource = named(
        new BatchComputeEnvironment(this, key, {
          // A prefix, never a fixed name: the replacement is created while the
          // old one still exists, and two cannot share a name.
          computeEnvironmentNamePrefix: `${awsName(config.name, key)}-`,
          type: 'MANAGED',
          state: ce.state,
          serviceRole: props.serviceRoleArn,
          computeResources: isFargate(ce.type)
            ? { type: ce.type, maxVcpus: ce.maxVcpus, subnets: props.subnetIds, securityGroupIds: props.securityGroupIds }
            : this.ec2Resources(ce, props, launchTemplate!),
          // EC2/SPOT only: the provider sends the policy in an UpdateComputeEnvironment
          // call right after creating the environment, and Batch refuses updatePolicy
          // for Fargate, so a Fargate environment with one fails its first apply
          // (docs/aws-batch-facts.md#fargate-compute-environments-take-no-update-policy).
          updatePolicy: isFargate(ce.type)
            ? undefined
            : {
                jobExecutionTimeoutMinutes: ce.updatePolicy.jobExecutionTimeoutMinutes,
                terminateJobsOnUpdate: ce.updatePolicy.terminateJobsOnUpdate,
              },
          dependsOn: props.serviceRolePolicy ? [props.serviceRolePolicy] : undefined,
          lifecycle: {
            createBeforeDestroy: true,
            // Batch itself moves desired vCPUs as jobs come and go, and refuses
            // an update that lowers them (docs/aws-batch-facts.md#batch-owns-desired-vcpus).
            ...(isFargate(ce.type) ? {} : { ignoreChanges: ['compute_resources[0].desired_vcpus'] }),
            // A compute environment that is not updatable must be replaced when
            // its launch template gets a new version. The new version number is
            // unknown at plan time, so the provider would plan an in-place update
            // and then fail the apply with "inconsistent final plan" once it knows
            // the number (proved in the safe-changes tests). Saying so up front
            // makes plan and apply agree: a create-before-destroy replacement.
            // (A bare address: cdktf renders a construct here as "${...}", which
            // Terraform refuses in replace_triggered_by.)
            ...(!isFargate(ce.type) && !isUpdatable(ce.allocationStrategy, props.serviceRoleArn !== undefined ? 'custom' : 'service-linked')
              ? { replaceTriggeredBy: [`${launchTemplate!.terraformResourceType}.${launchTemplate!.friendlyUniqueId}`] }
              : {}),
          },
        }),
        key,
      );
      this.arns[key] = resource.arn;
    }
  }

  private ec2Resources(ce: ResolvedComputeEnvironment, props: ComputeEnvironmentsProps, launchTemplate: LaunchTemplate) {
    const gpu = ce.instanceTypes.some(isGpuInstanceType);
    return {
      type: ce.type,
      allocationStrategy: ce.allocationStrategy,
      bidPercentage: ce.bidPercentage,
      minVcpus: ce.minVcpus,
      maxVcpus: ce.maxVcpus,
      instanceType: ce.instanceTypes,
      instanceRole: props.instanceProfileArn,
      subnets: props.subnetIds,
      securityGroupIds: props.securityGroupIds,
      // With both image types, Batch uses the NVIDIA AMI for GPU instances
      // and the plain one for the rest.
      ec2Configuration: gpu ? [{ imageType: 'ECS_AL2023' }, { imageType: 'ECS_AL2023_NVIDIA' }] : [{ imageType: 'ECS_AL2023' }],
      // The latest version: a template edit becomes an in-place update of the
      // compute environment, which then rolls its instances.
      launchTemplate: { launchTemplateId: launchTemplate.id, version: launchTemplate.latestVersion.toString() },
    };
  }

  private launchTemplate(name: string): LaunchTemplate {
    return named(
      new LaunchTemplate(this, 'launch-template', {
        name: `${name}-compute`,
        description: 'AWS Batch instances: IMDSv2 only, encrypted root volume',
        updateDefaultVersion: true,
        metadataOptions: {
          httpEndpoint: 'enabled',
          httpTokens: 'required',
          // Two hops: containers on the bridge network reach IMDS through the host.
          httpPutResponseHopLimit: 2,
        },
        blockDeviceMappings: [
          {
            // Root device of the ECS-optimized AL2023 AMIs; size stays the AMI's.
            deviceName: '/dev/xvda',
            ebs: { encrypted: 'true', volumeType: 'gp3', deleteOnTermination: 'true' },
          },
        ],
      }),
      'compute',
    );
  }
}
