/**
 * Schedule runs that EventBridge Scheduler gives up on go to an encrypted SQS
 * dead-letter queue, and, with notifications on, an alarm on that queue
 * publishes to the notifications topic: a run that never became a job sends
 * no job state event, so nobody would hear of it otherwise.
 */
import { describe, expect, it } from 'vitest';
import type { BatchConfig, NotificationsConfig } from '../../src/config/schema';
import { baseConfig, synth } from '../support/synth';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello:1';
const NOTIFY: NotificationsConfig = { subscriptions: { oncall: { protocol: 'email', endpoint: 'oncall@example.com' } } };

function scheduled(notifications?: NotificationsConfig): BatchConfig {
  return baseConfig({
    jobDefinitions: {
      hello: { queue: 'main', image: IMAGE, schedules: { nightly: { expression: 'cron(0 3 * * ? *)' }, hourly: { expression: 'rate(1 hour)' } } },
      other: { queue: 'main', image: IMAGE, schedules: { daily: { expression: 'rate(1 day)' } } },
    },
    ...(notifications ? { notifications } : {}),
  });
}

describe('the schedules\' dead-letter queue', () => {
  const s = synth(scheduled());

  it('is one standard SQS queue, encrypted with SQS-managed keys, keeping messages the longest SQS allows (14 days)', () => {
    expect(s.resource.aws_sqs_queue).toEqual({
      schedule_dead_letters: { name: 'unit-schedule-dead-letters', sqs_managed_sse_enabled: true, message_retention_seconds: 1_209_600 },
    });
  });

  it('receives every schedule\'s failed runs after the retry policy', () => {
    for (const name of ['hello_nightly', 'hello_hourly', 'other_daily']) {
      const target = s.resource.aws_scheduler_schedule![name]!.target;
      expect(target.dead_letter_config).toEqual({ arn: '${aws_sqs_queue.schedule_dead_letters.arn}' });
      expect(target.retry_policy).toEqual({ maximum_event_age_in_seconds: 3600, maximum_retry_attempts: 5 });
    }
  });

  it('is sent to with the schedule\'s own role, which may send to it and nothing else of SQS', () => {
    for (const role of ['schedule_hello', 'schedule_other']) {
      const statements = JSON.parse(s.resource.aws_iam_role_policy![role]!.policy).Statement;
      expect(statements).toContainEqual({ Sid: 'SendDeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '${aws_sqs_queue.schedule_dead_letters.arn}' });
    }
  });

  it('is an output, and there is no alarm without notifications', () => {
    expect(s.output.schedule_dead_letter_queue_url!.value).toBe('${aws_sqs_queue.schedule_dead_letters.url}');
    expect(s.resource.aws_cloudwatch_metric_alarm).toBeUndefined();
  });

  it('does not exist without schedules', () => {
    const plain = synth(baseConfig({ notifications: NOTIFY }));
    expect(plain.resource.aws_sqs_queue).toBeUndefined();
    expect(plain.resource.aws_cloudwatch_metric_alarm).toBeUndefined();
    expect(JSON.parse(plain.resource.aws_sns_topic_policy!.notifications!.policy).Statement.map((st: { Sid: string }) => st.Sid)).toEqual(['JobStateRulePublishes']);
    expect(JSON.parse(plain.resource.aws_kms_key!.notifications!.policy).Statement.map((st: { Sid: string }) => st.Sid)).toEqual(['AccountAdministers', 'EventBridgePublishesToTopic']);
  });
});

describe('with notifications on, a dead letter', () => {
  const s = synth(scheduled(NOTIFY));

  it('raises an alarm on the queue\'s visible messages into the notifications topic', () => {
    expect(s.resource.aws_cloudwatch_metric_alarm!.schedule_dead_letters).toEqual({
      alarm_name: 'unit-schedule-dead-letters',
      alarm_description: expect.stringContaining('SQS queue unit-schedule-dead-letters'),
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: '${aws_sqs_queue.schedule_dead_letters.name}' },
      statistic: 'Maximum',
      period: 300,
      evaluation_periods: 1,
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: ['${aws_sns_topic.notifications.arn}'],
    });
  });

  it('may be published by that alarm alone: topic policy and key policy name CloudWatch for this alarm and topic', () => {
    const topicStatements = JSON.parse(s.resource.aws_sns_topic_policy!.notifications!.policy).Statement;
    expect(topicStatements).toContainEqual({
      Sid: 'DeadLetterAlarmPublishes',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: '${aws_sns_topic.notifications.arn}',
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnEquals: { 'aws:SourceArn': 'arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:unit-schedule-dead-letters' } },
    });
    const keyStatements = JSON.parse(s.resource.aws_kms_key!.notifications!.policy).Statement;
    expect(keyStatements).toContainEqual({
      Sid: 'CloudWatchAlarmPublishesToTopic',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': 'arn:aws:sns:ap-northeast-1:123456789012:unit-job-events' } },
    });
  });
});
