/**
 * The roles AWS Batch needs, each limited to its own service principal and to
 * AWS's own managed policy for that job.
 */
import { Construct } from 'constructs';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { named } from '../naming';
import { MANAGED_POLICIES } from '../aws/managed-policies';
import { policyDocument, trustPolicy, type Statement } from './policies';
import { READ_ACTION, isReferenceError, secretReference, type JobSecret, type SecretService } from '../aws/secret-references';

export interface BatchRolesProps {
  readonly name: string;
  readonly accountId: string;
  /** Any EC2/SPOT compute environment: they need an instance profile. */
  readonly ec2: boolean;
  /** Any job definition: they run with the execution role. */
  readonly jobs: boolean;
  /** Create a custom Batch service role instead of using the service-linked one. */
  readonly customServiceRole: boolean;
  /** Secrets Manager secrets and SSM parameters that jobs read into environment variables. */
  readonly secrets: readonly JobSecret[];
}

export class BatchRoles extends Construct {
  /** ARN of the instance profile for EC2/SPOT compute environments. */
  readonly instanceProfileArn?: string;
  /** ARN of the role ECS uses to pull images, write logs and read secrets. */
  readonly executionRoleArn?: string;
  /** ARN of the custom service role, when asked for. */
  readonly serviceRoleArn?: string;
  /**
   * The policy attachment compute environments must depend on: Terraform then
   * destroys the compute environment before the policy, and the compute
   * environment can still tear its instances down (BATCH-FACTS, "Destroy order").
   */
  readonly serviceRolePolicy?: IamRolePolicyAttachment;

  constructor(scope: Construct, id: string, private readonly props: BatchRolesProps) {
    super(scope, id);
    const { name, accountId } = props;

    if (props.ec2) {
      // EC2 does not send aws:SourceAccount when an instance assumes its role.
      const role = named(new IamRole(this, 'instance', { name: `${name}-instance`, assumeRolePolicy: trustPolicy('ec2.amazonaws.com') }), 'instance');
      this.attach('instance-ecs', role, MANAGED_POLICIES.ecsInstance);
      // Batch wants the instance *profile*, not the role (a role ARN leaves jobs RUNNABLE).
      const profile = named(new IamInstanceProfile(this, 'instance-profile', { name: `${name}-instance`, role: role.name }), 'instance');
      this.instanceProfileArn = profile.arn;
    }

    if (props.jobs) {
      const role = named(
        new IamRole(this, 'execution', { name: `${name}-execution`, assumeRolePolicy: trustPolicy('ecs-tasks.amazonaws.com', accountId) }),
        'execution',
      );
      this.attach('execution-ecs', role, MANAGED_POLICIES.ecsTaskExecution);
      // Each secret by its own ARN (a valueFrom with a JSON key or version
      // matches nothing in IAM), and kms:Decrypt on customer managed keys.
      const statements = secretStatements(props.secrets);
      if (statements.length > 0) {
        named(new IamRolePolicy(this, 'execution-secrets', { name: 'read-job-secrets', role: role.id, policy: policyDocument(statements) }), 'execution_secrets');
      }
      this.executionRoleArn = role.arn;
    }

    if (props.customServiceRole) {
      const role = named(
        new IamRole(this, 'service', { name: `${name}-batch-service`, assumeRolePolicy: trustPolicy('batch.amazonaws.com', accountId) }),
        'batch_service',
      );
      this.serviceRolePolicy = this.attach('service-batch', role, MANAGED_POLICIES.batchService);
      this.serviceRoleArn = role.arn;
    }
  }

  /** The role a job's own code runs with; it can do only what `statements` allow. */
  jobRole(key: string, statements: readonly Statement[]): string {
    const role = named(
      new IamRole(this, `job-${key}`, { name: `${this.props.name}-job-${key}`, assumeRolePolicy: trustPolicy('ecs-tasks.amazonaws.com', this.props.accountId) }),
      `job_${key}`,
    );
    if (statements.length > 0) {
      named(new IamRolePolicy(this, `job-${key}-policy`, { name: 'job', role: role.id, policy: policyDocument(statements) }), `job_${key}`);
    }
    return role.arn;
  }

  private attach(id: string, role: IamRole, policyArn: string): IamRolePolicyAttachment {
    return named(new IamRolePolicyAttachment(this, id, { role: role.name, policyArn }), id.replace(/-/g, '_'));
  }
}

/** The execution role's statements for these secrets: read each one by its own ARN, decrypt with their keys. */
function secretStatements(secrets: readonly JobSecret[]): Statement[] {
  const grants: Record<SecretService, Set<string>> = { secretsmanager: new Set(), ssm: new Set() };
  const keys = new Set<string>();
  for (const secret of secrets) {
    const ref = secretReference(secret.valueFrom);
    if (isReferenceError(ref)) continue; // refused by secretProblems before anything is built
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

