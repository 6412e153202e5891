/** Security rules on what jobs see and leave behind: privileged containers, secrets, logs, encryption at rest. */
import { describe, expect, it } from 'vitest';
import { secEnvSecret } from '../../../../src/doctor/rules/security/env-secret';
import { secJobLogGroup } from '../../../../src/doctor/rules/security/job-log-group';
import { secLogRetention } from '../../../../src/doctor/rules/security/log-retention';
import { secPrivileged } from '../../../../src/doctor/rules/security/privileged';
import { secS3Public } from '../../../../src/doctor/rules/security/s3-public';
import { secS3TlsOnly } from '../../../../src/doctor/rules/security/s3-tls-only';
import { secSnsUnencrypted } from '../../../../src/doctor/rules/security/sns-unencrypted';
import { check, ec2Stack, editContainer, ref, type Body, type Resources } from '../../helpers';

const env = (pairs: Record<string, string>): Body[] => Object.entries(pairs).map(([name, value]) => ({ name, value }));

describe('BATCH_SEC_PRIVILEGED', () => {
  it('reports privileged: true', () => {
    const r = ec2Stack();
    editContainer(r, (c) => (c.privileged = true));
    expect(check(secPrivileged, r)).toEqual([
      expect.objectContaining({ severity: 'warning', address: 'aws_batch_job_definition.job', message: 'container_properties sets privileged: true' }),
    ]);
  });

  it('passes privileged false or absent', () => {
    expect(check(secPrivileged, ec2Stack())).toEqual([]);
    const r = ec2Stack();
    editContainer(r, (c) => (c.privileged = false));
    expect(check(secPrivileged, r)).toEqual([]);
  });
});

