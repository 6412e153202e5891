/**
 * Schedules that submit jobs: one EventBridge Scheduler schedule per entry
 * of a job definition's `schedules`, calling Batch's SubmitJob directly (the
 * universal target), one scheduler role per scheduled job definition, and
 * one dead-letter queue for the runs Scheduler gives up on.
 */
import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import type { ResolvedConfig, ResolvedSchedule } from '../config/schema';
import { policyDocument, trustPolicy } from '../iam/policies';
import { named } from '../naming';
import { jsonDocument } from '../json-document';
import { SUBMIT_JOB_TARGET_ARN, deadLetterQueueName, scheduleAddress, scheduleName } from './names';

export interface JobSchedulesProps {
  readonly config: ResolvedConfig;
  /** Job queue key -> its ARN. */
  readonly queueArns: Readonly<Record<string, string>>;
  /** Job definition key -> its `arn_prefix` (the ARN without revision). */
  readonly definitionArnPrefixes: Readonly<Record<string, string>>;
}

/**
 * A run that could not be submitted for an hour goes to the dead-letter
 * queue rather than being submitted late: the next scheduled run comes
 * anyway, and Scheduler's default (185 retries over 24 hours) would start
 * yesterday's job today.
 */
const RETRY_POLICY = { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 5 } as const;

/** SQS keeps a message at most 14 days: the longest a failed run can wait to be looked at. */
const DEAD_LETTER_RETENTION_SECONDS = 1_209_600;

export class JobSchedules extends Construct {
  /** Schedule address (`<job>_<schedule>`) -> its AWS name. */
  readonly names: Record<string, string> = {};
  /** Where Scheduler sends the runs it could not submit; only when there are schedules. */
  readonly deadLetterQueue?: SqsQueue;

  constructor(scope: Construct, id: string, props: JobSchedulesProps) {
    super(scope, id);
    const { config } = props;
    const scheduled = Object.entries(config.jobDefinitions).filter(([, job]) => Object.keys(job.schedules).length > 0);
    if (scheduled.length === 0) return;
    // SSE-SQS: encrypted at rest with keys SQS manages, so the schedules'
    // roles need sqs:SendMessage and no KMS permission, and no queue policy
    // (same account) (docs/aws-batch-facts.md#scheduler-dead-letter-queue).
    const deadLetters = named(
      new SqsQueue(this, 'dead-letters', {
        name: deadLetterQueueName(config.name),
        sqsManagedSseEnabled: true,
        messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      }),
      'schedule_dead_letters',
    );
    this.deadLetterQueue = deadLetters;
    for (const [jobKey, job] of scheduled) {
      const entries = Object.entries(job.schedules);
      const queueArn = props.queueArns[job.queue]!;
      const definitionArnPrefix = props.definitionArnPrefixes[jobKey]!;
      const { role, policy } = this.schedulerRole(config, jobKey, queueArn, definitionArnPrefix, deadLetters.arn);
      for (const [key, schedule] of entries) {
        const address = scheduleAddress(jobKey, key);
        const name = scheduleName(config.name, jobKey, key);
        named(
          new SchedulerSchedule(this, address, {
            name,
            description: `Submits a ${jobKey} job to job queue ${job.queue}`,
            scheduleExpression: schedule.expression,
            scheduleExpressionTimezone: schedule.timezone,
            state: schedule.state,
            flexibleTimeWindow: schedule.flexibleWindowMinutes
              ? { mode: 'FLEXIBLE', maximumWindowInMinutes: schedule.flexibleWindowMinutes }
              : { mode: 'OFF' },
            target: {
              arn: SUBMIT_JOB_TARGET_ARN,
              roleArn: role.arn,
              input: submitJobInput(`${jobKey}-${key}`, queueArn, definitionArnPrefix, schedule, schedule.shareIdentifier ?? job.shareIdentifier),
              retryPolicy: RETRY_POLICY,
              // Scheduler sends here, with the role above, each run it gave up on.
              deadLetterConfig: { arn: deadLetters.arn },
            },
            // The first run must not race the role's permissions into existence.
            dependsOn: [policy],
          }),
          address,
        );
        this.names[address] = name;
      }
    }
  }

  /**
   * The role the schedules of one job definition run as: it may only submit
   * that job definition (any revision) to its own queue. Batch authorizes
   * SubmitJob against both the queue and the job definition ARN, and a
   * definition named without revision is checked as `<arn_prefix>:<revision>`.
   * Scheduler delivers dead letters with this role too.
   */
  private schedulerRole(config: ResolvedConfig, jobKey: string, queueArn: string, arnPrefix: string, deadLetterArn: string) {
    const role = named(
      new IamRole(this, `role-${jobKey}`, {
        name: `${config.name}-sched-${jobKey}`,
        // Scheduler sends aws:SourceAccount: another account's schedule cannot use this role.
        assumeRolePolicy: trustPolicy('scheduler.amazonaws.com', config.accountId),
      }),
      `schedule_${jobKey}`,
    );
    const policy = named(
      new IamRolePolicy(this, `policy-${jobKey}`, {
        name: 'submit-job',
        role: role.id,
        policy: policyDocument([
          { Sid: 'SubmitScheduledJob', Effect: 'Allow', Action: 'batch:SubmitJob', Resource: [queueArn, arnPrefix, `${arnPrefix}:*`] },
          { Sid: 'SendDeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: deadLetterArn },
        ]),
      }),
      `schedule_${jobKey}`,
    );
    return { role, policy };
  }
}

/**
 * The SubmitJob request as the universal target's Input: the API's member
 * names (PascalCase), the queue by ARN and the job definition by `arn_prefix`
 * so each run uses the latest ACTIVE revision (a revision ARN would pin an
 * old, deregistered revision), and the share identifier a fair-share queue
 * requires (docs/aws-batch-facts.md#fair-share-share-identifiers).
 */
export function submitJobInput(jobName: string, queueArn: string, definitionArnPrefix: string, schedule: ResolvedSchedule, shareIdentifier?: string): string {
  const parameters = Object.keys(schedule.parameters).length > 0 ? { Parameters: sortKeys(schedule.parameters) } : {};
  const share = shareIdentifier !== undefined ? { ShareIdentifier: shareIdentifier } : {};
  return jsonDocument({ JobName: jobName, JobQueue: queueArn, JobDefinition: definitionArnPrefix, ...share, ...parameters });
}

function sortKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
