import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { submissionOrder } from '../../src/job-runner/pipeline';
import { baseConfig, synth } from '../support/synth';
import { projectRoot, runCli } from './support/cli';
import { fakeAwsPerFile } from './support/suite';

const fake = fakeAwsPerFile();

function pipelineFile(content: unknown): string {
  const file = join(fake.root, `pipeline-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const steps = (s: Record<string, string[]>) => Object.fromEntries(Object.entries(s).map(([name, dependsOn]) => [name, { dependsOn }]));

describe('submission order', () => {
  it('puts every step after the steps it depends on, keeping file order among independent ones', () => {
    expect(submissionOrder(steps({ load: ['transform'], report: [], transform: ['extract', 'report'], extract: [] }))).toEqual(['report', 'extract', 'transform', 'load']);
  });

  it('names the steps of a cycle', () => {
    expect(() => submissionOrder(steps({ a: [], b: ['d'], c: ['b'], d: ['c'] }))).toThrow('the steps depend on each other in a cycle: b -> d -> c -> b');
  });

  it('names an unknown step and the known ones', () => {
    expect(() => submissionOrder(steps({ a: [], b: ['x'] }))).toThrow('steps.b.dependsOn[0]: unknown step "x"; steps are: a, b');
  });

  it('refuses a step depending on itself', () => {
    expect(() => submissionOrder(steps({ a: ['a'] }))).toThrow('steps.a.dependsOn[0]: a step cannot depend on itself');
  });
});

describe('pipeline <file>', () => {
  it("submits in dependency order, each step depending on its predecessors' job IDs (Batch dependsOn)", async () => {
    const file = pipelineFile({
      environment: 'unit',
      steps: {
        load: { jobDefinition: 'hello', dependsOn: ['transform', 'extract'], environment: { MODE: 'full' } },
        extract: { jobDefinition: 'hello', parameters: { date: '2024-06-01' } },
        transform: { jobDefinition: 'hello', dependsOn: ['extract'], arraySize: 3 },
      },
    });
    const result = await runCli(['pipeline', file, '--endpoint-url', fake.aws.url], fake.root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const submitted = fake.aws.bodies('batch:SubmitJob');
    expect(submitted.map((b) => b.jobName)).toEqual(['extract', 'transform', 'load']);
    const idOf = Object.fromEntries([...result.stdout.matchAll(/^(\w+): submitted (\S+)/gm)].map((m) => [m[1], m[2]]));
    expect(submitted[0]).toEqual({ jobName: 'extract', jobQueue: 'unit-main', jobDefinition: 'unit-hello', parameters: { date: '2024-06-01' } });
    expect(submitted[1]).toEqual({ jobName: 'transform', jobQueue: 'unit-main', jobDefinition: 'unit-hello', arrayProperties: { size: 3 }, dependsOn: [{ jobId: idOf.extract }] });
    expect(submitted[2]).toEqual({
      jobName: 'load',
      jobQueue: 'unit-main',
      jobDefinition: 'unit-hello',
      containerOverrides: { environment: [{ name: 'MODE', value: 'full' }] },
      dependsOn: [{ jobId: idOf.transform }, { jobId: idOf.extract }],
    });
    expect(result.stdout).toContain(`follow them: npm run job -- watch ${idOf.extract} ${idOf.transform} ${idOf.load}`);
  });

  it.each([
    [{ environment: 'unit', steps: { a: { jobDefinition: 'hello', dependsOn: ['b'] }, b: { jobDefinition: 'hello', dependsOn: ['a'] } } }, 'error: the steps depend on each other in a cycle: a -> b -> a'],
    [{ environment: 'unit', steps: { a: { jobDefinition: 'hello', dependsOn: ['missing'] } } }, 'error: steps.a.dependsOn[0]: unknown step "missing"; steps are: a'],
    [{ environment: 'unit', steps: { a: { jobDefinition: 'hello' }, b: { jobDefinition: 'goodbye', dependsOn: ['a'] } } }, 'error: steps.b.jobDefinition: unknown job definition "goodbye" in environment unit; job definitions: hello'],
    [{ environment: 'staging', steps: { a: { jobDefinition: 'hello' } } }, 'error: unknown environment "staging": no environments/staging.json; known environments: unit'],
    [{ environment: 'unit', steps: { a: { jobDefinition: 'hello', arraySize: 20_000 } } }, 'error: --array-size 20000: an array job has 2 to 10000 children'],
  ])('checks everything before submitting anything: %j', async (content, message) => {
    const result = await runCli(['pipeline', pipelineFile(content), '--endpoint-url', fake.aws.url], fake.root);
    expect(result).toEqual({ code: 2, stdout: '', stderr: message });
    expect(fake.aws.requests).toEqual([]);
  });

  it('reports a malformed file with the path of each problem', async () => {
    const result = await runCli(['pipeline', pipelineFile({ environment: 'unit', steps: { a: { jobDefinition: 'hello', dependson: [] } } })], fake.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: pipeline file .+ is not valid:\n {2}steps\.a: Unrecognized key: "dependson"$/);
  });

  it('says which steps were already submitted when a later one is refused', async () => {
    fake.aws.state.submitErrors.second = { status: 400, type: 'ClientException', message: 'Job Queue unit-main is DISABLED.' };
    const file = pipelineFile({ environment: 'unit', steps: { first: { jobDefinition: 'hello' }, second: { jobDefinition: 'hello', dependsOn: ['first'] } } });
    const result = await runCli(['pipeline', file, '--endpoint-url', fake.aws.url], fake.root);
    delete fake.aws.state.submitErrors.second;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^second: not submitted\. Already submitted \(they will run\): first \S+\nerror: ClientException: Job Queue unit-main is DISABLED\.$/);
  });
});

describe('pipeline steps on a fair-share queue', () => {
  const fairConfig = () => {
    const config = baseConfig({ jobQueues: { main: { computeEnvironments: ['ondemand'], fairShare: { shares: { teamA: 1, 'batch*': 2 } } } } });
    config.jobDefinitions!.hello!.shareIdentifier = 'teamA';
    return config;
  };

  it("run under the step's share (default: the job definition's), with the step's scheduling priority", async () => {
    const pipeline = pipelineFile({ environment: 'unit', steps: { a: { jobDefinition: 'hello' }, b: { jobDefinition: 'hello', dependsOn: ['a'], shareIdentifier: 'batchLate', schedulingPriority: 3 } } });
    const result = await runCli(['pipeline', pipeline, '--endpoint-url', fake.aws.url], projectRoot({ unit: fairConfig() }));
    expect(result.code).toBe(0);
    expect(fake.aws.bodies('batch:SubmitJob').map(({ jobName, shareIdentifier, schedulingPriorityOverride }) => ({ jobName, shareIdentifier, schedulingPriorityOverride }))).toEqual([
      { jobName: 'a', shareIdentifier: 'teamA', schedulingPriorityOverride: undefined },
      { jobName: 'b', shareIdentifier: 'batchLate', schedulingPriorityOverride: 3 },
    ]);
  });

  it('are refused before anything is submitted when one has no share and the stack shows a fair-share queue', async () => {
    const stack = JSON.parse(synth(fairConfig(), 'unit').json);
    const pipeline = pipelineFile({ environment: 'unit', steps: { a: { jobDefinition: 'hello' } } });
    const result = await runCli(['pipeline', pipeline, '--endpoint-url', fake.aws.url], projectRoot({ unit: baseConfig() }, { unit: stack }));
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: job queue unit-main has a fair-share scheduling policy, so Batch needs a share identifier: give one with steps.a.shareIdentifier (the policy's shares: batch*, teamA), or set jobDefinitions.hello.shareIdentifier in environments/unit.json",
    });
    expect(fake.aws.requests).toEqual([]);
  });
});
