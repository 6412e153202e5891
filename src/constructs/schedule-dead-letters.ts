/**
 * The SQS queue EventBridge Scheduler sends a scheduled run to when it gives
 * up submitting it (docs/aws-batch-facts.md#scheduler-dead-letter-queue): a
 * run that never became a job leaves no other trace.
 */
import type { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';

/** SQS keeps a message at most 14 days: the longest a failed run can wait to be looked at. */
const RETENTION_SECONDS = 1_209_600;

export interface ScheduleDeadLettersProps {
  /** The queue's AWS name. */
  readonly queueName: string;
}

export class ScheduleDeadLetters extends SqsQueue {
  /** The queue's AWS name as a plain string, for messages (`name` is a Terraform reference). */
  readonly queueName: string;

  constructor(scope: Construct, id: string, props: ScheduleDeadLettersProps) {
    // SSE-SQS: encrypted at rest with keys SQS manages, so the schedules'
    // roles need sqs:SendMessage and no KMS permission, and no queue policy
    // (same account) (docs/aws-batch-facts.md#scheduler-dead-letter-queue).
    super(scope, id, { name: props.queueName, sqsManagedSseEnabled: true, messageRetentionSeconds: RETENTION_SECONDS });
    this.queueName = props.queueName;
  }
}
