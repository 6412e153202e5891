/**
 * Job state notifications: an EventBridge rule on this stack's queues' "Batch
 * Job State Change" events, into an encrypted SNS topic, with a one-line
 * message a person can act on; and, when the stack has schedules, a
 * CloudWatch alarm into the same topic as soon as a scheduled run lands in
 * the dead-letter queue (a run that never became a job sends no job event).
 */
import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { ResolvedNotifications } from '../config/schema';
import { awsName } from '../aws/names';
import { named } from '../stack/terraform-ids';
import { jsonDocument } from '../hcl/json-document';
import { jobStateEventPattern, MESSAGE_PATHS, messageTemplate } from './notification-message';
import type { ScheduleDeadLetters } from './schedule-dead-letters';

export interface JobNotificationsProps {
  /** Prefix of AWS names (the config's `name`): topic `<name>-job-events`, rule `<name>-job-state`. */
  readonly name: string;
  /** The stack's account: the topic's and the key's ARNs, and the only source its policies accept. */
  readonly accountId: string;
  /** The stack's region, in the topic's and the alarm's ARNs. */
  readonly region: string;
  /** Which final job states notify, and the topic's subscriptions (the config's `notifications`). */
  readonly notifications: ResolvedNotifications;
  /** ARNs of this stack's job queues: only their jobs notify. */
  readonly queueArns: readonly string[];
  /** The jobs' log group, named in the message next to the log stream. */
  readonly logGroupName: string;
  /**
   * The schedules' dead-letter queue: a run landing there raises an alarm into the topic.
   * @default - no schedules: no alarm
   */
  readonly scheduleDeadLetters?: ScheduleDeadLetters;
}

export class JobNotifications extends Construct {
  readonly topicArn: string;

  constructor(scope: Construct, id: string, props: JobNotificationsProps) {
    super(scope, id);
    const topicName = awsName(props.name, 'job-events');
    // Known before the topic exists, so the key policy can name it without a cycle.
    const topicArn = `arn:aws:sns:${props.region}:${props.accountId}:${topicName}`;
    const deadLetters = props.scheduleDeadLetters;
    const alarmName = deadLetters ? awsName(props.name, 'schedule-dead-letters') : undefined;
    const alarmArn = alarmName && `arn:aws:cloudwatch:${props.region}:${props.accountId}:alarm:${alarmName}`;
    // SNS puts the topic ARN in the encryption context: the key serves this topic only.
    const thisTopicOnly = { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } };

    // A customer managed key, not alias/aws/sns: EventBridge can only publish
    // to an encrypted topic when the key policy lets events.amazonaws.com use
    // the key, and the AWS managed key's policy cannot be changed
    // (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
    // With alias/aws/sns every delivery fails silently (the rule's
    // FailedInvocations metric).
    const key = named(
      new KmsKey(this, 'key', {
        description: `Encrypts ${topicName} (job state notifications of ${props.name})`,
        enableKeyRotation: true,
        policy: jsonDocument({
          Version: '2012-10-17',
          Statement: [
            // Without an account statement nobody could ever manage or delete the key.
            { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${props.accountId}:root` }, Action: 'kms:*', Resource: '*' },
            {
              Sid: 'EventBridgePublishesToTopic',
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
              Resource: '*',
              Condition: thisTopicOnly,
            },
            // CloudWatch alarms publish to an encrypted topic only with the
            // key's permission too (docs/aws-batch-facts.md#scheduler-dead-letter-queue).
            ...(alarmArn
              ? [{ Sid: 'CloudWatchAlarmPublishesToTopic', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*', Condition: thisTopicOnly }]
              : []),
          ],
        }),
      }),
      'notifications',
    );
    named(new KmsAlias(this, 'alias', { name: `alias/${topicName}`, targetKeyId: key.keyId }), 'notifications');

    const topic = named(new SnsTopic(this, 'topic', { name: topicName, kmsMasterKeyId: key.arn }), 'notifications');
    this.topicArn = topic.arn;

    const rule = named(
      new CloudwatchEventRule(this, 'rule', {
        name: awsName(props.name, 'job-state'),
        description: `${props.notifications.statuses.join(' and ')} jobs of ${props.name}'s job queues`,
        eventPattern: jobStateEventPattern(props.queueArns, props.notifications.statuses),
      }),
      'job_state',
    );

    named(
      new SnsTopicPolicy(this, 'policy', {
        arn: topic.arn,
        policy: jsonDocument({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'JobStateRulePublishes',
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: topic.arn,
              // Only this stack's rule, in this account (confused-deputy protection).
              Condition: { StringEquals: { 'aws:SourceAccount': props.accountId }, ArnEquals: { 'aws:SourceArn': rule.arn } },
            },
            ...(alarmArn
              ? [
                  {
                    Sid: 'DeadLetterAlarmPublishes',
                    Effect: 'Allow',
                    Principal: { Service: 'cloudwatch.amazonaws.com' },
                    Action: 'sns:Publish',
                    Resource: topic.arn,
                    // This topic policy replaces SNS's default one, so the alarm needs its own statement.
                    Condition: { StringEquals: { 'aws:SourceAccount': props.accountId }, ArnEquals: { 'aws:SourceArn': alarmArn } },
                  },
                ]
              : []),
          ],
        }),
      }),
      'notifications',
    );

    named(
      new CloudwatchEventTarget(this, 'target', {
        rule: rule.name,
        targetId: 'sns',
        arn: topic.arn,
        inputTransformer: { inputPaths: { ...MESSAGE_PATHS }, inputTemplate: messageTemplate(props.logGroupName) },
      }),
      'job_state',
    );

    if (alarmName && deadLetters) {
      named(
        new CloudwatchMetricAlarm(this, 'dead-letter-alarm', {
          alarmName,
          alarmDescription: `A scheduled run of ${props.name} could not be submitted (EventBridge Scheduler gave up). Read the message in the SQS queue ${deadLetters.queueName} (the invocation and Batch's response), fix the cause, delete it.`,
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          dimensions: { QueueName: deadLetters.name },
          statistic: 'Maximum',
          period: 300,
          evaluationPeriods: 1,
          threshold: 0,
          comparisonOperator: 'GreaterThanThreshold',
          // SQS sends no metrics for a queue that has been idle for hours: no data means no dead letters.
          treatMissingData: 'notBreaching',
          alarmActions: [topic.arn],
        }),
        'schedule_dead_letters',
      );
    }

    for (const [key, subscription] of Object.entries(props.notifications.subscriptions)) {
      named(
        new SnsTopicSubscription(this, `subscription-${key}`, { topicArn: topic.arn, protocol: subscription.protocol, endpoint: subscription.endpoint }),
        `notify_${key}`,
      );
    }
  }
}
