/**
 * The launch template of the instances of EC2 and SPOT compute environments:
 * IMDSv2 only and an encrypted root volume
 * (docs/aws-batch-facts.md#launch-templates-and-imds). One template is
 * shared by every environment with nothing of its own; an environment with
 * a root volume size or user data gets one of its own, with the same
 * defaults (docs/aws-batch-facts.md#root-volume-of-batch-instances,
 * docs/aws-batch-facts.md#user-data-in-a-batch-launch-template).
 */
import type { Construct } from 'constructs';
import { LaunchTemplate as LaunchTemplateResource } from '@cdktf/provider-aws/lib/launch-template';
import { ECS_AMI_ROOT_DEVICE, type RootVolumeType } from '../aws/root-volume';
import { mimeUserData } from '../aws/user-data';
import { COMPUTE_ENVIRONMENT_DEFAULTS } from '../config/defaults';

export interface LaunchTemplateProps {
  /** The template's AWS name. */
  readonly launchTemplateName: string;
  /**
   * The root volume; only what is set is sent, the rest stays the AMI's.
   * @default - the AMI's size, gp3
   */
  readonly rootVolume?: {
    readonly sizeGiB?: number;
    readonly type: RootVolumeType;
    readonly iops?: number;
    readonly throughputMiBps?: number;
  };
  /**
   * A shell script each instance runs once at boot. The template carries it
   * as the MIME multi-part archive Batch requires, base64-encoded as EC2
   * requires; encoded here, so the Terraform JSON holds a literal the doctor
   * can read back.
   * @default - none
   */
  readonly userData?: string;
  /**
   * Create before destroy: a compute environment's own template. When the
   * environment is replaced (create before destroy) in the apply that drops
   * its template, Terraform can order that only if the template is
   * create-before-destroy too; otherwise the plan fails with a cycle
   * (docs/aws-batch-facts.md#what-replaces-a-compute-environment).
   * @default false
   */
  readonly createBeforeDestroy?: boolean;
}

export class LaunchTemplate extends LaunchTemplateResource {
  constructor(scope: Construct, id: string, props: LaunchTemplateProps) {
    const volume = props.rootVolume;
    super(scope, id, {
      name: props.launchTemplateName,
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
          // Root device of the ECS-optimized AL2023 AMIs; size stays the AMI's unless set.
          deviceName: ECS_AMI_ROOT_DEVICE,
          ebs: {
            encrypted: 'true',
            volumeType: volume?.type ?? COMPUTE_ENVIRONMENT_DEFAULTS.rootVolume.type,
            deleteOnTermination: 'true',
            ...(volume?.sizeGiB !== undefined ? { volumeSize: volume.sizeGiB } : {}),
            ...(volume?.iops !== undefined ? { iops: volume.iops } : {}),
            ...(volume?.throughputMiBps !== undefined ? { throughput: volume.throughputMiBps } : {}),
          },
        },
      ],
      ...(props.userData !== undefined ? { userData: Buffer.from(mimeUserData(props.userData), 'utf8').toString('base64') } : {}),
      ...(props.createBeforeDestroy ? { lifecycle: { createBeforeDestroy: true } } : {}),
    });
  }
}
