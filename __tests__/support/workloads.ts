/**
 * A config that uses every job-definition setting of Step 11 at once (EFS
 * created with an access point and IAM authorization, host and read-only
 * volumes, Linux parameters, ulimits, user, read-only root, retry rules,
 * default parameters, kept revisions, a multi-node parallel job, ARM64
 * Fargate with ephemeral storage and a pinned platform version), for the
 * stack tests and the real-provider plan.
 */
import type { BatchConfig } from '../../src/index';

export const ECR = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com';

export function workloadsConfig(): BatchConfig {
  return {
    name: 'work',
    accountId: '123456789012',
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    network: { mode: 'endpoints' },
    computeEnvironments: {
      ondemand: { type: 'EC2', maxVcpus: 64, instanceTypes: ['m6i'] },
      spot: { type: 'SPOT', maxVcpus: 64, instanceTypes: ['m6i'] },
      fargate: { type: 'FARGATE', maxVcpus: 16 },
      fargateSpot: { type: 'FARGATE_SPOT', maxVcpus: 16 },
    },
    jobQueues: {
      main: { computeEnvironments: ['spot', 'ondemand'] },
      nodes: { computeEnvironments: ['ondemand'] },
      light: { computeEnvironments: ['fargateSpot', 'fargate'] },
    },
    fileSystems: {
      shared: {
        iamAuthorization: true,
        accessPoints: { data: { path: '/data', uid: 1000, gid: 1000 } },
      },
    },
    jobDefinitions: {
      train: {
        queue: 'main',
        image: `${ECR}/train:1`,
        command: ['python', 'train.py', '--epochs', 'Ref::epochs'],
        vcpus: 4,
        memoryMiB: 16384,
        parameters: { epochs: '10' },
        deregisterOnNewRevision: false,
        retryAttempts: 3,
        retryRules: [
          { action: 'RETRY', onExitCode: '137' },
          { action: 'EXIT', onReason: 'CannotPullContainerError:*' },
          { action: 'RETRY', onStatusReason: 'Task failed to start*' },
        ],
        sharedMemoryMiB: 4096,
        tmpfs: { '/tmp/fast': { sizeMiB: 1024, mountOptions: ['noexec', 'nosuid'] } },
        initProcess: true,
        swap: { maxSwapMiB: 2048, swappiness: 10 },
        ulimits: { nproc: { soft: 4096, hard: 8192 }, nofile: { soft: 65536, hard: 1048576 } },
        user: '1000:1000',
        readonlyRootFilesystem: true,
        volumes: {
          data: { efs: 'shared', accessPoint: 'data', containerPath: '/data', readOnly: true },
          checkpoints: { efs: 'shared', rootDirectory: '/checkpoints', containerPath: '/checkpoints' },
          scratch: { host: '/scratch', containerPath: '/scratch' },
        },
      },
      distributed: {
        queue: 'nodes',
        image: `${ECR}/train:1`,
        command: ['python', 'worker.py'],
        vcpus: 4,
        memoryMiB: 8192,
        sharedMemoryMiB: 2048,
        multiNode: {
          numNodes: 4,
          instanceType: 'm6i.2xlarge',
          nodeRanges: { '0:0': { command: ['python', 'main.py', '--nodes', '4'] }, '1:': { environment: { ROLE: 'worker' } } },
        },
        volumes: { data: { efs: 'shared', accessPoint: 'data', containerPath: '/data', readOnly: true } },
      },
      light: {
        queue: 'light',
        image: `${ECR}/light:1`,
        command: ['summarize'],
        vcpus: 1,
        memoryMiB: 2048,
        ephemeralStorageGiB: 100,
        cpuArchitecture: 'ARM64',
        platformVersion: '1.4.0',
        volumes: { data: { efs: 'shared', accessPoint: 'data', containerPath: '/data', readOnly: true } },
      },
    },
  };
}
