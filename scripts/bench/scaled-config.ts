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
