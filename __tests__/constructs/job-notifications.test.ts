import { describe, expect, it } from 'vitest';
import { baseConfig, synth } from '../support/synth';
import type { NotificationsConfig } from '../../src/config/schema';

const withNotifications = (notifications: NotificationsConfig) =>
  baseConfig({
    computeEnvironments: { ondemand: { type: 'EC2' }, spot: { type: 'SPOT' } },
    jobQueues: { main: { computeEnvironments: ['ondemand'] }, cheap: { computeEnvironments: ['spot'] } },
    notifications,
  });

describe('failure notifications', () => {
  // GIVEN notifications with one email subscription, defaults otherwise
  const s = synth(withNotifications({ subscriptions: { oncall: { protocol: 'email', endpoint: 'oncall@example.com' } } }));

  it("match final FAILED job state changes of this stack's queues only", () => {
    const rule = s.resource.aws_cloudwatch_event_rule!.job_state!;
    expect(rule.name).toBe('unit-job-state');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.batch'],
      'detail-type': ['Batch Job State Change'],
      detail: { status: ['FAILED'], jobQueue: ['${aws_batch_job_queue.cheap.arn}', '${aws_batch_job_queue.main.arn}'] },
    });
  });

  it('go to an SNS topic encrypted with its own customer managed key that EventBridge may use for this topic only', () => {
    const topic = s.resource.aws_sns_topic!.notifications!;
    expect(topic).toMatchObject({ name: 'unit-job-events', kms_master_key_id: '${aws_kms_key.notifications.arn}' });
    const key = s.resource.aws_kms_key!.notifications!;
    expect(key.enable_key_rotation).toBe(true);
    const statements = JSON.parse(key.policy).Statement;
    expect(statements).toContainEqual({ Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' });
    expect(statements).toContainEqual({
      Sid: 'EventBridgePublishesToTopic',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': 'arn:aws:sns:ap-northeast-1:123456789012:unit-job-events' } },
    });
    expect(s.resource.aws_kms_alias!.notifications).toMatchObject({ name: 'alias/unit-job-events', target_key_id: '${aws_kms_key.notifications.key_id}' });
  });

  it('are published only by this rule of this account (topic policy)', () => {
    const policy = s.resource.aws_sns_topic_policy!.notifications!;
    expect(policy.arn).toBe('${aws_sns_topic.notifications.arn}');
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: 'JobStateRulePublishes',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: '${aws_sns_topic.notifications.arn}',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnEquals: { 'aws:SourceArn': '${aws_cloudwatch_event_rule.job_state.arn}' } },
      },
    ]);
  });

  it('read as one short message: job, status, reason, log stream and log group, job id, queue', () => {
    const target = s.resource.aws_cloudwatch_event_target!.job_state!;
    expect(target).toMatchObject({ rule: '${aws_cloudwatch_event_rule.job_state.name}', arn: '${aws_sns_topic.notifications.arn}' });
    expect(target.input_transformer.input_paths).toEqual({
      job: '$.detail.jobName',
      jobId: '$.detail.jobId',
      queue: '$.detail.jobQueue',
      status: '$.detail.status',
      reason: '$.detail.statusReason',
      logStream: '$.detail.container.logStreamName',
      time: '$.time',
    });
    const template: string = target.input_transformer.input_template;
    // A quoted string: EventBridge sends it as text, not as JSON.
    expect(template.startsWith('"') && template.endsWith('"')).toBe(true);
    for (const placeholder of Object.keys(target.input_transformer.input_paths)) expect(template).toContain(`<${placeholder}>`);
    expect(template).toContain('${aws_cloudwatch_log_group.jobs.name}');
  });

  it('subscribe the configured endpoints, at user-named addresses, and output the topic', () => {
    expect(s.resource.aws_sns_topic_subscription).toEqual({
      notify_oncall: expect.objectContaining({ topic_arn: '${aws_sns_topic.notifications.arn}', protocol: 'email', endpoint: 'oncall@example.com' }),
    });
    expect(s.output.notifications_topic_arn!.value).toBe('${aws_sns_topic.notifications.arn}');
  });
});

describe('notification options', () => {
  it('can include SUCCEEDED jobs', () => {
    const s = synth(withNotifications({ statuses: ['FAILED', 'SUCCEEDED'] }));
    expect(JSON.parse(s.resource.aws_cloudwatch_event_rule!.job_state!.event_pattern).detail.status).toEqual(['FAILED', 'SUCCEEDED']);
    expect(s.resource.aws_sns_topic_subscription).toBeUndefined();
  });

  it('are absent unless configured', () => {
    const s = synth(baseConfig());
    expect(s.resource.aws_sns_topic).toBeUndefined();
    expect(s.resource.aws_cloudwatch_event_rule).toBeUndefined();
    expect(s.output.notifications_topic_arn).toBeUndefined();
  });
});
