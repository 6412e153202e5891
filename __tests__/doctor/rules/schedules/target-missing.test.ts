import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../../../src/doctor/index';
import { TerraformModel } from '../../../../src/doctor/terraform/model';
import { scheduleTargetMissing } from '../../../../src/doctor/rules/schedules/target-missing';
import { loadExample, synth } from '../../../support/synth';

/** The scheduled example as cdktf writes it; each test breaks one schedule's input. */
function scheduledStack() {
  return JSON.parse(synth(loadExample('scheduled'), 'scheduled').json);
}

const check = (tf: any) => scheduleTargetMissing.check(new TerraformModel(tf));

function editInput(tf: any, edit: (input: Record<string, unknown>) => void): void {
  const target = tf.resource.aws_scheduler_schedule.report_daily.target;
  const input = JSON.parse(target.input);
  edit(input);
  target.input = JSON.stringify(input);
}

describe('BATCH_SCHEDULE_TARGET_MISSING', () => {
  it('reports a schedule submitting to a job queue that is not in the configuration', () => {
    const tf = scheduledStack();
    editInput(tf, (input) => (input.JobQueue = '${aws_batch_job_queue.nightly_old.arn}'));
    expect(check(tf)).toEqual([
      {
        rule: 'BATCH_SCHEDULE_TARGET_MISSING',
        severity: 'error',
        address: 'aws_scheduler_schedule.report_daily',
        message: 'JobQueue refers to aws_batch_job_queue.nightly_old, which is not in the configuration',
        fix: scheduleTargetMissing.fix,
        link: scheduleTargetMissing.link,
      },
    ]);
  });

  it('reports a missing job definition, a wrong resource type and a missing field', () => {
    const tf = scheduledStack();
    editInput(tf, (input) => {
      input.JobDefinition = '${aws_batch_job_definition.gone.arn_prefix}';
    });
    tf.resource.aws_scheduler_schedule.report_weekly.target.input = JSON.stringify({ JobName: 'x', JobQueue: '${aws_batch_compute_environment.fargate.arn}' });
    expect(check(tf).map((f) => `${f.address}: ${f.message}`)).toEqual([
      'aws_scheduler_schedule.report_daily: JobDefinition refers to aws_batch_job_definition.gone, which is not in the configuration',
      'aws_scheduler_schedule.report_weekly: JobQueue refers to aws_batch_compute_environment.fargate, which is not a aws_batch_job_queue',
      'aws_scheduler_schedule.report_weekly: the SubmitJob input has no JobDefinition',
    ]);
  });

  it("passes the stack's own schedules, and the whole doctor finds nothing in the scheduled example", () => {
    const tf = scheduledStack();
    expect(check(tf)).toEqual([]);
    expect(runDoctor(tf).filter((f) => f.rule === 'BATCH_SCHEDULE_TARGET_MISSING')).toEqual([]);
  });

  it('does not judge literal ARNs (they may name resources outside the configuration)', () => {
    const tf = scheduledStack();
    editInput(tf, (input) => (input.JobQueue = 'arn:aws:batch:ap-northeast-1:123456789012:job-queue/shared'));
    expect(check(tf)).toEqual([]);
  });
});
