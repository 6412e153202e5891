/**
 * The sandbox (`npm run sandbox -- up dev | jobs | down`) and, against the
 * dev environment it deploys, the job CLI (src/cli/job.ts): the real AWS
 * SDK, real names, real queue and job definition, deployed by terraform to
 * the AWS emulator. Jobs run in moto's docker-less Batch: they end SUCCEEDED
 * at once, or FAILED on an emulator started with failJobs (a second dev
 * deployment). What the emulator cannot show (the time spent in each state,
 * a job stuck in RUNNABLE, log lines, throttling) stays with the loopback
 * fake in __tests__/job.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateJobQueueCommand,
  CreateSchedulingPolicyCommand,
  DeleteJobQueueCommand,
  DeleteSchedulingPolicyCommand,
  DescribeJobQueuesCommand,
  DescribeJobsCommand,
  RegisterJobDefinitionCommand,
  UpdateJobQueueCommand,
  type BatchClient,
  type JobDetail,
} from '@aws-sdk/client-batch';
import { EmulatedStack } from '../../test-support/emulator/apply.js';
import { emulatorBatchClient, isRunning, startEmulator } from '../../test-support/emulator/emulator.js';
import { withApplySlot } from '../../test-support/emulator/slots.js';
import { synthesizeApp, ROOT } from '../../test-support/emulator/stacks.js';
import { loadConfigFile } from '../../src/config/load.js';
import type { BatchConfig } from '../../src/config/schema.js';
import { DISCLAIMER, readRecord, sandbox } from '../../scripts/sandbox/sandbox.js';
import { projectRoot, runCli, useFakeCredentials } from '../job-runner/support/cli.js';
import { applySuiteOrSkip } from './support.js';

const ready = applySuiteOrSkip('apply: job CLI');
const REGION = 'ap-northeast-1';

interface Deployed {
  endpoint: string;
  stack: EmulatedStack;
  batch: BatchClient;
}

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function runSandbox(args: string[], env: NodeJS.ProcessEnv): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await sandbox(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe.skipIf(!ready)('the sandbox, and the job CLI against the dev environment it deploys to the AWS emulator', () => {
  const dev = loadConfigFile(join(ROOT, 'environments', 'dev.json'));
  const sandboxEnv = { ...process.env, SANDBOX_DIR: mkdtempSync(join(tmpdir(), 'batch-cdktf-sandbox-')) };
  let root: string;
  let ok: Deployed;
  let failing: Deployed & { stop(): Promise<void> };
  let up: Captured;
  /** Project folders made for single tests, removed at the end. */
  const roots: string[] = [];

  beforeAll(async () => {
    const tfJson = synthesizeApp().get('dev')!;
    // The project as a user has it after `cdktf synth`: the config and the synthesized stack.
    root = projectRoot({ dev }, { dev: tfJson });
    const deployFailing = async () => {
      const emulator = await startEmulator({ failJobs: true });
      const stack = await EmulatedStack.create(tfJson, emulator.endpoint);
      await stack.planAndApply();
      return { endpoint: emulator.endpoint, stack, batch: emulatorBatchClient(emulator.endpoint, REGION), stop: () => emulator.stop() };
    };
    [up, failing] = await Promise.all([withApplySlot(() => runSandbox(['up', 'dev'], sandboxEnv)), withApplySlot(deployFailing)]);
    const record = readRecord(sandboxEnv);
    if (up.code !== 0 || !record) throw new Error(`sandbox up dev failed (${up.code}):\n${up.stdout}\n${up.stderr}`);
    ok = { endpoint: record.endpoint, stack: EmulatedStack.existing(record.dir, record.endpoint), batch: emulatorBatchClient(record.endpoint, REGION) };
  });
  afterAll(async () => {
    ok?.batch.destroy();
    failing?.batch.destroy();
    failing?.stack.remove();
    await failing?.stop();
    // A failed test leaves the sandbox up: take it down.
    if (readRecord(sandboxEnv)) await runSandbox(['down'], sandboxEnv);
    for (const dir of [sandboxEnv.SANDBOX_DIR, root, ...roots]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sandbox up: says it proves wiring, not capacity or permissions; applies dev with no changes left', () => {
    expect(up.stdout.split('\n')[0]).toBe(DISCLAIMER);
    expect(DISCLAIMER).toMatch(/proves wiring .* not AWS capacity or permissions/);
    expect(up.stdout).toMatch(/applied: 27 resources created\na plan after apply shows no changes/);
    expect(up.stderr).toBe('');
  });

  it('sandbox up refuses a second environment while one is up', async () => {
    const again = await runSandbox(['up', 'prod'], sandboxEnv);
    expect(again).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: the sandbox already runs environment dev .*npm run sandbox -- down first$/) });
  });

  const cli = (args: string[], on: Deployed = ok) => {
    useFakeCredentials();
    return runCli([...args, '--endpoint-url', on.endpoint], root);
  };
  const describeJob = async (on: Deployed, jobId: string): Promise<JobDetail> => (await on.batch.send(new DescribeJobsCommand({ jobs: [jobId] }))).jobs![0]!;
  const submittedId = (stdout: string) => /submitted \S+ \(([0-9a-f-]{36})\)/.exec(stdout)?.[1] ?? '';

  it('submit: parameters, environment overrides, array size and --after reach Batch as the job that runs', async () => {
    const first = await cli(['submit', 'dev', 'hello']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const after = submittedId(first.stdout);

    const result = await cli(['submit', 'dev', 'hello', '--name', 'backfill', '--param', 'date=2024-06-01', '--env', 'MODE=full', '--array-size', '3', '--after', after]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^submitted backfill \(\S+\) to job queue batch-dev-main, job definition batch-dev-hello, ap-northeast-1\n/);
    const job = await describeJob(ok, submittedId(result.stdout));
    const queue = (await ok.batch.send(new DescribeJobQueuesCommand({ jobQueues: ['batch-dev-main'] }))).jobQueues![0]!;
    expect(job).toMatchObject({
      jobName: 'backfill',
      jobQueue: queue.jobQueueArn,
      jobDefinition: `arn:aws:batch:${REGION}:123456789012:job-definition/batch-dev-hello:1`,
      parameters: { date: '2024-06-01' },
      dependsOn: [{ jobId: after }],
      arrayProperties: { size: 3 },
    });
    expect(job.container?.environment).toContainEqual({ name: 'MODE', value: 'full' });
  });

  it('submit --watch follows the job to SUCCEEDED and exits 0', async () => {
    const result = await cli(['submit', 'dev', 'hello', '--watch', '--interval', '0.2']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/: SUCCEEDED/);
  });

  it('watch exits 1 when a job FAILED, and says so', async () => {
    const submitted = await cli(['submit', 'dev', 'hello'], failing);
    expect(submitted.code).toBe(0);
    const id = submittedId(submitted.stdout);
    expect((await describeJob(failing, id)).status).toBe('FAILED');
    const result = await cli(['watch', id, '--interval', '0.2', '--no-logs'], failing);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`hello \\(${id}\\): FAILED`));
  });

  it('watch names a job the emulator does not know, exit 2', async () => {
    const result = await cli(['watch', '00000000-0000-4000-8000-000000000000', '--interval', '0.2']);
    expect(result).toMatchObject({ code: 2, stderr: 'error: no job 00000000-0000-4000-8000-000000000000 in this region (check --region; Batch keeps finished jobs for a limited time)' });
  });

  it('pipeline: steps become jobs chained by Batch dependsOn; --watch exits 0 when all succeed, 1 when they fail', async () => {
    const file = join(root, 'nightly.json');
    writeFileSync(
      file,
      JSON.stringify({
        environment: 'dev',
        steps: {
          extract: { jobDefinition: 'hello', parameters: { date: '2024-06-01' } },
          transform: { jobDefinition: 'hello', dependsOn: ['extract'], arraySize: 2 },
          load: { jobDefinition: 'hello', dependsOn: ['transform'], environment: { MODE: 'full' } },
        },
      }),
    );
    const result = await cli(['pipeline', file, '--watch', '--interval', '0.2']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const ids = Object.fromEntries([...result.stdout.matchAll(/^(\w+): submitted (\S+)/gm)].map((m) => [m[1]!, m[2]!]));
    expect(Object.keys(ids)).toEqual(['extract', 'transform', 'load']);
    expect(await describeJob(ok, ids.transform!)).toMatchObject({ jobName: 'transform', dependsOn: [{ jobId: ids.extract }], arrayProperties: { size: 2 }, status: 'SUCCEEDED' });
    expect(await describeJob(ok, ids.load!)).toMatchObject({ jobName: 'load', dependsOn: [{ jobId: ids.transform }], status: 'SUCCEEDED' });

    const failed = await cli(['pipeline', file, '--watch', '--interval', '0.2'], failing);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/extract \(\S+\): FAILED/);
  });

  it("submits to a fair-share queue with the job definition's share identifier, and the job carries it", async () => {
    // The emulator's own refusal of a submit without a share stays proven in corrections.test.ts ("share-identifier").
    const fair: BatchConfig = {
      ...dev,
      name: 'batch-fair',
      jobQueues: { main: { computeEnvironments: ['ondemand'], fairShare: { shareDecaySeconds: 3600, computeReservation: 10, shares: { teamA: 1 } } } },
      jobDefinitions: { hello: { ...dev.jobDefinitions!.hello!, shareIdentifier: 'teamA' } },
    };
    const fairRoot = projectRoot({ fair });
    roots.push(fairRoot);
    const { arn } = await ok.batch.send(new CreateSchedulingPolicyCommand({ name: 'batch-fair-main', fairsharePolicy: { shareDecaySeconds: 3600, computeReservation: 10, shareDistribution: [{ shareIdentifier: 'teamA', weightFactor: 1 }] } }));
    const ce = (await ok.stack.state()).get('aws_batch_compute_environment.ondemand')!.arn as string;
    await ok.batch.send(new CreateJobQueueCommand({ jobQueueName: 'batch-fair-main', state: 'ENABLED', priority: 1, schedulingPolicyArn: arn, computeEnvironmentOrder: [{ order: 1, computeEnvironment: ce }] }));
    await ok.batch.send(new RegisterJobDefinitionCommand({ jobDefinitionName: 'batch-fair-hello', type: 'container', containerProperties: { image: 'busybox', command: ['true'], resourceRequirements: [{ type: 'VCPU', value: '1' }, { type: 'MEMORY', value: '2048' }] } }));
    try {
      useFakeCredentials();
      const result = await runCli(['submit', 'fair', 'hello', '--endpoint-url', ok.endpoint], fairRoot);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect((await describeJob(ok, submittedId(result.stdout))).shareIdentifier).toBe('teamA');
    } finally {
      // The queue holds dev's compute environment: Batch would refuse to delete it in the sandbox's destroy.
      await ok.batch.send(new UpdateJobQueueCommand({ jobQueue: 'batch-fair-main', state: 'DISABLED' }));
      await ok.batch.send(new DeleteJobQueueCommand({ jobQueue: 'batch-fair-main' }));
      await ok.batch.send(new DeleteSchedulingPolicyCommand({ arn }));
    }
  });


  it('sandbox jobs: submits each job definition of dev and watches them to SUCCEEDED', async () => {
    const result = await runSandbox(['jobs'], sandboxEnv);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const key of Object.keys(dev.jobDefinitions ?? {})) expect(result.stdout).toMatch(new RegExp(`^${key} \\(\\S+\\): SUCCEEDED$`, 'm'));
  });

  it('sandbox down: destroys the stack, stops the emulator, removes its state', async () => {
    const { pid, dir } = readRecord(sandboxEnv)!;
    const result = await withApplySlot(() => runSandbox(['down'], sandboxEnv));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/destroyed\nemulator stopped/);
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(readRecord(sandboxEnv)).toBeUndefined();
    expect(await runSandbox(['jobs'], sandboxEnv)).toMatchObject({ code: 2, stderr: 'error: no sandbox is up; npm run sandbox -- up <env> first' });
  });
});
