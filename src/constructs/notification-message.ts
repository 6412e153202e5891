/**
 * The event pattern and the human message of job state notifications, as
 * plain data (the construct only wires them up; tests read them directly).
 * @see https://docs.aws.amazon.com/batch/latest/userguide/batch_job_events.html
 */
import { jsonDocument } from '../hcl/json-document';

/**
 * Fields of the "Batch Job State Change" event the message uses. A path
 * missing from an event (no log stream for a job that never started) is
 * replaced by an empty value, so the message still goes out.
 */
export const MESSAGE_PATHS = {
  job: '$.detail.jobName',
  jobId: '$.detail.jobId',
  queue: '$.detail.jobQueue',
  status: '$.detail.status',
  reason: '$.detail.statusReason',
  logStream: '$.detail.container.logStreamName',
  time: '$.time',
} as const;

/**
 * One short paragraph: what, why, where to look. The template is a quoted
 * string: EventBridge then sends plain text (an email body, not JSON), and
 * escapes quotes in the values it inserts.
 */
export function messageTemplate(logGroupName: string): string {
  return `"AWS Batch job <job> <status> at <time>. Reason: <reason>. Logs: log stream <logStream> in ${logGroupName}. Job id <jobId>, queue <queue>. Its state and log: npm run job -- watch <jobId>"`;
}

/** Only final states of this stack's queues: a job moving through RUNNABLE or RUNNING does not notify. */
export function jobStateEventPattern(queueArns: readonly string[], statuses: readonly string[]): string {
  return jsonDocument({
    source: ['aws.batch'],
    'detail-type': ['Batch Job State Change'],
    detail: { status: [...statuses], jobQueue: [...queueArns] },
  });
}
