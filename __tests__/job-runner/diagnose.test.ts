import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/job-runner/diagnose';
import { arn, computeEnvironment, job, jobQueue } from './support/fixtures';
import { runCli } from './support/cli';
import { fakeAwsPerFile } from './support/suite';

const fake = fakeAwsPerFile();

const needs = (vcpus: number, memoryMiB: number, gpus = 0) => ({
  resourceRequirements: [
    { value: String(vcpus), type: 'VCPU' },
    { value: String(memoryMiB), type: 'MEMORY' },
    ...(gpus ? [{ value: String(gpus), type: 'GPU' }] : []),
  ],
});

describe('diagnose <jobId> against the Batch API', () => {
  it('reads job, queue and compute environments, and quotes the statusReason of an INVALID compute environment', async () => {
    fake.aws.state.jobs['stuck-invalid'] = [job('stuck-invalid', 'RUNNABLE', { jobQueue: arn('job-queue', 'unit-broken') })];
    fake.aws.state.jobQueues.push(jobQueue('unit-broken', ['unit-spot-20240601']));
    fake.aws.state.computeEnvironments.push(
      computeEnvironment('unit-spot-20240601', { type: 'SPOT' }, { status: 'INVALID', statusReason: 'CLIENT_ERROR - Access denied assuming role arn:aws:iam::123456789012:role/unit-batch-service' }),
    );
    const result = await runCli(['diagnose', 'stuck-invalid', '--endpoint-url', fake.aws.url], fake.root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fake.aws.bodies('batch:DescribeJobs')).toEqual([{ jobs: ['stuck-invalid'] }]);
    expect(fake.aws.bodies('batch:DescribeJobQueues')).toEqual([{ jobQueues: [arn('job-queue', 'unit-broken')] }]);
    expect(fake.aws.bodies('batch:DescribeComputeEnvironments')).toEqual([{ computeEnvironments: [arn('compute-environment', 'unit-spot-20240601')] }]);
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(/^job hello \(stuck-invalid\): RUNNABLE, submitted 12m0\ds ago$/),
      'needs: 1 vCPU, 2048 MiB memory',
      'job queue unit-broken: ENABLED, VALID ("JobQueue Healthy")',
      '  1. compute environment unit-spot-20240601: ENABLED, INVALID ("CLIENT_ERROR - Access denied assuming role arn:aws:iam::123456789012:role/unit-batch-service"); SPOT, maxvCpus 16, desiredvCpus 0, instance types m6i',
      '',
      'Most likely cause (CE_INVALID): no compute environment of the queue can run jobs: every one is INVALID (unit-spot-20240601: "CLIENT_ERROR - Access denied assuming role arn:aws:iam::123456789012:role/unit-batch-service")',
      expect.stringMatching(/^Fix: fix what the reason names .*does not recover by itself$/),
    ]);
  });

  it("finds a job asking for more vCPUs than every compute environment's maxvCpus", async () => {
    fake.aws.state.jobs['stuck-big'] = [job('stuck-big', 'RUNNABLE', { jobQueue: arn('job-queue', 'unit-small') }, needs(32, 65536))];
    fake.aws.state.jobQueues.push(jobQueue('unit-small', ['unit-spot-small', 'unit-ondemand-small']));
    fake.aws.state.computeEnvironments.push(
      computeEnvironment('unit-spot-small', { type: 'SPOT', maxvCpus: 8 }),
      computeEnvironment('unit-ondemand-small', { maxvCpus: 16 }),
    );
    const result = await runCli(['diagnose', 'stuck-big', '--endpoint-url', fake.aws.url], fake.root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('needs: 32 vCPU, 65536 MiB memory');
    expect(result.stdout).toContain('Most likely cause (MAX_VCPUS): the job needs 32 vCPUs, but the largest maxvCpus of the queue\'s usable compute environments is 16');
    expect(result.stdout).toContain('Fix: raise maxVcpus of a compute environment in the queue to at least 32');
  });

  it('retries a throttled Describe call, then diagnoses', async () => {
    fake.aws.state.jobs['stuck-throttled'] = [job('stuck-throttled', 'RUNNABLE', { jobQueue: arn('job-queue', 'unit-broken') })];
    fake.aws.state.throttleOnce.add('batch:DescribeJobQueues');
    const result = await runCli(['diagnose', 'stuck-throttled', '--endpoint-url', fake.aws.url], fake.root);
    expect(result.code).toBe(0);
    expect(fake.aws.requests.map((r) => r.operation)).toEqual(['batch:DescribeJobs', 'batch:DescribeJobQueues', 'batch:DescribeJobQueues', 'batch:DescribeComputeEnvironments']);
    expect(result.stdout).toContain('(CE_INVALID)');
  });

  it('names a job that does not exist', async () => {
    const result = await runCli(['diagnose', 'nope', '--endpoint-url', fake.aws.url], fake.root);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'error: no job nope in this region (check --region)' });
  });
});

