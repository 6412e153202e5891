/**
 * What each SNS subscription protocol accepts as an endpoint. SNS only
 * rejects a bad endpoint at apply time, and an email subscription to a typo
 * sits in "pending confirmation" forever, so check the shape up front.
 */
import type { ResolvedNotifications } from '../config/schema';

type Subscription = ResolvedNotifications['subscriptions'][string];

const SHAPES: Record<Subscription['protocol'], { readonly pattern: RegExp; readonly expected: string }> = {
  email: { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, expected: 'an email address' },
  'email-json': { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, expected: 'an email address' },
  // SNS would accept http://, but job failures (and their reasons) should not travel in clear text.
  https: { pattern: /^https:\/\/[^\s/]+/, expected: 'an https:// URL' },
  // A FIFO queue can only subscribe to a FIFO topic, and this topic is a standard one.
  sqs: { pattern: /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/, expected: 'a standard (not FIFO) SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>)' },
  lambda: { pattern: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/, expected: 'a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)' },
};

/** A description of what is expected when `endpoint` does not fit `protocol`, else undefined. */
export function subscriptionEndpointProblem(subscription: Subscription): string | undefined {
  const shape = SHAPES[subscription.protocol];
  return shape.pattern.test(subscription.endpoint) ? undefined : shape.expected;
}
