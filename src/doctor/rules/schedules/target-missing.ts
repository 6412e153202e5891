import { finding, skip } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { block, literalString, type TerraformModel } from '../../terraform/model';
import { isResourceRef, singleRef } from '../../terraform/refs';
import { SUBMIT_JOB_TARGET } from '../../views/schedules';

const EXPECTED = { JobQueue: 'aws_batch_job_queue', JobDefinition: 'aws_batch_job_definition' } as const;

/**
 * A schedule whose SubmitJob input names a job queue or job definition that
 * is not in the configuration. Scheduler does not check the input when the
 * schedule is created: every run then fails with ClientException and no job
 * is ever submitted, visible only in the schedule's CloudWatch metrics.
 */
export const scheduleTargetMissing: Rule = {
  id: 'BATCH_SCHEDULE_TARGET_MISSING',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'schedule submits to a job queue or job definition that does not exist',
  why: 'EventBridge Scheduler accepts any SubmitJob input when the schedule is created; a JobQueue or JobDefinition that does not exist makes every run fail (ClientException), so the job never runs and nothing but the schedule\'s InvocationAttempts/TargetErrorCount metrics shows it.',
  fix: 'Point JobQueue at an aws_batch_job_queue ARN and JobDefinition at an aws_batch_job_definition arn_prefix of this configuration.',
  link: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html',
  check(model: TerraformModel) {
    const out: Finding[] = [];
    for (const schedule of model.all('aws_scheduler_schedule')) {
      const target = block(schedule.body, 'target');
      if (literalString(target?.['arn']) !== SUBMIT_JOB_TARGET) continue;
      const input = parseInput(target?.['input']);
      if (!input) {
        skip(this, schedule, `target.input ${model.why(target?.['input']) ?? 'is not a JSON object'}`);
        continue;
      }
      for (const [field, type] of Object.entries(EXPECTED)) {
        const value = input[field];
        if (value === undefined) {
          out.push(finding(this, schedule, `the SubmitJob input has no ${field}`, `Add "${field}": "\${${type}.<name>.${field === 'JobQueue' ? 'arn' : 'arn_prefix'}}" to target.input.`));
          continue;
        }
        const ref = singleRef(value);
        // Literal ARNs and names may belong to resources outside this configuration: not judged.
        if (!ref || !isResourceRef(ref)) continue;
        if (ref.type !== type) {
          out.push(finding(this, schedule, `${field} refers to ${ref.type}.${ref.name}, which is not a ${type}`));
        } else if (!model.get(`${ref.type}.${ref.name}`)) {
          out.push(finding(this, schedule, `${field} refers to ${ref.type}.${ref.name}, which is not in the configuration`));
        }
      }
    }
    return out;
  },
};

/** The input as an object, when it is a JSON string (cdktf) whose references are `${...}` inside string values. */
function parseInput(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
