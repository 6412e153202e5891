/**
 * A job queue. It is never replaced by an edit (only its name forces that,
 * and names come from the config's keys): replacing a queue drops the jobs
 * waiting in it (docs/aws-batch-facts.md#job-queues).
 */
import type { Construct } from 'constructs';
import { BatchJobQueue } from '@cdktf/provider-aws/lib/batch-job-queue';
import type { SchedulingPolicy } from './scheduling-policy';

/**
 * RUNNABLE reasons that mean no compute environment of the queue can ever run
 * the job; waiting longer cannot help, so the queue cancels such jobs
 * (docs/aws-batch-facts.md#why-jobs-stay-runnable).
 */
export const MISCONFIGURATION_REASONS = [
  'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE',
  'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT',
] as const;

export interface JobQueueProps {
  /** The queue's AWS name. */
  readonly jobQueueName: string;
  /**
   * ARNs of its compute environments, in the order Batch tries them (1-3).
   * ARNs, not names: a replaced compute environment gets a new ARN, so the
   * queue is updated to the new one before the old one is deleted.
   */
  readonly computeEnvironmentArns: readonly string[];
  /** Higher runs first among queues sharing compute environments. */
  readonly priority: number;
  /** ENABLED takes new jobs; DISABLED finishes the queued ones and takes none. */
  readonly state: 'ENABLED' | 'DISABLED';
  /** How long a job may sit RUNNABLE for a misconfiguration reason before it is cancelled. */
  readonly runnableTimeoutSeconds: number;
  /**
   * Its fair-share policy. Once set it cannot be removed from the queue again.
   * @default - first in, first out
   */
  readonly schedulingPolicy?: SchedulingPolicy;
}

export class JobQueue extends BatchJobQueue {
  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id, {
      name: props.jobQueueName,
      state: props.state,
      priority: props.priority,
      computeEnvironmentOrder: props.computeEnvironmentArns.map((computeEnvironment, order) => ({ order, computeEnvironment })),
      jobStateTimeLimitAction: MISCONFIGURATION_REASONS.map((reason) => ({
        state: 'RUNNABLE',
        action: 'CANCEL',
        reason,
        maxTimeSeconds: props.runnableTimeoutSeconds,
      })),
      schedulingPolicyArn: props.schedulingPolicy?.arn,
    });
  }
}
