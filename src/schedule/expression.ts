/**
 * What EventBridge Scheduler rejects in a schedule expression or time zone,
 * checked before anything is written so the error names the config path
 * instead of surfacing as a failed `terraform apply`.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 */

export interface ExpressionProblem {
  readonly message: string;
  readonly fix: string;
}

const RATE_UNITS = ['minute', 'hour', 'day'] as const;

/** Undefined when Scheduler accepts the expression's shape. */
export function scheduleExpressionProblem(expression: string): ExpressionProblem | undefined {
  const [, kind, body = ''] = /^(cron|rate|at)\((.*)\)$/.exec(expression) ?? [];
  if (kind === 'cron') return cronProblem(body.trim());
  if (kind === 'rate') return rateProblem(body.trim());
  if (kind === 'at') return atProblem(body.trim());
  return { message: 'is not cron(...), rate(...) or at(...)', fix: 'use e.g. cron(0 3 * * ? *), rate(1 hour) or at(2030-01-01T09:00:00)' };
}

/**
 * Scheduler's cron has six fields (minutes hours day-of-month month
 * day-of-week year), not Unix cron's five, and day-of-month and day-of-week
 * cannot both be given: one of them must be `?`.
 */
function cronProblem(body: string): ExpressionProblem | undefined {
  const fields = body.split(/\s+/);
  if (fields.length !== 6) {
    return {
      message: `has ${fields.length} cron fields; EventBridge Scheduler wants 6: minutes hours day-of-month month day-of-week year`,
      fix: fields.length === 5 ? `add the year and use ? for one day field, e.g. cron(${[...fields.slice(0, 4), '?', '*'].join(' ')})` : 'write cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 3 * * ? *)',
    };
  }
  const [, , dayOfMonth, , dayOfWeek] = fields as [string, string, string, string, string, string];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    return {
      message: `gives day-of-month ${JSON.stringify(dayOfMonth)} and day-of-week ${JSON.stringify(dayOfWeek)}; exactly one of them must be ?`,
      fix: 'put ? in the day field you do not use, e.g. cron(0 3 * * ? *) for every day, cron(0 3 ? * MON *) for Mondays',
    };
  }
  return undefined;
}

/** `rate(1 hour)`, `rate(5 minutes)`: a positive whole number and a unit, singular exactly for 1. */
function rateProblem(body: string): ExpressionProblem | undefined {
  const match = /^(\d+) ([a-z]+?)(s?)$/.exec(body);
  const value = match ? Number(match[1]) : NaN;
  const unit = match?.[2] as (typeof RATE_UNITS)[number] | undefined;
  if (!match || !unit || !RATE_UNITS.includes(unit) || value < 1) {
    return { message: `rate(${body}) is not "<positive number> <minute|minutes|hour|hours|day|days>"`, fix: 'use e.g. rate(15 minutes) or rate(1 day)' };
  }
  const plural = match[3] === 's';
  if ((value === 1) === plural) {
    const right = `${value} ${unit}${value === 1 ? '' : 's'}`;
    return { message: `rate(${body}): Scheduler wants the singular unit for 1 and the plural otherwise`, fix: `write rate(${right})` };
  }
  return undefined;
}

/** One-time schedules: a local date-time without zone (the schedule's time zone applies). */
function atProblem(body: string): ExpressionProblem | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  const valid = match && !Number.isNaN(Date.parse(`${body}Z`)) && new Date(`${body}Z`).toISOString().startsWith(body);
  if (!valid) return { message: `at(${body}) is not a date-time yyyy-mm-ddThh:mm:ss`, fix: 'use e.g. at(2030-01-01T09:00:00) (read in the schedule\'s timezone)' };
  return undefined;
}

/** Scheduler takes IANA zone names; the runtime's Intl knows the same database. */
export function isKnownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
