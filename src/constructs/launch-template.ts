/**
 * The launch template of the instances of EC2 and SPOT compute environments:
 * IMDSv2 only and an encrypted root volume
 * (docs/aws-batch-facts.md#launch-templates-and-imds).
 */
import type { Construct } from 'constructs';
import { LaunchTemplate as LaunchTemplateResource } from '@cdktf/provider-aws/lib/launch-template';

export interface LaunchTemplateProps {
  /** The template's AWS name. */
  readonly launchTemplateName: string;
}

export class LaunchTemplate extends LaunchTemplateResource {
  constructor(scope: Construct, id: string, props: LaunchTemplateProps) {
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
          // Root device of the ECS-optimized AL2023 AMIs; size stays the AMI's.
          deviceName: '/dev/xvda',
          ebs: { encrypted: 'true', volumeType: 'gp3', deleteOnTermination: 'true' },
        },
      ],
    });
  }
}
