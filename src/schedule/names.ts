/** Names and addresses of schedules, shared by the stack, the config checks and the doctor. */
import { awsName } from '../aws/names';

/** The schedule's AWS name: `<env name>-<job definition>-<schedule>`. */
export function scheduleName(environment: string, jobKey: string, scheduleKey: string): string {
  return awsName(environment, jobKey, scheduleKey);
}

/** The SQS queue of schedule runs Scheduler could not submit: `<env name>-schedule-dead-letters`. */
export function deadLetterQueueName(environment: string): string {
  return awsName(environment, 'schedule-dead-letters');
}

/** Terraform name of the schedule (`aws_scheduler_schedule.<job>_<schedule>`). */
export function scheduleAddress(jobKey: string, scheduleKey: string): string {
  return `${jobKey}_${scheduleKey}`;
}

/**
 * EventBridge Scheduler's universal target for Batch's SubmitJob API: the
 * schedule calls `batch:SubmitJob` itself with the target's Input as the
 * request, so no Lambda or EventBridge rule sits in between.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html
 */
export const SUBMIT_JOB_TARGET_ARN = 'arn:aws:scheduler:::aws-sdk:batch:submitJob';
