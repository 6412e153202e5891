/**
 * The role a job's own code runs with, one per job definition: it can do
 * only what the job definition's `jobRoleStatements` allow.
 */
import type { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { named } from '../../stack/terraform-ids';
import { awsName } from '../../aws/names';
import { policyDocument, trustPolicy, type Statement } from './policies';

export interface JobRoleProps {
  /** Prefix of AWS names (the config's `name`): the role is `<name>-job-<key>`. */
  readonly environmentName: string;
  /** The job definition's config key. */
  readonly jobDefinitionKey: string;
  /** The account whose ECS tasks may assume the role (`aws:SourceAccount`). */
  readonly accountId: string;
  /**
   * What the job's code may call.
   * @default - nothing: the role has no policy
   */
  readonly statements?: readonly Statement[];
}

/**
 * Terraform: `aws_iam_role.job_<key>` and, with statements,
 * `aws_iam_role_policy.job_<key>` as its own child (its construct id never meets a sibling's).
 */
export class JobRole extends IamRole {
  constructor(scope: Construct, id: string, props: JobRoleProps) {
    const terraformName = `job_${props.jobDefinitionKey}`;
    super(scope, id, {
      name: awsName(props.environmentName, 'job', props.jobDefinitionKey),
      assumeRolePolicy: trustPolicy('ecs-tasks.amazonaws.com', props.accountId),
    });
    named(this, terraformName);
    const statements = props.statements ?? [];
    if (statements.length > 0) {
      named(new IamRolePolicy(this, 'policy', { name: 'job', role: this.id, policy: policyDocument(statements) }), terraformName);
    }
  }
}
