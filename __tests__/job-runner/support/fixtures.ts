/**
 * Batch API objects shaped like real DescribeJobs / DescribeJobQueues /
 * DescribeComputeEnvironments responses (field names and nesting as the API
 * reference documents them; timestamps in epoch milliseconds).
 */
const ACCOUNT = '123456789012';
const REGION = 'ap-northeast-1';
export const arn = (kind: string, name: string) => `arn:aws:batch:${REGION}:${ACCOUNT}:${kind}/${name}`;
export const LOG_GROUP = '/aws/batch/unit';

export function job(id: string, status: string, overrides: Record<string, unknown> = {}, container: Record<string, unknown> = {}) {
  const created = Date.now() - 12 * 60_000;
  return {
    jobArn: arn('job', id),
    jobName: 'hello',
    jobId: id,
    jobQueue: arn('job-queue', 'unit-main'),
    status,
    attempts: [],
    createdAt: created,
    dependsOn: [],
    jobDefinition: arn('job-definition', 'unit-hello:3'),
    parameters: {},
    container: {
      image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/hello:1`,
      command: ['echo', 'hello'],
      jobRoleArn: `arn:aws:iam::${ACCOUNT}:role/unit-job-hello`,
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/unit-execution`,
      volumes: [],
      environment: [],
      mountPoints: [],
      ulimits: [],
      resourceRequirements: [
        { value: '1', type: 'VCPU' },
        { value: '2048', type: 'MEMORY' },
      ],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': LOG_GROUP, 'awslogs-region': REGION, 'awslogs-stream-prefix': 'hello' }, secretOptions: [] },
      secrets: [],
      networkInterfaces: [],
      ...container,
    },
    tags: {},
    propagateTags: true,
    platformCapabilities: ['EC2'],
    eksAttempts: [],
    ...overrides,
  };
}

export function jobQueue(name: string, ces: string[], overrides: Record<string, unknown> = {}) {
  return {
    jobQueueName: name,
    jobQueueArn: arn('job-queue', name),
    state: 'ENABLED',
    status: 'VALID',
    statusReason: 'JobQueue Healthy',
    priority: 1,
    computeEnvironmentOrder: ces.map((ce, i) => ({ order: i + 1, computeEnvironment: arn('compute-environment', ce) })),
    tags: {},
    jobStateTimeLimitActions: [],
    ...overrides,
  };
}

export function computeEnvironment(name: string, resources: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
  return {
    computeEnvironmentName: name,
    computeEnvironmentArn: arn('compute-environment', name),
    ecsClusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/AWSBatch-${name}-0a1b2c3d`,
    tags: {},
    type: 'MANAGED',
    state: 'ENABLED',
    status: 'VALID',
    statusReason: 'ComputeEnvironment Healthy',
    computeResources: {
      type: 'EC2',
      allocationStrategy: 'BEST_FIT_PROGRESSIVE',
      minvCpus: 0,
      maxvCpus: 16,
      desiredvCpus: 0,
      instanceTypes: ['m6i'],
      subnets: ['subnet-0a1b2c3d'],
      securityGroupIds: ['sg-0a1b2c3d'],
      instanceRole: `arn:aws:iam::${ACCOUNT}:instance-profile/unit-instance`,
      tags: {},
      ec2Configuration: [{ imageType: 'ECS_AL2023' }],
      ...resources,
    },
    serviceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch`,
    updatePolicy: { terminateJobsOnUpdate: false, jobExecutionTimeoutMinutes: 30 },
    containerOrchestrationType: 'ECS',
    uuid: '0a1b2c3d-0000-4000-8000-000000000000',
    ...overrides,
  };
}
