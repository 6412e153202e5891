import { describe, expect, it } from 'vitest';
import { baseConfig, synth } from '../support/synth';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:1';

describe('EC2 job definition', () => {
  const s = synth(
    baseConfig({
      jobDefinitions: {
        hello: { queue: 'main', image: IMAGE, command: ['run'], vcpus: 2, memoryMiB: 4096, environment: { ZETA: 'z', ALPHA: 'a' }, timeoutSeconds: 600 },
      },
    }),
  );
  const job = s.resource.aws_batch_job_definition!.hello!;
  const props = JSON.parse(job.container_properties);

  it('is a container job for EC2, with tags propagated', () => {
    expect(job).toMatchObject({ name: 'unit-hello', type: 'container', platform_capabilities: ['EC2'], propagate_tags: true });
  });

  it('states vCPU and memory as resourceRequirements strings in a fixed order, never vcpus/memory', () => {
    expect(props.resourceRequirements).toEqual([
      { type: 'VCPU', value: '2' },
      { type: 'MEMORY', value: '4096' },
    ]);
    expect(props.vcpus).toBeUndefined();
    expect(props.memory).toBeUndefined();
  });

  it('sorts the environment by name', () => {
    expect(props.environment).toEqual([
      { name: 'ALPHA', value: 'a' },
      { name: 'ZETA', value: 'z' },
    ]);
  });

  it('logs to the stack log group with awslogs', () => {
    expect(props.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: { 'awslogs-group': '${aws_cloudwatch_log_group.jobs.name}', 'awslogs-region': 'ap-northeast-1', 'awslogs-stream-prefix': 'hello' },
    });
    expect(s.resource.aws_cloudwatch_log_group!.jobs).toMatchObject({ name: '/aws/batch/unit', retention_in_days: 30 });
  });

  it('runs with its own job role and the execution role', () => {
    expect(props.jobRoleArn).toBe('${aws_iam_role.job_hello.arn}');
    expect(props.executionRoleArn).toBe('${aws_iam_role.execution.arn}');
  });

  it('retries only Spot reclaims, and times out', () => {
    expect(job.retry_strategy).toEqual({
      attempts: 3,
      evaluate_on_exit: [
        { action: 'retry', on_status_reason: 'Host EC2*' },
        { action: 'exit', on_reason: '*' },
      ],
    });
    expect(job.timeout).toEqual({ attempt_duration_seconds: 600 });
  });

  it('leaves out empty lists and Fargate-only settings; keys in canonical (sorted) order', () => {
    expect(Object.keys(props)).toEqual(['command', 'environment', 'executionRoleArn', 'image', 'jobRoleArn', 'logConfiguration', 'resourceRequirements']);
  });
});

describe('GPU job definition', () => {
  it('asks for GPUs after vCPU and memory', () => {
    const s = synth(
      baseConfig({
        computeEnvironments: { gpu: { type: 'EC2', instanceTypes: ['g5.2xlarge'] } },
        jobQueues: { main: { computeEnvironments: ['gpu'] } },
        jobDefinitions: { train: { queue: 'main', image: IMAGE, vcpus: 4, memoryMiB: 16384, gpus: 1 } },
      }),
    );
    expect(JSON.parse(s.resource.aws_batch_job_definition!.train!.container_properties).resourceRequirements).toEqual([
      { type: 'VCPU', value: '4' },
      { type: 'MEMORY', value: '16384' },
      { type: 'GPU', value: '1' },
    ]);
  });
});

describe('Fargate job definition', () => {
  const s = synth(
    baseConfig({
      computeEnvironments: { fargate: { type: 'FARGATE' } },
      jobQueues: { main: { computeEnvironments: ['fargate'] } },
      jobDefinitions: { etl: { queue: 'main', image: IMAGE, vcpus: 0.5, memoryMiB: 1024 } },
    }),
  );
  const job = s.resource.aws_batch_job_definition!.etl!;
  const props = JSON.parse(job.container_properties);

  it('takes platform capabilities from its queue, no public IP in endpoints mode', () => {
    expect(job.platform_capabilities).toEqual(['FARGATE']);
    expect(props.networkConfiguration).toEqual({ assignPublicIp: 'DISABLED' });
    expect(props.fargatePlatformConfiguration).toBeUndefined();
    expect(props.resourceRequirements).toEqual([
      { type: 'VCPU', value: '0.5' },
      { type: 'MEMORY', value: '1024' },
    ]);
  });

  it('retries Fargate Spot interruptions', () => {
    expect(job.retry_strategy.evaluate_on_exit[0]).toEqual({ action: 'retry', on_status_reason: 'Your Spot Task was interrupted*' });
  });
});

