import { describe, expect, it } from 'vitest';
import { LOG_GROUP, job } from './support/fixtures';
import { runCli } from './support/cli';
import { fakeAwsPerFile } from './support/suite';

const fake = fakeAwsPerFile();

const STREAM = 'hello/default/6f1e0c0d';
const running = (id: string) => job(id, 'RUNNING', { startedAt: Date.now() }, { logStreamName: STREAM });

/** Lines without the `[+12s]` stamps, which depend on timing. */
const lines = (stdout: string) => stdout.split('\n').map((l) => l.replace(/^\[\+\d+s\] | {2,}(?=\S)/, '').trim());

describe('watch <jobId>', () => {
  it('prints each state change with the time spent in the previous state, tails the log once, and ends with the path', async () => {
    const id = 'job-1';
    fake.aws.state.jobs[id] = [
      job(id, 'SUBMITTED'),
      job(id, 'RUNNABLE'),
      job(id, 'RUNNABLE'),
      job(id, 'STARTING'),
      running(id),
      running(id),
      job(id, 'SUCCEEDED', { startedAt: Date.now(), stoppedAt: Date.now() + 65_000, attempts: [{ container: { exitCode: 0, logStreamName: STREAM } }] }, { logStreamName: STREAM, exitCode: 0 }),
    ];
    fake.aws.state.logs[`${LOG_GROUP}/${STREAM}`] = [
      { timestamp: 1, message: 'starting report' },
      { timestamp: 2, message: 'rows: 42' },
      { timestamp: 3, message: 'done\n' },
    ];
    fake.aws.state.logPageSize = 2;
    // Batch throttles bursts of DescribeJobs: the SDK retries and the watch goes on.
    fake.aws.state.throttleOnce.add('batch:DescribeJobs');

    const result = await runCli(['watch', id, '--interval', '0.01', '--endpoint-url', fake.aws.url], fake.root);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toEqual([
      expect.stringMatching(/^hello \(job-1\): SUBMITTED \(submitted 12m0\ds ago\)$/),
      expect.stringMatching(/^hello \(job-1\): SUBMITTED -> RUNNABLE \(\d+s in SUBMITTED\)$/),
      expect.stringMatching(/^hello \(job-1\): RUNNABLE -> STARTING \(\d+s in RUNNABLE\)$/),
      expect.stringMatching(/^hello \(job-1\): STARTING -> RUNNING \(\d+s in STARTING\)$/),
      '| hello: starting report',
      '| hello: rows: 42',
      '| hello: done',
      expect.stringMatching(/^hello \(job-1\): RUNNING -> SUCCEEDED \(\d+s in RUNNING\)$/),
      'hello (job-1): SUCCEEDED: exit code 0; ran 1m05s',
      expect.stringMatching(/^hello \(job-1\): SUBMITTED \d+s -> RUNNABLE \d+s -> STARTING \d+s -> RUNNING \d+s -> SUCCEEDED$/),
    ]);
    expect(fake.aws.requests.filter((r) => r.operation === 'batch:DescribeJobs')).toHaveLength(8); // 7 states + 1 throttled
    // Pages are followed until nothing is new; each later poll (RUNNING, then the final one) resumes at the last token.
    expect(fake.aws.bodies('logs:GetLogEvents').map((b) => b.nextToken ?? null)).toEqual([null, 'f/2', 'f/3', 'f/3', 'f/3']);
    expect(fake.aws.bodies('logs:GetLogEvents')[0]).toEqual({ logGroupName: LOG_GROUP, logStreamName: STREAM, startFromHead: true });
  });

  it('shows array job progress and exits 1 when a job fails', async () => {
    const id = 'array-1';
    const array = (status: string, summary: Record<string, number>, extra: Record<string, unknown> = {}) =>
      job(id, status, { jobName: 'fanout', arrayProperties: { size: 4, statusSummary: summary }, ...extra }, { logStreamName: undefined });
    fake.aws.state.jobs[id] = [
      array('PENDING', { RUNNABLE: 4 }),
      array('PENDING', { RUNNING: 2, RUNNABLE: 2 }),
      array('PENDING', { SUCCEEDED: 2, RUNNING: 1, FAILED: 1 }),
      array('FAILED', { SUCCEEDED: 3, FAILED: 1 }, { statusReason: 'Array Child Job failed' }),
    ];
    const result = await runCli(['watch', id, '--interval', '0.01', '--endpoint-url', fake.aws.url], fake.root);
    expect(result.code).toBe(1);
    const out = lines(result.stdout);
    expect(out).toEqual([
      expect.stringMatching(/^fanout \(array-1\): PENDING \(submitted/),
      'fanout (array-1): array 0/4 done (RUNNABLE 4)',
      'fanout (array-1): array 0/4 done (RUNNING 2, RUNNABLE 2)',
      'fanout (array-1): array 3/4 done (SUCCEEDED 2, FAILED 1, RUNNING 1)',
      expect.stringMatching(/^fanout \(array-1\): PENDING -> FAILED/),
      'fanout (array-1): FAILED: reason: Array Child Job failed',
      'fanout (array-1): array 4/4 done (SUCCEEDED 3, FAILED 1)',
      expect.stringMatching(/^fanout \(array-1\): PENDING \d+s -> FAILED$/),
    ]);
    expect(fake.aws.bodies('logs:GetLogEvents')).toEqual([]);
  });

  it('names a job that does not exist', async () => {
    const result = await runCli(['watch', 'no-such-job', '--interval', '0.01', '--endpoint-url', fake.aws.url], fake.root);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'error: no job no-such-job in this region (check --region; Batch keeps finished jobs for a limited time)' });
  });

  it('refuses a poll interval of 0', async () => {
    const result = await runCli(['watch', 'job-1', '--interval', '0', '--endpoint-url', fake.aws.url], fake.root);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'error: --interval 0: must be more than 0 seconds' });
  });
});
