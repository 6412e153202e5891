import { decodeJsonAttribute } from '../../terraform/encoded-json';
import { block, literalString, type Resource, type TerraformModel } from '../../terraform/model';
import { SUBMIT_JOB_TARGET } from '../../views/schedules';

/**
 * What in a configuration calls Batch's SubmitJob on a schedule or an
 * event: EventBridge Scheduler schedules with the universal SubmitJob
 * target (their input is the request), and EventBridge rule targets with a
 * batch_target (the target's arn is the job queue). The values are as
 * written: literals, `${...}` references, or undefined when absent.
 */
export interface Submitter {
  readonly resource: Resource;
  readonly kind: 'scheduler' | 'eventbridge' | 'stepfunctions';
  /** Where the job definition is written, for messages. */
  readonly jobDefinitionField: string;
  readonly jobDefinition: unknown;
  readonly jobQueue: unknown;
  /** Scheduler only: the input's ShareIdentifier (EventBridge's batch_target has no such field). */
  readonly shareIdentifier?: unknown;
}

export function submitters(model: TerraformModel): readonly Submitter[] {
  return model.memoize('rules:submitters', () => {
    const out: Submitter[] = [];
    for (const schedule of model.all('aws_scheduler_schedule')) {
      const target = block(schedule.body, 'target');
      if (literalString(target?.['arn']) !== SUBMIT_JOB_TARGET) continue;
      const input = decodeJsonAttribute(target?.['input']);
      if (!input) continue;
      out.push({
        resource: schedule,
        kind: 'scheduler',
        jobDefinitionField: 'target.input JobDefinition',
        jobDefinition: input['JobDefinition'],
        jobQueue: input['JobQueue'],
        shareIdentifier: input['ShareIdentifier'],
      });
    }
    for (const target of model.all('aws_cloudwatch_event_target')) {
      const batch = block(target.body, 'batch_target');
      if (!batch) continue;
      out.push({ resource: target, kind: 'eventbridge', jobDefinitionField: 'batch_target.job_definition', jobDefinition: batch['job_definition'], jobQueue: target.body['arn'] });
    }
    return out;
  });
}
