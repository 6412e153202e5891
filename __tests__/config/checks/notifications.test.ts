/** checks/notifications.ts: subscription endpoints that fit their protocol. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/index';
import type { NotificationsConfig } from '../../../src/config/schema';
import { baseConfig } from '../../support/synth';

const withNotifications = (notifications: NotificationsConfig) =>
  baseConfig({
    computeEnvironments: { ondemand: { type: 'EC2' }, spot: { type: 'SPOT' } },
    jobQueues: { main: { computeEnvironments: ['ondemand'] }, cheap: { computeEnvironments: ['spot'] } },
    notifications,
  });

describe('subscription endpoints are checked against their protocol', () => {
  it.each([
    ['email', 'not-an-address', 'an email address'],
    ['https', 'http://hooks.example.com/batch', 'an https:// URL'],
    ['sqs', 'arn:aws:sqs:ap-northeast-1:123456789012:alerts.fifo', 'a standard (not FIFO) SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>)'],
    ['lambda', 'arn:aws:sqs:ap-northeast-1:123456789012:alerts', 'a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)'],
  ] as const)('%s %s', (protocol, endpoint, expected) => {
    let error: unknown;
    try {
      parseConfig(withNotifications({ subscriptions: { team: { protocol, endpoint } } }), 'test');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { path: 'notifications.subscriptions.team.endpoint', message: `got ${JSON.stringify(endpoint)}; protocol ${protocol} needs ${expected}`, fix: `set endpoint to ${expected}, or change protocol` },
    ]);
  });

  it('accepts well-formed endpoints of every protocol', () => {
    expect(() =>
      parseConfig(
        withNotifications({
          subscriptions: {
            mail: { protocol: 'email', endpoint: 'a@example.com' },
            json: { protocol: 'email-json', endpoint: 'b@example.com' },
            hook: { protocol: 'https', endpoint: 'https://hooks.example.com/batch' },
            queue: { protocol: 'sqs', endpoint: 'arn:aws:sqs:ap-northeast-1:123456789012:alerts' },
            fn: { protocol: 'lambda', endpoint: 'arn:aws:lambda:ap-northeast-1:123456789012:function:notify' },
          },
        }),
      ),
    ).not.toThrow();
  });
});
