/**
 * EventBridge Scheduler's universal target for Batch SubmitJob: a schedule
 * with this target ARN sends its `input` as the SubmitJob request
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html).
 */
export const SUBMIT_JOB_TARGET = 'arn:aws:scheduler:::aws-sdk:batch:submitJob';
