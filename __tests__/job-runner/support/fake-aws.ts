/**
 * A small stand-in for the AWS Batch and CloudWatch Logs APIs on 127.0.0.1,
 * answering the calls the job CLI makes with responses shaped like the real
 * ones (Batch: REST JSON, POST /v1/<operation>; Logs: JSON 1.1 RPC selected
 * by X-Amz-Target). The real SDK clients talk to it through --endpoint-url.
 *
 * Kept for what the AWS emulator (moto, __tests__/apply/job-cli.test.ts)
 * cannot do: a job's progression through the states with time spent in each
 * (moto's docker-less Batch ends a job at once), a job stuck in RUNNABLE and
 * INVALID compute environments (diagnose), log tailing (it writes no logs),
 * throttling, and checks that nothing was sent; and so that `npm test` covers
 * the CLI without moto. Submit, pipeline and watch against real Batch
 * resources deployed by terraform run in the apply suite.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  /** `batch:SubmitJob`, `logs:GetLogEvents`, ... */
  readonly operation: string;
  readonly body: any;
  readonly authorization?: string;
}

export interface FakeAwsState {
  /** Job ID -> the states DescribeJobs returns, one more per call, the last one repeated. */
  readonly jobs: Record<string, any[]>;
  readonly jobQueues: any[];
  readonly computeEnvironments: any[];
  /** `<group>/<stream>` -> events; GetLogEvents returns them in pages of `logPageSize`. */
  readonly logs: Record<string, Array<{ timestamp: number; message: string }>>;
  /** Operations (e.g. `batch:SubmitJob`) answered once with 429 TooManyRequestsException first. */
  readonly throttleOnce: Set<string>;
  /** SubmitJob: next IDs to hand out; errors by job name. */
  readonly submitErrors: Record<string, { status: number; type: string; message: string }>;
  logPageSize: number;
}

export interface FakeAws {
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly state: FakeAwsState;
  /** Requests of one operation, bodies only. */
  bodies(operation: string): any[];
  close(): Promise<void>;
}

const BATCH_OPERATIONS: Record<string, string> = {
  '/v1/submitjob': 'batch:SubmitJob',
  '/v1/describejobs': 'batch:DescribeJobs',
  '/v1/describejobqueues': 'batch:DescribeJobQueues',
  '/v1/describecomputeenvironments': 'batch:DescribeComputeEnvironments',
  '/v1/describejobdefinitions': 'batch:DescribeJobDefinitions',
};

export async function startFakeAws(): Promise<FakeAws> {
  const requests: RecordedRequest[] = [];
  const state: FakeAwsState = { jobs: {}, jobQueues: [], computeEnvironments: [], logs: {}, throttleOnce: new Set(), submitErrors: {}, logPageSize: 100 };
  const served: Record<string, number> = {};
  let submitted = 0;

  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    const body = text ? JSON.parse(text) : {};
    const target = req.headers['x-amz-target'];
    const operation = typeof target === 'string' ? `logs:${target.replace('Logs_20140328.', '')}` : BATCH_OPERATIONS[req.url ?? ''] ?? `unknown:${req.method} ${req.url}`;
    requests.push({ operation, body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });

    if (state.throttleOnce.delete(operation)) {
      return send(res, 429, operation, { __type: 'TooManyRequestsException', message: 'Too Many Requests' }, 'TooManyRequestsException');
    }
    switch (operation) {
      case 'batch:SubmitJob': {
        const error = state.submitErrors[body.jobName];
        if (error) return send(res, error.status, operation, { message: error.message }, error.type);
        submitted += 1;
        const jobId = `00000000-0000-4000-8000-${String(submitted).padStart(12, '0')}`;
        return send(res, 200, operation, { jobArn: `arn:aws:batch:ap-northeast-1:123456789012:job/${jobId}`, jobName: body.jobName, jobId });
      }
      case 'batch:DescribeJobs': {
        const jobs = (body.jobs as string[]).flatMap((id) => {
          const timeline = state.jobs[id];
          if (!timeline) return [];
          const step = Math.min(served[id] ?? 0, timeline.length - 1);
          served[id] = (served[id] ?? 0) + 1;
          return [timeline[step]];
        });
        return send(res, 200, operation, { jobs });
      }
      case 'batch:DescribeJobQueues':
        return send(res, 200, operation, { jobQueues: state.jobQueues.filter((q) => (body.jobQueues ?? []).some((n: string) => n === q.jobQueueArn || n === q.jobQueueName)) });
      case 'batch:DescribeComputeEnvironments':
        return send(res, 200, operation, {
          computeEnvironments: state.computeEnvironments.filter((c) => (body.computeEnvironments ?? []).some((n: string) => n === c.computeEnvironmentArn || n === c.computeEnvironmentName)),
        });
      case 'logs:GetLogEvents': {
        const events = state.logs[`${body.logGroupName}/${body.logStreamName}`];
        if (!events) return send(res, 400, operation, { __type: 'ResourceNotFoundException', message: 'The specified log stream does not exist.' }, 'ResourceNotFoundException');
        const from = body.nextToken ? Number(String(body.nextToken).slice(2)) : 0;
        const page = events.slice(from, from + state.logPageSize).map((e) => ({ ...e, ingestionTime: e.timestamp + 5 }));
        return send(res, 200, operation, { events: page, nextForwardToken: `f/${from + page.length}`, nextBackwardToken: `b/${from}` });
      }
      default:
        return send(res, 404, operation, { message: `fake AWS does not implement ${operation}` }, 'UnknownOperationException');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    state,
    bodies: (operation) => requests.filter((r) => r.operation === operation).map((r) => r.body),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** Batch (REST JSON) names errors in x-amzn-ErrorType; Logs (JSON 1.1) in the body's __type. */
function send(res: ServerResponse, status: number, operation: string, body: unknown, errorType?: string): void {
  const logs = operation.startsWith('logs:');
  res.writeHead(status, {
    'content-type': logs ? 'application/x-amz-json-1.1' : 'application/json',
    'x-amzn-requestid': 'fake-request-id',
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(JSON.stringify(body));
}
