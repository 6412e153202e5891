/**
 * Cross-field checks of job definition schedules, in parse.ts's style: each
 * problem names the config path, the value and the fix.
 */
import type { ConfigProblem } from '../config/errors';
import type { ResolvedConfig } from '../config/schema';
import { isKnownTimezone, scheduleExpressionProblem } from './expression';
import { scheduleAddress, scheduleName } from './names';

/** EventBridge Scheduler limits schedule names to 64 characters. */
const MAX_SCHEDULE_NAME = 64;

export function scheduleProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const addresses = new Map<string, string>();
  for (const [jobKey, job] of Object.entries(config.jobDefinitions)) {
    for (const [key, schedule] of Object.entries(job.schedules)) {
      const at = `jobDefinitions.${jobKey}.schedules.${key}`;
      const expression = scheduleExpressionProblem(schedule.expression);
      if (expression) {
        problems.push({ path: `${at}.expression`, message: `got ${JSON.stringify(schedule.expression)}, which ${expression.message}`, fix: expression.fix });
      }
      if (!isKnownTimezone(schedule.timezone)) {
        problems.push({ path: `${at}.timezone`, message: `got ${JSON.stringify(schedule.timezone)}, which is not an IANA time zone`, fix: 'use a zone name such as UTC, Asia/Tokyo or Europe/Berlin' });
      }
      const name = scheduleName(config.name, jobKey, key);
      if (name.length > MAX_SCHEDULE_NAME) {
        problems.push({ path: at, message: `makes the schedule name ${JSON.stringify(name)} (${name.length} characters); EventBridge Scheduler allows ${MAX_SCHEDULE_NAME}`, fix: `shorten the schedule name ${JSON.stringify(key)} or the job definition name` });
      }
      const address = scheduleAddress(jobKey, key);
      const other = addresses.get(address);
      if (other) {
        problems.push({ path: at, message: `has the same Terraform address aws_scheduler_schedule.${address} as ${other}`, fix: 'rename one of the two schedules' });
      }
      addresses.set(address, at);
    }
  }
  return problems;
}
