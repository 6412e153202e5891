/**
 * The role of the EC2 instances of EC2 and SPOT compute environments, and
 * its instance profile: the ECS agent on each instance registers with it,
 * pulls from ECR and writes logs (AWS's managed policy for that, nothing
 * more).
 */
import type { Construct } from 'constructs';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { named } from '../../stack/terraform-ids';
import { awsName } from '../../aws/names';
import { MANAGED_POLICIES } from '../../aws/managed-policies';
import { trustPolicy } from './policies';

export interface InstanceRoleProps {
  /** Prefix of AWS names (the config's `name`): role and profile are `<name>-instance`. */
  readonly environmentName: string;
}

/**
 * Terraform: `aws_iam_role.instance`, `aws_iam_role_policy_attachment.instance_ecs`
 * and `aws_iam_instance_profile.instance`, all as its own children (their construct ids never meet a sibling's).
 */
export class InstanceRole extends IamRole {
  /** What a compute environment takes as its instance role: the profile, not the role (a role ARN leaves jobs RUNNABLE). */
  readonly instanceProfileArn: string;

  constructor(scope: Construct, id: string, props: InstanceRoleProps) {
    const name = awsName(props.environmentName, 'instance');
    // EC2 does not send aws:SourceAccount when an instance assumes its role.
    super(scope, id, { name, assumeRolePolicy: trustPolicy('ec2.amazonaws.com') });
    named(this, 'instance');
    named(new IamRolePolicyAttachment(this, 'ecs', { role: this.name, policyArn: MANAGED_POLICIES.ecsInstance }), 'instance_ecs');
    const profile = named(new IamInstanceProfile(this, 'profile', { name, role: this.name }), 'instance');
    this.instanceProfileArn = profile.arn;
  }
}
