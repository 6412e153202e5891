import type { BatchConfig } from '../../src/index';

/**
 * A config with `jobs` job definitions, growing the rest alongside as a real
 * team's would: one queue per 10 job definitions, each queue with its own
 * Spot compute environment falling back to a shared on-demand one.
 */
export function scaledConfig(jobs: number): BatchConfig {
  const queues = Math.max(1, Math.ceil(jobs / 10));
  const computeEnvironments: BatchConfig['computeEnvironments'] = { ondemand: { type: 'EC2', maxVcpus: 256 } };
  const jobQueues: BatchConfig['jobQueues'] = {};
  for (let q = 0; q < queues; q++) {
    computeEnvironments[`spot${q}`] = { type: 'SPOT', maxVcpus: 256, instanceTypes: ['c6i', 'm6i', 'r6i'] };
    jobQueues[`queue${q}`] = { computeEnvironments: [`spot${q}`, 'ondemand'] };
  }
  const jobDefinitions: NonNullable<BatchConfig['jobDefinitions']> = {};
  for (let j = 0; j < jobs; j++) {
    jobDefinitions[`job${j}`] = {
      queue: `queue${Math.floor(j / 10)}`,
      image: `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/job${j}:1`,
      command: ['run', `--task=${j}`],
      environment: { STAGE: 'bench', TASK: String(j) },
      vcpus: 1 + (j % 4),
      memoryMiB: 2048 * (1 + (j % 4)),
    };
  }
  return { name: 'bench', accountId: '123456789012', computeEnvironments, jobQueues, jobDefinitions };
}

/**
 * scaledConfig(jobs) with the Step 11 job settings on every job definition,
 * as an ML or genomics team sets them: an EFS volume through an access point
 * of a file system the stack creates (IAM authorization) and a host scratch
 * folder, shared memory, a tmpfs, an init process, a user, ulimits, retry
 * rules and a default parameter; every tenth job definition is a multi-node
 * parallel job (its queue falls back to the on-demand environment).
 */
export function scaledWorkloadConfig(jobs: number): BatchConfig {
  const config = scaledConfig(jobs);
  config.fileSystems = {
    shared: {
      iamAuthorization: true,
      accessPoints: { data: { path: '/data', uid: 1000, gid: 1000 }, checkpoints: { path: '/checkpoints', uid: 1000, gid: 1000 } },
    },
  };
  for (const [key, job] of Object.entries(config.jobDefinitions ?? {})) {
    const j = Number(key.slice('job'.length));
    Object.assign(job, {
      command: ['run', `--task=${j}`, '--date', 'Ref::date'],
      parameters: { date: 'today' },
      user: '1000:1000',
      initProcess: true,
      sharedMemoryMiB: 512,
      tmpfs: { '/tmp/work': { sizeMiB: 256, mountOptions: ['noexec'] } },
      ulimits: { nofile: { soft: 65536, hard: 65536 }, nproc: { soft: 4096, hard: 8192 } },
      retryRules: [
        { action: 'RETRY', onReason: 'CannotPullContainerError:*' },
        { action: 'EXIT', onExitCode: '2' },
      ],
      volumes: {
        data: { efs: 'shared', accessPoint: 'data', containerPath: '/data', readOnly: true },
        checkpoints: { efs: 'shared', accessPoint: 'checkpoints', containerPath: '/checkpoints' },
        scratch: { host: '/scratch', containerPath: '/scratch' },
      },
      ...(j % 10 === 0 ? { multiNode: { numNodes: 2, nodeRanges: { '0:0': { environment: { NODE_ROLE: 'main' } }, '1:': { environment: { NODE_ROLE: 'worker' } } } } } : {}),
    });
  }
  return config;
}
