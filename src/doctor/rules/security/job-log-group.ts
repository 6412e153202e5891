import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { isPlainObject, literalBool, literalString, type Resource, type TerraformModel } from '../../terraform/model';
import { jobDefinitions, usesAwslogs } from '../../views/job-definitions';

/**
 * With `awslogs-create-group: "true"` the awslogs driver creates the log
 * group on first use, with no retention (events never expire), outside
 * Terraform. Groups this configuration creates are BATCH_SEC_LOG_RETENTION's
 * business; a group neither created here nor by the driver is managed
 * elsewhere and not judged. Nor is /aws/batch/job, where jobs without a
 * logConfiguration write: Batch creates it once per account and region, for
 * every stack, and no single configuration owns it.
 */
export const secJobLogGroup: Rule = {
  id: 'BATCH_SEC_JOB_LOG_GROUP',
  severity: 'warning',
  pack: 'security',
  title: 'job log group created by the awslogs driver',
  why: 'awslogs-create-group makes the log driver create the group when the first job starts: outside Terraform, with no retention, so every job\'s output is kept forever and nobody reviews who can read it.',
  fix: 'Create the log group in Terraform (aws_cloudwatch_log_group with retention_in_days), point awslogs-group at it and drop awslogs-create-group.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/using_awslogs.html',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => {
      if (!jd.container && jd.why.container) return { unknown: jd.why.container };
      const options = jd.container && usesAwslogs(jd.container) ? logOptions(jd.container) : undefined;
      if (!options || literalBool(options['awslogs-create-group']) !== true) return undefined;
      const group = options['awslogs-group'];
      if (logGroupOf(model, group)) return undefined;
      return `awslogs-create-group is "true" and ${JSON.stringify(group ?? '/aws/batch/job')} is not created in this configuration: the driver creates it with no retention`;
    });
  },
};

function logOptions(container: Record<string, unknown>): Record<string, unknown> | undefined {
  const config = container['logConfiguration'];
  const options = isPlainObject(config) ? config['options'] : undefined;
  return isPlainObject(options) ? options : undefined;
}

/** The log group resource the option names, by reference or by literal name. */
function logGroupOf(model: TerraformModel, value: unknown): Resource | undefined {
  const target = model.target(value);
  if (target?.type === 'aws_cloudwatch_log_group') return target;
  const name = literalString(value);
  if (name === undefined) return undefined;
  const byName = model.memoize('logs:by-name', () => new Map(model.all('aws_cloudwatch_log_group').map((g) => [literalString(g.body['name']), g] as const)));
  return byName.get(name);
}
