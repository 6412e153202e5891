import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, baseConfig, synth } from '../support/synth';
import { projectRoot, runCli, withoutCredentials } from './support/cli';
import { fakeAwsPerFile } from './support/suite';

const fake = fakeAwsPerFile();

describe('submit <env> <jobDefinition>', () => {
  it('submits to the queue the job definition is made for, by name, with parameters, overrides, array size and dependencies', async () => {
    const result = await runCli(
      ['submit', 'unit', 'hello', '--param', 'date=2024-06-01', '--param', 'query=a=b', '--env', 'MODE=full', '--array-size', '4', '--after', 'job-a', '--after', 'job-b', '--endpoint-url', fake.aws.url],
      fake.root,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fake.aws.bodies('batch:SubmitJob')).toEqual([
      {
        jobName: 'hello',
        jobQueue: 'unit-main',
        jobDefinition: 'unit-hello',
        parameters: { date: '2024-06-01', query: 'a=b' },
        containerOverrides: { environment: [{ name: 'MODE', value: 'full' }] },
        arrayProperties: { size: 4 },
        dependsOn: [{ jobId: 'job-a' }, { jobId: 'job-b' }],
      },
    ]);
    expect(result.stdout).toMatch(/^submitted hello \(00000000-0000-4000-8000-\d{12}\) to job queue unit-main, job definition unit-hello, ap-northeast-1\nfollow it: npm run job -- watch 00000000-/);
  });

  it('signs requests with the credentials of the standard chain (here: the environment)', async () => {
    await runCli(['submit', 'unit', 'hello', '--endpoint-url', fake.aws.url], fake.root);
    expect(fake.aws.requests[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFAKEFORTESTS0000\/\d{8}\/ap-northeast-1\/batch\/aws4_request/);
  });

  it('takes the endpoint from AWS_ENDPOINT_URL too', async () => {
    process.env.AWS_ENDPOINT_URL = fake.aws.url;
    const result = await runCli(['submit', 'unit', 'hello', '--name', 'nightly-run'], fake.root);
    expect(result.code).toBe(0);
    expect(fake.aws.bodies('batch:SubmitJob')).toEqual([{ jobName: 'nightly-run', jobQueue: 'unit-main', jobDefinition: 'unit-hello' }]);
  });

  it('reads the names from the synthesized stack when there is one', async () => {
    const stack = JSON.parse(synth(baseConfig(), 'unit').json);
    // As deployed: the stack, not a re-derivation from the config, is what AWS knows.
    stack.resource.aws_batch_job_queue.main.name = 'deployed-queue';
    stack.resource.aws_batch_job_definition.hello.name = 'deployed-hello';
    const result = await runCli(['submit', 'unit', 'hello', '--endpoint-url', fake.aws.url], projectRoot({ unit: baseConfig() }, { unit: stack }));
    expect(result.code).toBe(0);
    expect(fake.aws.bodies('batch:SubmitJob')[0]).toMatchObject({ jobQueue: 'deployed-queue', jobDefinition: 'deployed-hello' });
  });

  it('retries a throttled request with backoff, then succeeds', async () => {
    fake.aws.state.throttleOnce.add('batch:SubmitJob');
    const result = await runCli(['submit', 'unit', 'hello', '--endpoint-url', fake.aws.url], fake.root);
    expect(result.code).toBe(0);
    expect(fake.aws.requests.map((r) => r.operation)).toEqual(['batch:SubmitJob', 'batch:SubmitJob']);
  });
});

describe('npm run job, as a process', () => {
  it('prints only its own output: no AWS SDK Node.js version warning (Node.js 20 is in engines)', async () => {
    const run = promisify(execFile);
    const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _, ...env } = process.env;
    const cli = [`${ROOT}node_modules/tsx/dist/cli.mjs`, `${ROOT}src/cli/job.ts`];
    const { stdout, stderr } = await run(process.execPath, [...cli, 'submit', 'unit', 'hello', '--endpoint-url', fake.aws.url], { cwd: fake.root, env });
    expect(stdout).toMatch(/^submitted hello \(/);
    expect(stderr).toBe('');
  });
});

describe('submit errors are one clear line, before anything is sent', () => {
  it.each([
    [['submit', 'staging', 'hello'], 'error: unknown environment "staging": no environments/staging.json; known environments: unit'],
    [['submit', 'unit', 'goodbye'], 'error: unknown job definition "goodbye" in environment unit; job definitions: hello'],
    [['submit', 'unit'], 'error: submit takes <env> <jobDefinition> (npm run job -- submit --help)'],
    [['submit', 'unit', 'hello', '--array-size', '1'], 'error: --array-size 1: an array job has 2 to 10000 children'],
    [['submit', 'unit', 'hello', '--param', 'date'], 'error: --param date: expected key=value'],
    [['submit', 'unit', 'hello', '--env', 'AWS_BATCH_JOB_ID=x'], 'error: --env AWS_BATCH_JOB_ID: names starting with AWS_BATCH are reserved for AWS Batch'],
    [['submit', 'unit', 'hello', '--colour'], "error: Unknown option '--colour'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--colour\" (npm run job -- submit --help)"],
  ])('%j', async (args, message) => {
    const result = await runCli([...args, '--endpoint-url', fake.aws.url], fake.root);
    expect(result).toEqual({ code: 2, stdout: '', stderr: message });
    expect(fake.aws.requests).toEqual([]);
  });

  it('says how to provide credentials when there are none', async () => {
    withoutCredentials();
    const result = await runCli(['submit', 'unit', 'hello', '--endpoint-url', fake.aws.url], fake.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: no AWS credentials found: set AWS_PROFILE (after `aws sso login` or `aws configure`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    expect(fake.aws.requests).toEqual([]);
  });

  it("passes Batch's own refusal through with its name", async () => {
    fake.aws.state.submitErrors.hello = { status: 400, type: 'ClientException', message: 'Job Queue unit-main is DISABLED.' };
    const result = await runCli(['submit', 'unit', 'hello', '--endpoint-url', fake.aws.url], fake.root);
    delete fake.aws.state.submitErrors.hello;
    expect(result).toMatchObject({ code: 2, stderr: 'error: ClientException: Job Queue unit-main is DISABLED.' });
  });
});

describe('fair-share queues: the share identifier', () => {
  /** `unit` with a fair-share queue; hello's default share is teamA. */
  const fairConfig = () => {
    const config = baseConfig({ jobQueues: { main: { computeEnvironments: ['ondemand'], fairShare: { shares: { teamA: 1, 'batch*': 2 } } } } });
    config.jobDefinitions!.hello!.shareIdentifier = 'teamA';
    return config;
  };

  it("is the job definition's default, or --share, with --priority as the scheduling priority override", async () => {
    const root = projectRoot({ unit: fairConfig() });
    await runCli(['submit', 'unit', 'hello', '--endpoint-url', fake.aws.url], root);
    await runCli(['submit', 'unit', 'hello', '--share', 'batchNightly', '--priority', '7', '--endpoint-url', fake.aws.url], root);
    expect(fake.aws.bodies('batch:SubmitJob')).toEqual([
      { jobName: 'hello', jobQueue: 'unit-main', jobDefinition: 'unit-hello', shareIdentifier: 'teamA' },
      { jobName: 'hello', jobQueue: 'unit-main', jobDefinition: 'unit-hello', shareIdentifier: 'batchNightly', schedulingPriorityOverride: 7 },
    ]);
  });

  it('is required when the synthesized stack shows a fair-share queue, even if the config no longer does: one line, exit 2, nothing sent', async () => {
    const stack = JSON.parse(synth(fairConfig(), 'unit').json);
    const result = await runCli(['submit', 'unit', 'hello', '--endpoint-url', fake.aws.url], projectRoot({ unit: baseConfig() }, { unit: stack }));
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: job queue unit-main has a fair-share scheduling policy, so Batch needs a share identifier: give one with --share (the policy's shares: batch*, teamA), or set jobDefinitions.hello.shareIdentifier in environments/unit.json",
    });
    expect(fake.aws.requests).toEqual([]);
  });

  it.each([
    [['--share', 'teamB'], "error: --share teamB: no share of job queue unit-main's fair-share policy matches it (shares: batch*, teamA)"],
    [['--share', 'team-a'], 'error: --share team-a: a share identifier is 1-255 letters and digits'],
    [['--priority', '10000'], 'error: --priority 10000: a scheduling priority is a whole number from 0 to 9999'],
  ])('refuses %j on a fair-share queue', async (args, message) => {
    const result = await runCli(['submit', 'unit', 'hello', ...args, '--endpoint-url', fake.aws.url], projectRoot({ unit: fairConfig() }));
    expect(result).toEqual({ code: 2, stdout: '', stderr: message });
    expect(fake.aws.requests).toEqual([]);
  });

  it('is refused for a queue without a fair-share policy', async () => {
    const result = await runCli(['submit', 'unit', 'hello', '--share', 'teamA', '--endpoint-url', fake.aws.url], fake.root);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'error: --share: job queue unit-main has no fair-share scheduling policy, and Batch refuses a share identifier there; leave it out' });
    expect(fake.aws.requests).toEqual([]);
  });
});
