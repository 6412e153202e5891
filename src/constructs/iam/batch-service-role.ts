/**
 * A custom AWS Batch service role, for a config that asks for one
 * (`serviceRole: "custom"`); by default Batch uses its service-linked role
 * and nothing is created. With a custom role every infrastructure edit
 * replaces the compute environments
 * (docs/aws-batch-facts.md#what-makes-a-compute-environment-updatable).
 */
import type { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { named } from '../../stack/terraform-ids';
import { awsName } from '../../aws/names';
import { MANAGED_POLICIES } from '../../aws/managed-policies';
import { trustPolicy } from './policies';

export interface BatchServiceRoleProps {
  /** Prefix of AWS names (the config's `name`): the role is `<name>-batch-service`. */
  readonly environmentName: string;
  /** The account whose Batch may assume the role (`aws:SourceAccount`). */
  readonly accountId: string;
}

/**
 * Terraform: `aws_iam_role.batch_service` and
 * `aws_iam_role_policy_attachment.service_batch` as its own children (their construct ids never meet a sibling's).
 */
export class BatchServiceRole extends IamRole {
  /**
   * The policy attachment compute environments must depend on: Terraform then
   * destroys a compute environment before the policy, and the compute
   * environment can still tear its instances down
   * (docs/aws-batch-facts.md#destroy-order-and-the-service-role).
   */
  readonly policyAttachment: IamRolePolicyAttachment;

  constructor(scope: Construct, id: string, props: BatchServiceRoleProps) {
    // Create before destroy, like the compute environments that depend on them: going back to the
    // service-linked role replaces every environment (create before destroy, its name prefix changes)
    // and deletes the role in one apply, which Terraform can order only when the role and its
    // attachment are create-before-destroy too; otherwise the plan fails with a cycle
    // (docs/aws-batch-facts.md#what-replaces-a-compute-environment). Their names never change, so
    // they are never replaced, only created or deleted.
    super(scope, id, {
      name: awsName(props.environmentName, 'batch-service'),
      assumeRolePolicy: trustPolicy('batch.amazonaws.com', props.accountId),
      lifecycle: { createBeforeDestroy: true },
    });
    named(this, 'batch_service');
    this.policyAttachment = named(
      new IamRolePolicyAttachment(this, 'batch', { role: this.name, policyArn: MANAGED_POLICIES.batchService, lifecycle: { createBeforeDestroy: true } }),
      'service_batch',
    );
  }
}
