/** Security rules on what jobs see and leave behind: privileged containers, secrets, logs, encryption at rest. */
import { describe, expect, it } from 'vitest';
import { secEnvSecret } from '../../../../src/doctor/rules/security/env-secret';
import { secJobLogGroup } from '../../../../src/doctor/rules/security/job-log-group';
import { secLogRetention } from '../../../../src/doctor/rules/security/log-retention';
import { secPrivileged } from '../../../../src/doctor/rules/security/privileged';
import { secS3Unencrypted } from '../../../../src/doctor/rules/security/s3-unencrypted';
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

describe('BATCH_SEC_S3_UNENCRYPTED', () => {
  it('reports a bucket with no encryption configuration (provider 5.x: a separate resource)', () => {
    const r: Resources = { aws_s3_bucket: { state: { bucket: 'state' }, other: { bucket: 'other' } }, aws_s3_bucket_server_side_encryption_configuration: { other: { bucket: ref('aws_s3_bucket.other') } } };
    expect(check(secS3Unencrypted, r)).toEqual([
      expect.objectContaining({ severity: 'warning', address: 'aws_s3_bucket.state', message: 'no aws_s3_bucket_server_side_encryption_configuration names this bucket' }),
    ]);
  });

  it('passes the separate resource by reference or by name, and the deprecated inline block', () => {
    const sse = { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] };
    const r: Resources = {
      aws_s3_bucket: { a: { bucket: 'a' }, b: { bucket: 'b' }, c: { bucket: 'c', server_side_encryption_configuration: sse } },
      aws_s3_bucket_server_side_encryption_configuration: { a: { bucket: ref('aws_s3_bucket.a'), ...sse }, b: { bucket: 'b', ...sse } },
    };
    expect(check(secS3Unencrypted, r)).toEqual([]);
  });

  it('does not apply when an encryption configuration names its bucket by a variable', () => {
    const r: Resources = { aws_s3_bucket: { a: { bucket: 'a' } }, aws_s3_bucket_server_side_encryption_configuration: { any: { bucket: '${var.bucket}' } } };
    expect(check(secS3Unencrypted, r)).toEqual([]);
  });
});
