/** checks/schedules.ts: what EventBridge Scheduler accepts, and parameters for the command. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/index';
import type { BatchConfig, ScheduleConfig } from '../../../src/config/schema';
import { baseConfig } from '../../support/synth';
import { problemsOf } from './problems';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello:1';

/** The base config whose `hello` job definition carries the given schedules. */
function withSchedules(schedules: Record<string, ScheduleConfig>): BatchConfig {
  return baseConfig({ jobDefinitions: { hello: { queue: 'main', image: IMAGE, schedules } } });
}

describe('schedule validation names the config path and the fix', () => {
  it.each([
    ['every day at 3', 'must be cron(...), rate(...) or at(...)'],
    ['cron(0 3 * * *)', 'has 5 cron fields'],
    ['cron(0 3 * * MON *)', 'exactly one of them must be ?'],
    ['cron(0 3 ? * ? *)', 'exactly one of them must be ?'],
    ['rate(1 hours)', 'singular unit for 1'],
    ['rate(5 minute)', 'singular unit for 1 and the plural otherwise'],
    ['rate(0 minutes)', 'is not "<positive number>'],
    ['rate(2 weeks)', 'is not "<positive number>'],
    ['at(2030-02-30T09:00:00)', 'is not a date-time'],
  ])('%s', (expression, message) => {
    const problems = problemsOf(withSchedules({ nightly: { expression } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('jobDefinitions.hello.schedules.nightly.expression');
    expect(problems[0]!.message).toContain(message);
  });

  it('suggests the six-field form for a Unix cron expression', () => {
    const [problem] = problemsOf(withSchedules({ nightly: { expression: 'cron(0 3 * * *)' } }));
    expect(problem!.fix).toContain('cron(0 3 * * ? *)');
  });

  it('refuses an unknown time zone', () => {
    const [problem] = problemsOf(withSchedules({ nightly: { expression: 'rate(1 day)', timezone: 'Tokyo/Japan' } }));
    expect(problem).toMatchObject({ path: 'jobDefinitions.hello.schedules.nightly.timezone', message: 'got "Tokyo/Japan", which is not an IANA time zone' });
  });

  it('refuses a schedule name longer than Scheduler allows (64 characters)', () => {
    const key = `s${'x'.repeat(31)}`;
    const config = baseConfig({ name: 'a-very-long-environment', jobDefinitions: { [`j${'y'.repeat(31)}`]: { queue: 'main', image: IMAGE, schedules: { [key]: { expression: 'rate(1 day)' } } } } });
    const [problem] = problemsOf(config);
    expect(problem!.message).toMatch(/\(89 characters\); EventBridge Scheduler allows 64/);
  });

  it('refuses two schedules that would share a Terraform address', () => {
    const config = baseConfig({
      jobDefinitions: {
        a_b: { queue: 'main', image: IMAGE, schedules: { c: { expression: 'rate(1 day)' } } },
        a: { queue: 'main', image: IMAGE, schedules: { b_c: { expression: 'rate(1 day)' } } },
      },
    });
    const problems = problemsOf(config);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('same Terraform address aws_scheduler_schedule.a_b_c')]);
  });

  it('refuses two schedules that would share an EventBridge Scheduler name', () => {
    const config = baseConfig({
      jobDefinitions: {
        'a-b': { queue: 'main', image: IMAGE, schedules: { c: { expression: 'rate(1 day)' } } },
        a: { queue: 'main', image: IMAGE, schedules: { 'b-c': { expression: 'rate(1 day)' } } },
      },
    });
    expect(problemsOf(config)).toEqual([
      expect.objectContaining({ path: 'jobDefinitions.a.schedules.b-c', message: expect.stringContaining('makes the schedule name "unit-a-b-c", as jobDefinitions.a-b.schedules.c does'), fix: expect.stringContaining('rename') }),
    ]);
  });

  it.each([
    ['cron(61 25 * * ? *)', 'has minutes "61" (61 is outside 0-59), hours "25" (25 is outside 0-23)', 'allowed: minutes 0-59 with , - * /; hours 0-23 with , - * /'],
    ['cron(0 3 32 * ? *)', 'has day-of-month "32" (32 is outside 1-31)', 'day-of-month 1-31 with , - * ? / L W'],
    ['cron(0 3 1 13 ? *)', 'has month "13" (13 is outside 1-12)', 'month 1-12 or JAN-DEC'],
    ['cron(0 3 ? * 0 *)', 'has day-of-week "0" (0 is outside 1-7)', 'day-of-week 1-7 or SUN-SAT'],
    ['cron(0 3 ? * FRY *)', 'has day-of-week "FRY" ("FRY" is not a value of this field)', 'SUN-SAT'],
    ['cron(0 3 * * ? 2200)', 'has year "2200" (2200 is outside 1970-2199)', 'year 1970-2199'],
    ['cron(0/75 * * * ? *)', 'has minutes "0/75" (the increment /75 must be a whole number from 1 to 59)', 'minutes 0-59'],
    ['cron(0 3 ? * 2#1,6#3 *)', 'has day-of-week "2#1,6#3" (a # expression must be the only one in day-of-week)', 'day-of-week'],
    ['cron(0 3 ? * 3#6 *)', 'has day-of-week "3#6" (#6: a month has at most 5 of each weekday)', 'day-of-week'],
    ['cron(0 ? * * ? *)', 'has hours "?" (? is only for day-of-month and day-of-week)', 'hours'],
  ])('refuses %s: a field out of its range, as EventBridge Scheduler does at apply', (expression, message, fix) => {
    const problems = problemsOf(withSchedules({ nightly: { expression } }));
    expect(problems).toEqual([{ path: 'jobDefinitions.hello.schedules.nightly.expression', message: `got ${JSON.stringify(expression)}, which ${message}`, fix: expect.stringContaining(fix) }]);
  });

  it.each(['cron(0/15 * * * ? *)', 'cron(*/5 8-17 ? * MON-FRI *)', 'cron(0 0 L * ? *)', 'cron(0 0 15W * ? *)', 'cron(0 0 ? * 3#2 *)', 'cron(0 0 ? * sun,7L *)', 'cron(59 23 31 JAN-DEC ? 1970-2199/10)'])(
    'accepts %s (every wildcard in its own field)',
    (expression) => {
      expect(() => parseConfig(withSchedules({ nightly: { expression } }))).not.toThrow();
    },
  );

  it('accepts the three kinds of expression', () => {
    expect(() => parseConfig(withSchedules({ a: { expression: 'cron(15 10 ? * 6L 2030-2035)' }, b: { expression: 'rate(1 minute)' }, c: { expression: 'at(2030-12-31T23:59:59)' } }))).not.toThrow();
  });
});
