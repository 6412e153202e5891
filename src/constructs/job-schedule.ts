/**
 * A schedule that submits a job: EventBridge Scheduler calls Batch's
 * SubmitJob itself (the universal target), with the request as the target's
 * input, no Lambda or EventBridge rule in between.
 */
import type { Construct } from 'constructs';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SUBMIT_JOB_TARGET_ARN } from '../aws/scheduler';
import { jsonDocument } from '../hcl/json-document';
import type { SchedulerRole } from './iam/scheduler-role';

/**
 * A run that could not be submitted for an hour goes to the dead-letter
 * queue rather than being submitted late: the next scheduled run comes
 * anyway, and Scheduler's default (185 retries over 24 hours) would start
 * yesterday's job today.
 */
const RETRY_POLICY = { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 5 } as const;

export interface JobScheduleProps {
  /** The schedule's AWS name. */
  readonly scheduleName: string;
  /** Shown in the console. */
  readonly description: string;
  /** cron(...), rate(...) or at(...), in EventBridge Scheduler's syntax. */
  readonly expression: string;
  /** IANA time zone the expression is read in. */
  readonly timezone: string;
  /** DISABLED keeps the schedule but submits nothing. */
  readonly state: 'ENABLED' | 'DISABLED';
  /**
   * Let Scheduler start up to this many minutes late to spread load.
   * @default - the exact time
   */
  readonly flexibleWindowMinutes?: number;
  /** The name each submitted job gets. */
  readonly jobName: string;
  /** The queue the job is submitted to. */
  readonly jobQueueArn: string;
  /** The job definition without revision: each run uses its latest ACTIVE revision. */
  readonly jobDefinitionArnPrefix: string;
  /**
   * Job parameters (`Ref::name` in the command).
   * @default - none
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * The share the job is submitted under; required by a fair-share queue, refused by any other.
   * @default - none
   */
  readonly shareIdentifier?: string;
  /** The role the schedule submits with; the first run waits for its permissions. */
  readonly role: SchedulerRole;
  /** Where Scheduler sends, with that role, each run it gave up on. */
  readonly deadLetterQueueArn: string;
}

export class JobSchedule extends SchedulerSchedule {
  constructor(scope: Construct, id: string, props: JobScheduleProps) {
    super(scope, id, {
      name: props.scheduleName,
      description: props.description,
      scheduleExpression: props.expression,
      scheduleExpressionTimezone: props.timezone,
      state: props.state,
      flexibleTimeWindow: props.flexibleWindowMinutes ? { mode: 'FLEXIBLE', maximumWindowInMinutes: props.flexibleWindowMinutes } : { mode: 'OFF' },
      target: {
        arn: SUBMIT_JOB_TARGET_ARN,
        roleArn: props.role.arn,
        input: submitJobInput(props),
        retryPolicy: RETRY_POLICY,
        // Scheduler sends here, with the role above, each run it gave up on.
        deadLetterConfig: { arn: props.deadLetterQueueArn },
      },
      // The first run must not race the role's permissions into existence.
      dependsOn: [props.role.submitJobPolicy],
    });
  }
}

/**
 * The SubmitJob request as the universal target's Input: the API's member
 * names (PascalCase), the queue by ARN and the job definition by `arn_prefix`
 * so each run uses the latest ACTIVE revision (a revision ARN would pin an
 * old, deregistered revision), and the share identifier a fair-share queue
 * requires (docs/aws-batch-facts.md#fair-share-share-identifiers).
 */
function submitJobInput(props: JobScheduleProps): string {
  const parameters = Object.keys(props.parameters ?? {}).length > 0 ? { Parameters: sortKeys(props.parameters!) } : {};
  const share = props.shareIdentifier !== undefined ? { ShareIdentifier: props.shareIdentifier } : {};
  return jsonDocument({ JobName: props.jobName, JobQueue: props.jobQueueArn, JobDefinition: props.jobDefinitionArnPrefix, ...share, ...parameters });
}

function sortKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
