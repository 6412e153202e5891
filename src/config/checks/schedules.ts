/**
 * Cross-field checks of job definition schedules: what EventBridge Scheduler
 * accepts (expressions, time zones, names, input keywords), and parameters
 * for every placeholder of the job's command. Each problem names the config
 * path, the value and the fix.
 */
import { awsName } from '../../aws/names';
import { unfilledParameters } from '../../aws/job-definitions';
import { CONTEXT_ATTRIBUTES, MAX_SCHEDULE_NAME, isKnownTimezone, scheduleExpressionProblem } from '../../aws/scheduler';
import { scheduleAddress } from '../addresses';
import type { ConfigProblem } from '../errors';
import type { ResolvedConfig } from '../schema';

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
      const name = awsName(config.name, jobKey, key);
      if (name.length > MAX_SCHEDULE_NAME) {
        problems.push({ path: at, message: `makes the schedule name ${JSON.stringify(name)} (${name.length} characters); EventBridge Scheduler allows ${MAX_SCHEDULE_NAME}`, fix: `shorten the schedule name ${JSON.stringify(key)} or the job definition name` });
      }
      // A placeholder is filled by the schedule's parameters or the job definition's defaults, nothing else
      // (docs/aws-batch-facts.md#job-parameters).
      const commands = [job.command, ...Object.values(job.multiNode?.nodeRanges ?? {}).flatMap((r) => (r.command ? [r.command] : []))];
      const missing = [...new Set(commands.flatMap((command) => unfilledParameters(command, schedule.parameters, job.parameters)))];
      if (missing.length > 0) {
        problems.push({
          path: Object.keys(schedule.parameters).length ? `${at}.parameters` : at,
          message: `gives no value for ${missing.map((m) => `Ref::${m}`).join(', ')} in the command of jobDefinitions.${jobKey}, and the job definition has no default for it, so the scheduled job would run without it`,
          fix: `add "parameters": {${missing.map((m) => `"${m}": "..."`).join(', ')}} to the schedule (or to jobDefinitions.${jobKey} as a default); "<aws.scheduler.scheduled-time>" passes the run's scheduled time (UTC, e.g. 2024-06-01T17:00:00Z)`,
        });
      }
      for (const [name, value] of Object.entries(schedule.parameters)) {
        for (const [keyword, attribute] of value.matchAll(/<aws\.scheduler\.([^>]*)>/g)) {
          if (!(CONTEXT_ATTRIBUTES as readonly string[]).includes(attribute!)) {
            problems.push({ path: `${at}.parameters.${name}`, message: `uses ${keyword}, which EventBridge Scheduler does not replace (it would be passed as written)`, fix: `use one of ${CONTEXT_ATTRIBUTES.map((a) => `<aws.scheduler.${a}>`).join(', ')}` });
          }
        }
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
