import { describe, expect, it } from 'vitest';
import { baseConfig, loadExample, synth } from '../support/synth';

const trust = (role: Record<string, any>) => JSON.parse(role.assume_role_policy);

describe('default IAM (service-linked role)', () => {
  const s = synth(baseConfig());
  const roles = s.resource.aws_iam_role!;

  it('creates no custom service role and leaves service_role unset', () => {
    expect(roles.batch_service).toBeUndefined();
    expect(s.resource.aws_batch_compute_environment!.ondemand!.service_role).toBeUndefined();
  });

  it('gives EC2 compute environments an instance profile with AmazonEC2ContainerServiceforEC2Role', () => {
    expect(trust(roles.instance!).Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    expect(s.resource.aws_iam_role_policy_attachment!.instance_ecs).toMatchObject({
      role: '${aws_iam_role.instance.name}',
      policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role',
    });
    expect(s.resource.aws_iam_instance_profile!.instance).toMatchObject({ role: '${aws_iam_role.instance.name}' });
    expect(s.resource.aws_batch_compute_environment!.ondemand!.compute_resources.instance_role).toBe('${aws_iam_instance_profile.instance.arn}');
  });

  it('creates an execution role trusted by ECS tasks of this account only', () => {
    expect(trust(roles.execution!).Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    });
    expect(s.resource.aws_iam_role_policy_attachment!.execution_ecs!.policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
  });

  it('creates a job role per job definition with no permissions by default', () => {
    expect(roles.job_hello).toMatchObject({ name: 'unit-job-hello' });
    expect(s.resource.aws_iam_role_policy).toBeUndefined();
  });
});

describe('job role statements', () => {
  it('become the job role policy, exactly as given', () => {
    const s = synth(
      baseConfig({
        jobDefinitions: {
          hello: {
            queue: 'main',
            image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1',
            jobRoleStatements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }],
          },
        },
      }),
    );
    expect(JSON.parse(s.resource.aws_iam_role_policy!.job_hello!.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::bucket/*'] }],
    });
  });
});

describe('secrets', () => {
  it('let the execution role read exactly the named secrets and parameters', () => {
    const sm = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf';
    const ssm = 'arn:aws:ssm:ap-northeast-1:123456789012:parameter/token';
    const s = synth(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', secrets: { DB: sm, TOKEN: ssm } } } }));
    expect(JSON.parse(s.resource.aws_iam_role_policy!.execution_secrets!.policy).Statement).toEqual([
      { Sid: 'ReadJobSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [sm] },
      { Sid: 'ReadJobParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [ssm] },
    ]);
  });
});

describe('custom service role', () => {
  const s = synth(baseConfig({ serviceRole: 'custom' }));

  it('is trusted by Batch of this account, with AWSBatchServiceRole attached', () => {
    expect(trust(s.resource.aws_iam_role!.batch_service!).Statement[0]).toMatchObject({
      Principal: { Service: 'batch.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    });
    expect(s.resource.aws_iam_role_policy_attachment!.service_batch!.policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole');
  });

  it('makes each compute environment depend on the policy attachment, so destroy cannot hang', () => {
    const ce = s.resource.aws_batch_compute_environment!.ondemand!;
    expect(ce.service_role).toBe('${aws_iam_role.batch_service.arn}');
    expect(ce.depends_on).toEqual(['aws_iam_role_policy_attachment.service_batch']);
  });
});

describe('Fargate only', () => {
  it('creates no instance role or profile', () => {
    const s = synth(
      baseConfig({
        computeEnvironments: { fargate: { type: 'FARGATE' } },
        jobQueues: { main: { computeEnvironments: ['fargate'] } },
        jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', vcpus: 1, memoryMiB: 2048 } },
      }),
    );
    expect(s.resource.aws_iam_role!.instance).toBeUndefined();
    expect(s.resource.aws_iam_instance_profile).toBeUndefined();
  });
});

describe('permissionsBoundary', () => {
  const BOUNDARY = 'arn:aws:iam::123456789012:policy/github-batch-cdktf-apply-boundary';

  it('is the permissions boundary of every role the stack creates (instance, execution, job, service, schedule)', () => {
    const config = { ...loadExample('scheduled'), serviceRole: 'custom' as const, permissionsBoundary: BOUNDARY };
    const roles = synth(config).resource.aws_iam_role!;
    expect(Object.keys(roles).length).toBeGreaterThanOrEqual(5);
    for (const [name, role] of Object.entries(roles)) expect([name, role.permissions_boundary]).toEqual([name, BOUNDARY]);
  });

  it('is not set unless configured', () => {
    for (const role of Object.values(synth(baseConfig()).resource.aws_iam_role!)) expect(role.permissions_boundary).toBeUndefined();
  });

  it('must be a managed policy ARN', () => {
    expect(() => synth(baseConfig({ permissionsBoundary: 'github-batch-cdktf-apply-boundary' }))).toThrow(
      /permissionsBoundary: got "github-batch-cdktf-apply-boundary"; must be the ARN of a managed policy/,
    );
  });
});
