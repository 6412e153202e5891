import { isKnownTimezone, scheduleExpressionProblem } from '../../../aws/scheduler';
import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { literalString, type TerraformModel } from '../../terraform/model';

/**
 * A schedule expression EventBridge refuses: a cron field out of range
 * (`cron(61 25 * * ? *)`), five fields instead of six, both day fields
 * given, a malformed rate, or an unknown time zone. Neither the provider
 * (schedule_expression is a free string on aws_scheduler_schedule and
 * aws_cloudwatch_event_rule) nor the plan checks it: Scheduler's
 * CreateSchedule and EventBridge's PutRule refuse it, so the apply fails.
 * The checks are the config's own (src/aws/scheduler.ts), from
 * docs/aws-batch-facts.md#eventbridge-scheduler-cron-fields; EventBridge
 * rules take the same cron and rate forms, but no at().
 */
export const scheduleExpressionInvalid: Rule = {
  id: 'BATCH_SCHEDULE_EXPRESSION_INVALID',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'schedule expression EventBridge refuses',
  why: 'EventBridge cron has six fields, each with its own range (minutes 0-59, hours 0-23, day-of-month 1-31, month 1-12, day-of-week 1-7, year 1970-2199), and one of the day fields must be ?. Neither Terraform nor the provider checks the expression: the schedule or rule is refused when it is created, and the apply fails.',
  fix: 'Write cron(minutes hours day-of-month month day-of-week year) with every field in range and ? in one day field, e.g. cron(30 2 * * ? *), or rate(1 hour).',
  link: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html',
  check(model: TerraformModel) {
    const out: Finding[] = [];
    const judge = (expression: unknown, rule: boolean): { message: string; fix: string } | undefined => {
      const text = literalString(expression);
      if (text === undefined) return undefined;
      if (rule && text.startsWith('at(')) return { message: `schedule_expression ${JSON.stringify(text)}: an EventBridge rule takes cron() or rate(), not at()`, fix: 'Use an aws_scheduler_schedule for a one-time schedule, or a cron() expression.' };
      const problem = scheduleExpressionProblem(text);
      return problem ? { message: `schedule_expression ${JSON.stringify(text)} ${problem.message}`, fix: `${problem.fix[0]!.toUpperCase()}${problem.fix.slice(1)}.` } : undefined;
    };
    for (const schedule of model.all('aws_scheduler_schedule')) {
      const problem = judge(schedule.body['schedule_expression'], false);
      if (problem) out.push(finding(this, schedule, problem.message, problem.fix));
      const zone = literalString(schedule.body['schedule_expression_timezone']);
      if (zone !== undefined && !isKnownTimezone(zone)) {
        out.push(finding(this, schedule, `schedule_expression_timezone ${JSON.stringify(zone)} is not an IANA time zone`, 'Use an IANA time zone name such as "Asia/Tokyo" or "UTC".'));
      }
    }
    for (const rule of model.all('aws_cloudwatch_event_rule')) {
      const problem = judge(rule.body['schedule_expression'], true);
      if (problem) out.push(finding(this, rule, problem.message, problem.fix));
    }
    return out;
  },
};
