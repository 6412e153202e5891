/**
 * Schedules that submit jobs: one EventBridge Scheduler schedule per entry
 * of a job definition's `schedules`, calling Batch's SubmitJob directly (the
 * universal target), and one scheduler role per scheduled job definition.
 */
import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import type { ResolvedConfig, ResolvedSchedule } from '../config/schema';
import { policyDocument, trustPolicy } from '../iam/policies';
import { named } from '../naming';
import { jsonDocument } from '../json-document';
import { SUBMIT_JOB_TARGET_ARN, scheduleAddress, scheduleName } from './names';

export interface JobSchedulesProps {
  readonly config: ResolvedConfig;
  /** Job queue key -> its ARN. */
  readonly queueArns: Readonly<Record<string, string>>;
  /** Job definition key -> its `arn_prefix` (the ARN without revision). */
  readonly definitionArnPrefixes: Readonly<Record<string, string>>;
}

/**
 * A run that could not be submitted for an hour is dropped rather than
 * submitted late: the next scheduled run comes anyway, and Scheduler's
 * default (185 retries over 24 hours) would start yesterday's job today.
 */
const RETRY_POLICY = { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 5 } as const;

export class JobSchedules extends Construct {
  /** Schedule address (`<job>_<schedule>`) -> its AWS name. */
  readonly names: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: JobSchedulesProps) {
    super(scope, id);
    const { config } = props;
    for (const [jobKey, job] of Object.entries(config.jobDefinitions)) {
      const entries = Object.entries(job.schedules);
      if (entries.length === 0) continue;
      const queueArn = props.queueArns[job.queue]!;
      const definitionArnPrefix = props.definitionArnPrefixes[jobKey]!;
      const { role, policy } = this.schedulerRole(config, jobKey, queueArn, definitionArnPrefix);
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
              input: submitJobInput(`${jobKey}-${key}`, queueArn, definitionArnPrefix, schedule),
              retryPolicy: RETRY_POLICY,
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
   */
  private schedulerRole(config: ResolvedConfig, jobKey: string, queueArn: string, arnPrefix: string) {
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
        policy: policyDocument([{ Sid: 'SubmitScheduledJob', Effect: 'Allow', Action: 'batch:SubmitJob', Resource: [queueArn, arnPrefix, `${arnPrefix}:*`] }]),
      }),
      `schedule_${jobKey}`,
    );
    return { role, policy };
  }
}

/**
 * The SubmitJob request as the universal target's Input: the API's member
 * names (PascalCase), the queue by ARN and the job definition by `arn_prefix`
 * so each run uses the latest ACTIVE revision (BATCH-FACTS: a revision ARN
 * would pin an old, deregistered revision).
 */
export function submitJobInput(jobName: string, queueArn: string, definitionArnPrefix: string, schedule: ResolvedSchedule): string {
  const parameters = Object.keys(schedule.parameters).length > 0 ? { Parameters: sortKeys(schedule.parameters) } : {};
  return jsonDocument({ JobName: jobName, JobQueue: queueArn, JobDefinition: definitionArnPrefix, ...parameters });
}

function sortKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