describe('BATCH_SEC_ENV_SECRET', () => {
  it('reports secret-looking names with literal values', () => {
    const r = ec2Stack();
    editContainer(r, (c) => (c.environment = env({ DB_PASSWORD: 'hunter2', API_KEY: 'abc', STAGE: 'prod' })));
    const [f, ...rest] = check(secEnvSecret, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', address: 'aws_batch_job_definition.job', message: 'environment DB_PASSWORD, API_KEY hold a literal value that looks like a secret' });
  });

  it('reports a secret inside an HCL jsonencode container_properties', () => {
    const r = ec2Stack();
    r.aws_batch_job_definition!.job!.container_properties = '${jsonencode({\n  image = "busybox"\n  environment = [{ name = "GITHUB_TOKEN", value = "ghp_x" }]\n})}';
    expect(check(secEnvSecret, r)[0]!.message).toBe('environment GITHUB_TOKEN holds a literal value that looks like a secret');
  });

  it('passes secrets, ARN pointers, expressions, and names that only contain a secret word (KEYBOARD)', () => {
    const r = ec2Stack();
    editContainer(r, (c) => {
      c.environment = env({ DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db', TOKEN_URL: '${var.token_url}', KEYBOARD_LAYOUT: 'us' });
      c.secrets = [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db' }];
    });
    expect(check(secEnvSecret, r)).toEqual([]);
  });
});

describe('BATCH_SEC_LOG_RETENTION', () => {
  it('reports log groups without retention, or with 0 (never expire)', () => {
    const r: Resources = { aws_cloudwatch_log_group: { jobs: { name: '/aws/batch/jobs' }, zero: { name: '/z', retention_in_days: 0 } } };
    expect(check(secLogRetention, r).map((f) => [f.severity, f.address, f.message])).toEqual([
      ['warning', 'aws_cloudwatch_log_group.jobs', 'retention_in_days is not set: events never expire'],
      ['warning', 'aws_cloudwatch_log_group.zero', 'retention_in_days is 0: events never expire'],
    ]);
  });

  it('passes a retention period, and does not judge one from a variable', () => {
    const r: Resources = { aws_cloudwatch_log_group: { jobs: { name: '/a', retention_in_days: 30 }, other: { name: '/b', retention_in_days: '${var.days}' } } };
    expect(check(secLogRetention, r)).toEqual([]);
  });
});

describe('BATCH_SEC_JOB_LOG_GROUP', () => {
  const awslogs = (options: Body): Body => ({ logDriver: 'awslogs', options: { 'awslogs-region': 'eu-west-1', ...options } });

  it('reports a job whose awslogs driver creates its own group', () => {
    const r = ec2Stack();
    editContainer(r, (c) => (c.logConfiguration = awslogs({ 'awslogs-group': '/jobs/app', 'awslogs-create-group': 'true' })));
    expect(check(secJobLogGroup, r)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        address: 'aws_batch_job_definition.job',
        message: 'awslogs-create-group is "true" and "/jobs/app" is not created in this configuration: the driver creates it with no retention',
      }),
    ]);
  });

  it('passes a group created here (by reference or by name), and no awslogs-create-group', () => {
    const byRef = ec2Stack();
    byRef.aws_cloudwatch_log_group = { jobs: { name: '/jobs/app', retention_in_days: 30 } };
    editContainer(byRef, (c) => (c.logConfiguration = awslogs({ 'awslogs-group': ref('aws_cloudwatch_log_group.jobs', 'name'), 'awslogs-create-group': 'true' })));
    expect(check(secJobLogGroup, byRef)).toEqual([]);
    const byName = ec2Stack();
    byName.aws_cloudwatch_log_group = { jobs: { name: '/jobs/app', retention_in_days: 30 } };
    editContainer(byName, (c) => (c.logConfiguration = awslogs({ 'awslogs-group': '/jobs/app', 'awslogs-create-group': 'true' })));
    expect(check(secJobLogGroup, byName)).toEqual([]);
    const plain = ec2Stack();
    editContainer(plain, (c) => (c.logConfiguration = awslogs({ 'awslogs-group': '/jobs/app' })));
    expect(check(secJobLogGroup, plain)).toEqual([]);
  });
});

describe('BATCH_SEC_SNS_UNENCRYPTED', () => {
  it('reports a topic without kms_master_key_id', () => {
    expect(check(secSnsUnencrypted, { aws_sns_topic: { events: { name: 'events' } } })).toEqual([
      expect.objectContaining({ severity: 'warning', address: 'aws_sns_topic.events', message: 'kms_master_key_id is not set: messages are stored unencrypted' }),
    ]);
  });

  it('passes a topic with a key', () => {
    expect(check(secSnsUnencrypted, { aws_sns_topic: { events: { name: 'events', kms_master_key_id: ref('aws_kms_key.events', 'arn') } } })).toEqual([]);
  });
});

/** A job role (trusted by ECS tasks) whose inline policy reads the bucket, and the bucket. */
function jobBucket(bucketPolicy?: Body): Resources {
  const doc = (statements: Body[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  return {
    aws_s3_bucket: { data: { bucket: 'job-data' }, website: { bucket: 'www' } },
    aws_iam_role: { job: { assume_role_policy: doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]) } },
    aws_iam_role_policy: { job: { role: ref('aws_iam_role.job', 'name'), policy: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${ref('aws_s3_bucket.data', 'arn')}/*` }]) } },
    ...(bucketPolicy ? { aws_s3_bucket_policy: { data: { bucket: ref('aws_s3_bucket.data'), policy: doc([bucketPolicy]) } } } : {}),
  };
}

describe('BATCH_SEC_S3_TLS_ONLY', () => {
  it('reports a bucket a Batch role uses that accepts plain HTTP, and nothing about encryption or unrelated buckets', () => {
    expect(check(secS3TlsOnly, jobBucket())).toEqual([
      expect.objectContaining({ severity: 'warning', address: 'aws_s3_bucket.data', message: 'no bucket policy statement denies requests with aws:SecureTransport = false, and a Batch role uses the bucket' }),
    ]);
  });

  it('passes a bucket policy denying insecure transport', () => {
    const deny = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    expect(check(secS3TlsOnly, jobBucket(deny))).toEqual([]);
  });
});

describe('BATCH_SEC_S3_PUBLIC', () => {
  const publicRead = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' };

  it('reports a public bucket policy once Block Public Access is turned off for the bucket', () => {
    const r = jobBucket(publicRead);
    r.aws_s3_bucket_public_access_block = { data: { bucket: ref('aws_s3_bucket.data'), block_public_policy: false, restrict_public_buckets: false } };
    expect(check(secS3Public, r)).toEqual([expect.objectContaining({ severity: 'warning', address: 'aws_s3_bucket.data' })]);
  });

  it('passes while Block Public Access (on by default for new buckets) would refuse it, and buckets without grants', () => {
    expect(check(secS3Public, jobBucket(publicRead))).toEqual([]);
    const r = jobBucket(publicRead);
    r.aws_s3_bucket_public_access_block = { data: { bucket: ref('aws_s3_bucket.data'), block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } };
    expect(check(secS3Public, r)).toEqual([]);
    expect(check(secS3Public, jobBucket())).toEqual([]);
  });
});
