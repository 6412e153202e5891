import { describe, expect, it } from 'vitest';
import { scheduleExpressionInvalid } from '../../../../src/doctor/rules/schedules/expression-invalid';
import { check, ec2Stack, type Resources } from '../../helpers';

function withSchedules(scheduler: string, rule: string, timezone?: string): Resources {
  const r = ec2Stack();
  r.aws_scheduler_schedule = {
    nightly: {
      schedule_expression: scheduler,
      ...(timezone ? { schedule_expression_timezone: timezone } : {}),
      flexible_time_window: { mode: 'OFF' },
      target: { arn: 'arn:aws:scheduler:::aws-sdk:batch:submitJob', role_arn: 'arn:aws:iam::123456789012:role/s', input: '{}' },
    },
  };
  r.aws_cloudwatch_event_rule = { hourly: { schedule_expression: rule }, onFailure: { event_pattern: '{"source":["aws.batch"]}' } };
  return r;
}

describe('BATCH_SCHEDULE_EXPRESSION_INVALID', () => {
  it('reports cron fields out of range, on a Scheduler schedule and an EventBridge rule', () => {
    const findings = check(scheduleExpressionInvalid, withSchedules('cron(61 25 * * ? *)', 'cron(0 3 32 * ? *)'));
    expect(findings.map((f) => [f.address, f.severity])).toEqual([
      ['aws_scheduler_schedule.nightly', 'error'],
      ['aws_cloudwatch_event_rule.hourly', 'error'],
    ]);
    expect(findings[0]!.message).toBe('schedule_expression "cron(61 25 * * ? *)" has minutes "61" (61 is outside 0-59), hours "25" (25 is outside 0-23)');
    expect(findings[0]!.fix).toMatch(/^Allowed: minutes 0-59/);
  });

  it('reports Unix cron (five fields), both day fields, a bad rate, at() on a rule, and an unknown time zone', () => {
    const messages = (s: string, r: string, tz?: string) => check(scheduleExpressionInvalid, withSchedules(s, r, tz)).map((f) => f.message);
    expect(messages('cron(0 3 * * *)', 'rate(1 hours)')).toEqual([
      'schedule_expression "cron(0 3 * * *)" has 5 cron fields; EventBridge Scheduler wants 6: minutes hours day-of-month month day-of-week year',
      'schedule_expression "rate(1 hours)" rate(1 hours): Scheduler wants the singular unit for 1 and the plural otherwise',
    ]);
    expect(messages('cron(0 3 1 * MON *)', 'at(2030-01-01T09:00:00)')).toHaveLength(2);
    expect(messages('rate(1 day)', 'rate(1 day)', 'Asia/Tokio')).toEqual(['schedule_expression_timezone "Asia/Tokio" is not an IANA time zone']);
  });

  it('passes valid expressions, and does not judge an expression it cannot read', () => {
    expect(check(scheduleExpressionInvalid, withSchedules('cron(30 2 * * ? *)', 'rate(5 minutes)', 'Asia/Tokyo'))).toEqual([]);
    expect(check(scheduleExpressionInvalid, withSchedules('at(2030-01-01T09:00:00)', 'cron(0 3 ? * MON-FRI *)'))).toEqual([]);
    expect(check(scheduleExpressionInvalid, withSchedules('${var.schedule}', '${local.cron}'))).toEqual([]);
  });
});
