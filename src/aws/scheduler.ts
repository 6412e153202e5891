/**
 * EventBridge Scheduler as this project uses it: what it rejects in a
 * schedule expression or time zone (checked before anything is written, so
 * the error names the config path instead of surfacing as a failed
 * `terraform apply`), the keywords it fills into a target's input, its name
 * limit, and the universal target that calls Batch's SubmitJob.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 */

/**
 * EventBridge Scheduler's universal target for Batch's SubmitJob API: the
 * schedule calls `batch:SubmitJob` itself with the target's Input as the
 * request, so no Lambda or EventBridge rule sits in between.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html
 */
export const SUBMIT_JOB_TARGET_ARN = 'arn:aws:scheduler:::aws-sdk:batch:submitJob';

/** EventBridge Scheduler limits schedule names to 64 characters. */
export const MAX_SCHEDULE_NAME = 64;

/**
 * Keywords Scheduler replaces in a target's input on each run
 * (docs/aws-batch-facts.md#scheduler-context-attributes); any other
 * `<aws.scheduler.…>` is sent as written.
 */
export const CONTEXT_ATTRIBUTES = ['schedule-arn', 'scheduled-time', 'execution-id', 'attempt-number'] as const;

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
 * cannot both be given: one of them must be `?`. Each field takes only its
 * own range and wildcards (docs/aws-batch-facts.md#eventbridge-scheduler-cron-fields);
 * Scheduler refuses anything else when the schedule is created, so the
 * apply fails.
 */
function cronProblem(body: string): ExpressionProblem | undefined {
  const fields = body.split(/\s+/);
  if (fields.length !== 6) {
    return {
      message: `has ${fields.length} cron fields; EventBridge Scheduler wants 6: minutes hours day-of-month month day-of-week year`,
      fix: fields.length === 5 ? `add the year and use ? for one day field, e.g. cron(${[...fields.slice(0, 4), '?', '*'].join(' ')})` : 'write cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 3 * * ? *)',
    };
  }
  const wrong = CRON_FIELDS.flatMap((field, i) => {
    const problem = cronFieldProblem(field, fields[i]!);
    return problem ? [{ field, problem }] : [];
  });
  if (wrong.length > 0) {
    return {
      message: `has ${wrong.map(({ field, problem }) => `${field.name} ${JSON.stringify(fields[CRON_FIELDS.indexOf(field)])} (${problem})`).join(', ')}`,
      fix: `allowed: ${wrong.map(({ field }) => `${field.name} ${field.allowed}`).join('; ')}. For example cron(30 2 * * ? *) runs at 02:30 every day`,
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

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Largest increment after `/` (Scheduler, like Quartz, refuses one beyond the field's range). */
  readonly maxStep: number;
  /** Names accepted for values (JAN = 1, SUN = 1), case-insensitive. */
  readonly names?: readonly string[];
  /** The field's own wildcards beyond `, - * /`. */
  readonly special?: 'day-of-month' | 'day-of-week';
  /** For the fix: what the field takes. */
  readonly allowed: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const CRON_FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59, maxStep: 59, allowed: '0-59 with , - * /' },
  { name: 'hours', min: 0, max: 23, maxStep: 23, allowed: '0-23 with , - * /' },
  { name: 'day-of-month', min: 1, max: 31, maxStep: 31, special: 'day-of-month', allowed: '1-31 with , - * ? / L W' },
  { name: 'month', min: 1, max: 12, maxStep: 12, names: MONTHS, allowed: '1-12 or JAN-DEC with , - * /' },
  { name: 'day-of-week', min: 1, max: 7, maxStep: 7, names: DAYS, special: 'day-of-week', allowed: '1-7 or SUN-SAT with , - * ? L #' },
  { name: 'year', min: 1970, max: 2199, maxStep: 229, allowed: '1970-2199 with , - * /' },
];

/** What is wrong with one cron field, or undefined. */
function cronFieldProblem(field: CronField, text: string): string | undefined {
  if (text === '?') return field.special ? undefined : '? is only for day-of-month and day-of-week';
  const items = text.split(',');
  if (field.special === 'day-of-week' && text.includes('#') && items.length > 1) return 'a # expression must be the only one in day-of-week';
  for (const item of items) {
    const problem = cronItemProblem(field, item);
    if (problem) return problem;
  }
  return undefined;
}

function cronItemProblem(field: CronField, item: string): string | undefined {
  const value = (token: string): number | undefined => {
    if (/^\d+$/.test(token)) return Number(token);
    const index = field.names?.indexOf(token.toUpperCase()) ?? -1;
    return index >= 0 ? index + 1 : undefined;
  };
  const inRange = (token: string): string | undefined => {
    const n = value(token);
    if (n === undefined) return `${JSON.stringify(token)} is not a value of this field`;
    return n < field.min || n > field.max ? `${n} is outside ${field.min}-${field.max}` : undefined;
  };
  if (field.special === 'day-of-month') {
    if (item === 'L' || item === 'LW') return undefined;
    const weekday = /^(\d+)W$/.exec(item);
    if (weekday) return inRange(weekday[1]!);
  }
  if (field.special === 'day-of-week') {
    if (item === 'L') return undefined;
    const last = /^(\w+)L$/i.exec(item);
    if (last) return inRange(last[1]!);
    const nth = /^(\w+)#(\d+)$/.exec(item);
    if (nth) return inRange(nth[1]!) ?? (Number(nth[2]) >= 1 && Number(nth[2]) <= 5 ? undefined : `#${nth[2]}: a month has at most 5 of each weekday`);
  }
  const [range = '', step, extra] = item.split('/');
  if (extra !== undefined) return `${JSON.stringify(item)} has more than one /`;
  if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1 || Number(step) > field.maxStep)) {
    return `the increment /${step} must be a whole number from 1 to ${field.maxStep}`;
  }
  if (range === '*') return undefined;
  const [from = '', to, more] = range.split('-');
  if (more !== undefined || from === '' || to === '') return `${JSON.stringify(item)} is not a value, a range a-b or an increment a/n`;
  return inRange(from) ?? (to === undefined ? undefined : inRange(to));
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
