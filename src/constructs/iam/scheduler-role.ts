/**
 * The role the schedules of one job definition run as: it may only submit
 * that job definition (any revision) to its own queue, and send the runs it
 * gave up on to the dead-letter queue. Batch authorizes SubmitJob against
 * both the queue and the job definition ARN, and a definition named without
 * revision is checked as `<arn_prefix>:<revision>`.
 */
import type { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { named } from '../../stack/terraform-ids';
import { awsName } from '../../aws/names';
import { policyDocument, trustPolicy } from './policies';

export interface SchedulerRoleProps {
  /** Prefix of AWS names (the config's `name`): the role is `<name>-sched-<key>`. */
  readonly environmentName: string;
  /** The scheduled job definition's config key. */
  readonly jobDefinitionKey: string;
  /** The account whose schedules may assume the role (`aws:SourceAccount`). */
  readonly accountId: string;
  /** The job queue the schedules submit to. */
  readonly jobQueueArn: string;
  /** The job definition's ARN without revision. */
  readonly jobDefinitionArnPrefix: string;
  /** Where Scheduler sends, with this role, each run it could not submit. */
  readonly deadLetterQueueArn: string;
}

/**
 * Terraform: `aws_iam_role.schedule_<key>` and its policy
 * `aws_iam_role_policy.schedule_<key>` as its own child (its construct id never meets a sibling's).
 */
export class SchedulerRole extends IamRole {
  /** The role's permissions: a schedule must not run before they exist. */
  readonly submitJobPolicy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: SchedulerRoleProps) {
    const terraformName = `schedule_${props.jobDefinitionKey}`;
    super(scope, id, {
      name: awsName(props.environmentName, 'sched', props.jobDefinitionKey),
      // Scheduler sends aws:SourceAccount: another account's schedule cannot use this role.
      assumeRolePolicy: trustPolicy('scheduler.amazonaws.com', props.accountId),
    });
    named(this, terraformName);
    const { jobQueueArn, jobDefinitionArnPrefix } = props;
    this.submitJobPolicy = named(
      new IamRolePolicy(this, 'policy', {
        name: 'submit-job',
        role: this.id,
        policy: policyDocument([
          { Sid: 'SubmitScheduledJob', Effect: 'Allow', Action: 'batch:SubmitJob', Resource: [jobQueueArn, jobDefinitionArnPrefix, `${jobDefinitionArnPrefix}:*`] },
          { Sid: 'SendDeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: props.deadLetterQueueArn },
        ]),
      }),
      terraformName,
    );
  }
}
