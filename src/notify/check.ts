/** Cross-field checks of `notifications`, in parse.ts's style (path, value, fix). */
import type { ConfigProblem } from '../config/errors';
import type { ResolvedConfig } from '../config/schema';
import { subscriptionEndpointProblem } from './endpoints';

export function notificationProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const notifications = config.notifications;
  if (!notifications) return problems;
  if (new Set(notifications.statuses).size !== notifications.statuses.length) {
    problems.push({ path: 'notifications.statuses', message: `got ${JSON.stringify(notifications.statuses)}, with a status twice`, fix: 'list each status once, e.g. ["FAILED"] or ["FAILED", "SUCCEEDED"]' });
  }
  for (const [key, subscription] of Object.entries(notifications.subscriptions)) {
    const expected = subscriptionEndpointProblem(subscription);
    if (expected) {
      problems.push({
        path: `notifications.subscriptions.${key}.endpoint`,
        message: `got ${JSON.stringify(subscription.endpoint)}; protocol ${subscription.protocol} needs ${expected}`,
        fix: `set endpoint to ${expected}, or change protocol`,
      });
    }
  }
  return problems;
}
