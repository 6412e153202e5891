/**
 * The execution role: ECS assumes it to pull a job's image, write its awslogs
 * stream and read its secrets into environment variables. Limited to
 * ecs-tasks.amazonaws.com of this account, AWS's managed policy for the task,
 * and exactly the secrets the jobs name.
 */
import type { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { named } from '../../stack/terraform-ids';
import { awsName } from '../../aws/names';
import { MANAGED_POLICIES } from '../../aws/managed-policies';
import { READ_ACTION, isReferenceError, secretReference, type JobSecret, type SecretService } from '../../aws/secret-references';
import { policyDocument, trustPolicy, type Statement } from './policies';

export interface ExecutionRoleProps {
  /** Prefix of AWS names (the config's `name`): the role is `<name>-execution`. */
  readonly environmentName: string;
  /** The account whose ECS tasks may assume the role (`aws:SourceAccount`). */
  readonly accountId: string;
  /**
   * Secrets Manager secrets and SSM parameters the jobs read into environment
   * variables: the role may read each and decrypt with its customer managed key.
   * @default - none: no secrets policy
   */
  readonly secrets?: readonly JobSecret[];
}

/**
 * Terraform: `aws_iam_role.execution`, its managed policy
 * `aws_iam_role_policy_attachment.execution_ecs` and, with secrets,
 * `aws_iam_role_policy.execution_secrets`, all as its own children (their construct ids never meet a sibling's).
 */
export class ExecutionRole extends IamRole {
  constructor(scope: Construct, id: string, props: ExecutionRoleProps) {
    super(scope, id, { name: awsName(props.environmentName, 'execution'), assumeRolePolicy: trustPolicy('ecs-tasks.amazonaws.com', props.accountId) });
    named(this, 'execution');
    named(new IamRolePolicyAttachment(this, 'ecs', { role: this.name, policyArn: MANAGED_POLICIES.ecsTaskExecution }), 'execution_ecs');
    // Each secret by its own ARN (a valueFrom with a JSON key or version
    // matches nothing in IAM), and kms:Decrypt on customer managed keys.
    const statements = secretStatements(props.secrets ?? []);
    if (statements.length > 0) {
      named(new IamRolePolicy(this, 'secrets', { name: 'read-job-secrets', role: this.id, policy: policyDocument(statements) }), 'execution_secrets');
    }
  }
}

/**
 * The execution role's statements for these secrets: read each one by its own
 * ARN, decrypt with their keys (docs/aws-batch-facts.md#secret-grants-match-the-secrets-own-arn).
 */
export function secretStatements(secrets: readonly JobSecret[]): Statement[] {
  const grants: Record<SecretService, Set<string>> = { secretsmanager: new Set(), ssm: new Set() };
  const keys = new Set<string>();
  for (const secret of secrets) {
    const ref = secretReference(secret.valueFrom);
    if (isReferenceError(ref)) continue; // refused by the config checks before anything is built
    grants[ref.service].add(ref.grant);
    if (secret.kmsKeyArn) keys.add(secret.kmsKeyArn);
  }
  const statements: Statement[] = [];
  const sorted = (s: Set<string>) => [...s].sort();
  if (grants.secretsmanager.size) statements.push({ Sid: 'ReadJobSecrets', Effect: 'Allow', Action: READ_ACTION.secretsmanager, Resource: sorted(grants.secretsmanager) });
  if (grants.ssm.size) statements.push({ Sid: 'ReadJobParameters', Effect: 'Allow', Action: READ_ACTION.ssm, Resource: sorted(grants.ssm) });
  if (keys.size) statements.push({ Sid: 'DecryptJobSecrets', Effect: 'Allow', Action: 'kms:Decrypt', Resource: sorted(keys) });
  return statements;
}
