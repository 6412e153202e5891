/**
 * `watch <jobId...>`: polls DescribeJobs and prints each state change
 * (SUBMITTED -> PENDING -> RUNNABLE -> STARTING -> RUNNING -> SUCCEEDED or
 * FAILED) with the time spent in the state it left, array job progress, and
 * the job's log stream while it runs. Batch has no push API for a single
 * client, so polling at a modest interval is the way (Describe calls are
 * throttled per account; the SDK retries them with backoff).
 */
import { DescribeJobsCommand, type BatchClient, type JobDetail } from '@aws-sdk/client-batch';
import { GetLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CliError } from '../cli/errors';
import { formatDuration, type Output } from './output';

export interface WatchOptions {
  readonly intervalMs: number;
  /** Tail log streams (default true). */
  readonly logs?: boolean;
  readonly now?: () => number;
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED']);
/** DescribeJobs takes at most 100 job IDs per call. */
const DESCRIBE_BATCH = 100;
/** awslogs' default group when a job definition names none. */
const DEFAULT_LOG_GROUP = '/aws/batch/job';
/** Log pages read per poll: enough to keep up, bounded so one chatty job cannot stall the others. */
const MAX_LOG_PAGES = 5;

interface Tracked {
  label: string;
  status?: string;
  since: number;
  readonly durations: Array<[string, number]>;
  arraySummary?: string;
  logStream?: string;
  logToken?: string;
}

/** Watches until every job is SUCCEEDED or FAILED; resolves to each job's final status. */
export async function watchJobs(
  clients: { batch: BatchClient; logs: CloudWatchLogsClient },
  jobIds: readonly string[],
  output: Output,
  options: WatchOptions,
): Promise<Record<string, string>> {
  const now = options.now ?? Date.now;
  const started = now();
  const tracked = new Map<string, Tracked>();
  const stamp = () => `[+${formatDuration(now() - started)}]`;

  for (;;) {
    const jobs = await describeJobs(clients.batch, jobIds);
    const missing = jobIds.filter((id) => !jobs.has(id));
    if (missing.length > 0) {
      throw new CliError(`no job ${missing.join(', ')} in this region (check --region; Batch keeps finished jobs for a limited time)`);
    }
    for (const id of jobIds) {
      const job = jobs.get(id)!;
      const t = tracked.get(id) ?? newTracked(job, now());
      if (!tracked.has(id)) tracked.set(id, t);
      if (job.status !== t.status) {
        if (t.status === undefined) output.out(`${stamp()} ${t.label}: ${job.status}${firstSeenDetail(job, now())}`);
        else {
          const spent = now() - t.since;
          t.durations.push([t.status, spent]);
          output.out(`${stamp()} ${t.label}: ${t.status} -> ${job.status} (${formatDuration(spent)} in ${t.status})`);
        }
        t.status = job.status!;
        t.since = now();
        if (TERMINAL.has(t.status)) output.out(`${' '.repeat(stamp().length)} ${t.label}: ${terminalDetail(job)}`);
      }
      const summary = arraySummary(job);
      if (summary && summary !== t.arraySummary) {
        output.out(`${stamp()} ${t.label}: ${summary}`);
        t.arraySummary = summary;
      }
      // Tail while RUNNING, and once more at the end for the lines written since the last poll.
      if (options.logs !== false && (job.status === 'RUNNING' || TERMINAL.has(job.status ?? ''))) {
        await tailLogs(clients.logs, job, t, output);
      }
    }
    const statuses = Object.fromEntries(jobIds.map((id) => [id, tracked.get(id)!.status!]));
    if (Object.values(statuses).every((s) => TERMINAL.has(s))) {
      for (const id of jobIds) output.out(summaryLine(tracked.get(id)!));
      return statuses;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}

async function describeJobs(batch: BatchClient, jobIds: readonly string[]): Promise<Map<string, JobDetail>> {
  const out = new Map<string, JobDetail>();
  for (let i = 0; i < jobIds.length; i += DESCRIBE_BATCH) {
    const response = await batch.send(new DescribeJobsCommand({ jobs: jobIds.slice(i, i + DESCRIBE_BATCH) }));
    for (const job of response.jobs ?? []) if (job.jobId) out.set(job.jobId, job);
  }
  return out;
}

function newTracked(job: JobDetail, now: number): Tracked {
  return { label: `${job.jobName} (${job.jobId})`, since: now, durations: [] };
}

/** The first state seen may be long-standing: say since when, from Batch's own timestamps. */
function firstSeenDetail(job: JobDetail, now: number): string {
  if (job.status === 'RUNNING' && job.startedAt) return ` (running for ${formatDuration(now - job.startedAt)})`;
  if (job.createdAt && !TERMINAL.has(job.status ?? '')) return ` (submitted ${formatDuration(now - job.createdAt)} ago)`;
  return '';
}

function terminalDetail(job: JobDetail): string {
  const attempts = job.attempts ?? [];
  const last = attempts[attempts.length - 1];
  const parts = [
    job.statusReason ? `reason: ${job.statusReason}` : undefined,
    last?.container?.exitCode !== undefined ? `exit code ${last.container.exitCode}` : job.container?.exitCode !== undefined ? `exit code ${job.container.exitCode}` : undefined,
    last?.container?.reason ? `container: ${last.container.reason}` : undefined,
    attempts.length > 1 ? `${attempts.length} attempts` : undefined,
    job.startedAt && job.stoppedAt ? `ran ${formatDuration(job.stoppedAt - job.startedAt)}` : undefined,
  ].filter((p) => p !== undefined);
  return `${job.status}${parts.length ? `: ${parts.join('; ')}` : ''}`;
}

/** Array parents report their children's states in statusSummary. */
function arraySummary(job: JobDetail): string | undefined {
  const size = job.arrayProperties?.size;
  const counts = job.arrayProperties?.statusSummary;
  if (!size || !counts) return undefined;
  const done = (counts.SUCCEEDED ?? 0) + (counts.FAILED ?? 0);
  const order = ['SUCCEEDED', 'FAILED', 'RUNNING', 'STARTING', 'RUNNABLE', 'PENDING', 'SUBMITTED'];
  const states = order.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${s} ${counts[s]}`);
  return `array ${done}/${size} done${states.length ? ` (${states.join(', ')})` : ''}`;
}

async function tailLogs(logs: CloudWatchLogsClient, job: JobDetail, t: Tracked, output: Output): Promise<void> {
  const stream = job.container?.logStreamName;
  if (!stream) return;
  if (stream !== t.logStream) [t.logStream, t.logToken] = [stream, undefined];
  const group = job.container?.logConfiguration?.options?.['awslogs-group'] ?? DEFAULT_LOG_GROUP;
  for (let page = 0; page < MAX_LOG_PAGES; page++) {
    let response;
    try {
      response = await logs.send(
        new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, ...(t.logToken ? { nextToken: t.logToken } : {}) }),
      );
    } catch (error) {
      // The stream appears only once the container has written to it.
      if ((error as Error).name === 'ResourceNotFoundException') return;
      throw error;
    }
    for (const event of response.events ?? []) output.out(`  | ${job.jobName}: ${(event.message ?? '').replace(/\n$/, '')}`);
    // GetLogEvents returns the same forward token once there is nothing newer.
    const same = response.nextForwardToken === t.logToken;
    t.logToken = response.nextForwardToken;
    if (same || (response.events ?? []).length === 0) return;
  }
}

/** The whole path with the time spent in each state, e.g. `RUNNABLE 2m03s -> RUNNING 5m10s -> SUCCEEDED`. */
function summaryLine(t: Tracked): string {
  return `${t.label}: ${[...t.durations.map(([s, ms]) => `${s} ${formatDuration(ms)}`), t.status].join(' -> ')}`;
}
