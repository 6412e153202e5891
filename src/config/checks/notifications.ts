/** Cross-field checks of `notifications`: each problem names the config path, the value and the fix. */
import type { ConfigProblem } from '../errors';
import type { ResolvedConfig, ResolvedNotifications } from '../schema';

type Subscription = ResolvedNotifications['subscriptions'][string];

/**
 * What each SNS subscription protocol accepts as an endpoint. SNS only
 * rejects a bad endpoint at apply time, and an email subscription to a typo
 * sits in "pending confirmation" forever, so the shape is checked up front.
 */
const ENDPOINT_SHAPES: Record<Subscription['protocol'], { readonly pattern: RegExp; readonly expected: string }> = {
  email: { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, expected: 'an email address' },
  'email-json': { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, expected: 'an email address' },
  // SNS would accept http://, but job failures (and their reasons) should not travel in clear text.
  https: { pattern: /^https:\/\/[^\s/]+/, expected: 'an https:// URL' },
  // A FIFO queue can only subscribe to a FIFO topic, and this topic is a standard one.
  sqs: { pattern: /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/, expected: 'a standard (not FIFO) SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>)' },
  lambda: { pattern: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/, expected: 'a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)' },
};

export function notificationProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const notifications = config.notifications;
  if (!notifications) return problems;
  if (new Set(notifications.statuses).size !== notifications.statuses.length) {
    problems.push({ path: 'notifications.statuses', message: `got ${JSON.stringify(notifications.statuses)}, with a status twice`, fix: 'list each status once, e.g. ["FAILED"] or ["FAILED", "SUCCEEDED"]' });
  }
  for (const [key, subscription] of Object.entries(notifications.subscriptions)) {
    const shape = ENDPOINT_SHAPES[subscription.protocol];
    if (!shape.pattern.test(subscription.endpoint)) {
      problems.push({
        path: `notifications.subscriptions.${key}.endpoint`,
        message: `got ${JSON.stringify(subscription.endpoint)}; protocol ${subscription.protocol} needs ${shape.expected}`,
        fix: `set endpoint to ${shape.expected}, or change protocol`,
      });
    }
  }
  return problems;
}