describe('job definition: retry rules, default parameters, kept revisions', () => {
  const withJob = (job: Record<string, unknown>) => synth(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: IMAGE, command: ['run', 'Ref::day'], ...job } } })).resource.aws_batch_job_definition!.hello!;

  it("puts the user's rules, in order, between the Spot-reclaim retry and the final exit, actions in the provider's lower case", () => {
    const job = withJob({ retryRules: [{ action: 'RETRY', onExitCode: '137' }, { action: 'EXIT', onReason: 'CannotPullContainerError:*', onStatusReason: 'Task*' }] });
    expect(job.retry_strategy.evaluate_on_exit).toEqual([
      { action: 'retry', on_status_reason: 'Host EC2*' },
      { action: 'retry', on_exit_code: '137' },
      { action: 'exit', on_reason: 'CannotPullContainerError:*', on_status_reason: 'Task*' },
      { action: 'exit', on_reason: '*' },
    ]);
  });

  it("leaves its own final exit out after a catch-all of the user's", () => {
    const job = withJob({ retryRules: [{ action: 'EXIT', onExitCode: '1' }, { action: 'RETRY', onReason: '*' }] });
    expect(job.retry_strategy.evaluate_on_exit).toEqual([
      { action: 'retry', on_status_reason: 'Host EC2*' },
      { action: 'exit', on_exit_code: '1' },
      { action: 'retry', on_reason: '*' },
    ]);
  });

  it('writes default parameters, and deregister_on_new_revision only when false', () => {
    expect(withJob({ parameters: { day: 'today' } })).toMatchObject({ parameters: { day: 'today' } });
    expect(withJob({}).parameters).toBeUndefined();
    expect(withJob({}).deregister_on_new_revision).toBeUndefined();
    expect(withJob({ deregisterOnNewRevision: false }).deregister_on_new_revision).toBe(false);
  });
});

describe('multi-node parallel job definition', () => {
  const s = synth(
    baseConfig({
      jobDefinitions: {
        mpi: {
          queue: 'main',
          image: IMAGE,
          command: ['worker'],
          environment: { SHARED: '1', ROLE: 'any' },
          vcpus: 4,
          memoryMiB: 8192,
          multiNode: { numNodes: 3, mainNode: 0, instanceType: 'm6i.xlarge', nodeRanges: { '1:': { environment: { ROLE: 'worker' } }, '0:0': { command: ['main'], memoryMiB: 4096 } } },
        },
      },
    }),
  );
  const job = s.resource.aws_batch_job_definition!.mpi!;
  const nodes = JSON.parse(job.node_properties);

  it('is a multinode job for EC2, with node_properties and no container_properties', () => {
    expect(job).toMatchObject({ type: 'multinode', platform_capabilities: ['EC2'] });
    expect(job.container_properties).toBeUndefined();
    expect(nodes).toMatchObject({ numNodes: 3, mainNode: 0 });
  });

  it('gives every node range a whole container, ranges in node order, the instance type in container.instanceType', () => {
    expect(nodes.nodeRangeProperties.map((r: { targetNodes: string }) => r.targetNodes)).toEqual(['0:0', '1:']);
    const [main, workers] = nodes.nodeRangeProperties;
    expect(main.container).toMatchObject({ image: IMAGE, command: ['main'], instanceType: 'm6i.xlarge', jobRoleArn: '${aws_iam_role.job_mpi.arn}', resourceRequirements: [{ type: 'VCPU', value: '4' }, { type: 'MEMORY', value: '4096' }] });
    expect(workers.container).toMatchObject({ command: ['worker'], environment: [{ name: 'ROLE', value: 'worker' }, { name: 'SHARED', value: '1' }], resourceRequirements: [{ type: 'VCPU', value: '4' }, { type: 'MEMORY', value: '8192' }] });
    expect(main.instanceTypes).toBeUndefined();
  });
});