describe('diagnosis, cause by cause', () => {
  const NOW = Date.now();
  const runnable = (container: Record<string, unknown> = {}) => job('j', 'RUNNABLE', {}, container) as any;
  const cause = (j: any, queue: any, ces: any[]) => diagnose(j, queue, ces, NOW);

  it('DISABLED queue comes first', () => {
    const d = cause(runnable(), jobQueue('unit-main', ['ce']), [computeEnvironment('ce')]);
    expect(d.cause).toBe('CAPACITY');
    expect(cause(runnable(), jobQueue('unit-main', ['ce'], { state: 'DISABLED' }), [computeEnvironment('ce')])).toMatchObject({
      cause: 'QUEUE_DISABLED',
      message: 'job queue unit-main is DISABLED: it schedules none of its jobs',
    });
  });

  it('every compute environment DISABLED', () => {
    expect(cause(runnable(), jobQueue('q', ['a', 'b']), [computeEnvironment('a', {}, { state: 'DISABLED' }), computeEnvironment('b', {}, { state: 'DISABLED' })]).cause).toBe('CE_DISABLED');
  });

  it('an INVALID compute environment does not matter while another one can run the job', () => {
    expect(cause(runnable(), jobQueue('q', ['a', 'b']), [computeEnvironment('a', {}, { status: 'INVALID', statusReason: 'x' }), computeEnvironment('b')]).cause).toBe('CAPACITY');
  });

  it('memory beyond what the largest allowed instance type can register (ECS keeps some)', () => {
    // m6i.large has 8192 MiB; ECS registers less, so a job asking for all of it never fits.
    const d = cause(runnable(needs(2, 8192)), jobQueue('q', ['a']), [computeEnvironment('a', { instanceTypes: ['m6i.large'] })]);
    expect(d.cause).toBe('JOB_RESOURCE_REQUIREMENT');
    expect(d.message).toContain('a (m6i.large) cannot give 8192 MiB (largest: m6i.large, about 7955 MiB usable)');
  });

  it('GPUs on instance types without GPUs', () => {
    const d = cause(runnable(needs(4, 8192, 1)), jobQueue('q', ['a']), [computeEnvironment('a', { instanceTypes: ['c6i', 'm6i'] })]);
    expect(d).toMatchObject({ cause: 'JOB_RESOURCE_REQUIREMENT', message: expect.stringContaining('cannot give 1 GPUs (most: 0)') });
  });

  it('does not judge instance types it does not know', () => {
    expect(cause(runnable(needs(2, 8192)), jobQueue('q', ['a']), [computeEnvironment('a', { instanceTypes: ['x9z.huge'] })]).cause).toBe('CAPACITY');
  });

  it('instances requested but the job not placed points at the network and the instance role', () => {
    const d = cause(runnable(), jobQueue('q', ['a']), [computeEnvironment('a', { desiredvCpus: 4 })]);
    expect(d).toMatchObject({ cause: 'INSTANCES_NOT_JOINING', fix: expect.stringContaining('VPC endpoints ecs, ecs-agent, ecs-telemetry') });
  });

  it('Fargate: capacity and network hints', () => {
    expect(cause(runnable(), jobQueue('q', ['f']), [computeEnvironment('f', { type: 'FARGATE', instanceTypes: undefined })]).cause).toBe('FARGATE_CAPACITY_OR_NETWORK');
  });

  it('a job that is not RUNNABLE is described, not diagnosed', () => {
    const pending = job('j', 'PENDING', { dependsOn: [{ jobId: 'before-1' }] }) as any;
    expect(cause(pending, undefined, [])).toMatchObject({ cause: 'WAITING', message: 'the job is PENDING: it waits for before-1 to succeed', fix: 'watch them: npm run job -- watch before-1' });
  });
});
