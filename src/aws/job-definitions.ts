/** What AWS Batch does with a job definition's command and environment. */

/**
 * Batch sets variables starting with this itself (AWS_BATCH_JOB_ID...) and
 * refuses a job definition that sets one
 * (docs/aws-batch-facts.md#reserved-environment-variables).
 */
export const RESERVED_ENV_PREFIX = 'AWS_BATCH';

/**
 * The `Ref::name` placeholders of a command, in order, once each: Batch
 * replaces them with the job's parameters when the job is submitted
 * (docs/aws-batch-facts.md#job-parameters).
 */
export function commandParameters(command: readonly string[]): string[] {
  return [...new Set(command.flatMap((arg) => [...arg.matchAll(/Ref::([A-Za-z0-9_-]+)/g)].map((m) => m[1]!)))];
}
