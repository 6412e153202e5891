import { describe, expect, it } from 'vitest';
import type { TerraformJson } from '../../../../src/doctor/index';
import { scheduleDeregisteredRevision } from '../../../../src/doctor/rules/schedules/deregistered-revision';
import { scheduleRevisionArn } from '../../../../src/doctor/rules/schedules/revision-arn';
import { TerraformModel } from '../../../../src/doctor/terraform/model';
import { check, ec2Stack, job, ref, type Resources } from '../../helpers';

const JOB_ARN = 'arn:aws:batch:eu-west-1:123456789012:job-definition/job';

/** The clean EC2 stack with a Scheduler schedule and an EventBridge rule target, both submitting `jobDefinition`. */
function scheduled(jobDefinition: string): Resources {
  const r = ec2Stack();
  r.aws_scheduler_schedule = {
    nightly: {
      name: 'nightly',
      schedule_expression: 'cron(0 3 * * ? *)',
      flexible_time_window: { mode: 'OFF' },
      target: {
        arn: 'arn:aws:scheduler:::aws-sdk:batch:submitJob',
        role_arn: 'arn:aws:iam::123456789012:role/scheduler',
        input: JSON.stringify({ JobName: 'nightly', JobQueue: ref('aws_batch_job_queue.main', 'arn'), JobDefinition: jobDefinition }),
      },
    },
  };
  r.aws_cloudwatch_event_target = {
    hourly: { rule: 'hourly', arn: ref('aws_batch_job_queue.main', 'arn'), role_arn: 'arn:aws:iam::123456789012:role/events', batch_target: { job_name: 'hourly', job_definition: jobDefinition } },
  };
  return r;
}

const addresses = (findings: { address: string }[]) => findings.map((f) => f.address);

describe('BATCH_SCHEDULE_DEREGISTERED_REVISION', () => {
  it('reports a literal revision ARN of a job definition of this configuration, on the Scheduler schedule and the EventBridge target', () => {
    const findings = check(scheduleDeregisteredRevision, scheduled(`${JOB_ARN}:3`));
    expect(addresses(findings)).toEqual(['aws_scheduler_schedule.nightly', 'aws_cloudwatch_event_target.hourly']);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      message: 'target.input JobDefinition is revision 3 of aws_batch_job_definition.job (job:3), written as a literal: the next change to aws_batch_job_definition.job deregisters it and every run after that fails',
      fix: 'Use ${aws_batch_job_definition.job.arn_prefix} instead of the literal revision.',
    });
    expect(findings[1]!.message).toMatch(/^batch_target\.job_definition is revision 3/);
  });

  it('reports the short form name:revision, and an ARN built from variables with a written revision', () => {
    expect(addresses(check(scheduleDeregisteredRevision, scheduled('job:12')))).toHaveLength(2);
    expect(addresses(check(scheduleDeregisteredRevision, scheduled('arn:aws:batch:${var.region}:${data.aws_caller_identity.this.account_id}:job-definition/job:4')))).toHaveLength(2);
    expect(check(scheduleDeregisteredRevision, scheduled('arn:aws:batch:eu-west-1:123456789012:job-definition/${var.job}:4'))).toEqual([]);
  });

  it('passes arn_prefix, the name, and a job definition that keeps its old revisions', () => {
    expect(check(scheduleDeregisteredRevision, scheduled(ref('aws_batch_job_definition.job', 'arn_prefix')))).toEqual([]);
    expect(check(scheduleDeregisteredRevision, scheduled('job'))).toEqual([]);
    expect(check(scheduleDeregisteredRevision, scheduled(JOB_ARN))).toEqual([]);
    const kept = scheduled(`${JOB_ARN}:3`);
    job(kept).deregister_on_new_revision = false;
    expect(check(scheduleDeregisteredRevision, kept)).toEqual([]);
  });

  it('leaves a literal revision of a job definition outside the configuration to the warning', () => {
    expect(check(scheduleDeregisteredRevision, scheduled('arn:aws:batch:eu-west-1:123456789012:job-definition/elsewhere:3'))).toEqual([]);
  });
});

describe('BATCH_SCHEDULE_REVISION_ARN', () => {
  it('reports aws_batch_job_definition.<name>.arn (the revision ARN) as a warning: re-pointed in the same apply, but after the old revision is gone', () => {
    const findings = check(scheduleRevisionArn, scheduled(ref('aws_batch_job_definition.job', 'arn')));
    expect(addresses(findings)).toEqual(['aws_scheduler_schedule.nightly', 'aws_cloudwatch_event_target.hourly']);
    expect(findings[0]).toMatchObject({ severity: 'warning', fix: 'Use ${aws_batch_job_definition.job.arn_prefix}: Batch then runs the latest ACTIVE revision and the target never changes.' });
    expect(findings[0]!.message).toContain('aws_batch_job_definition.job.arn, one revision');
  });

  it('reports the id (the same revision ARN) and a name built with .revision', () => {
    expect(check(scheduleRevisionArn, scheduled(ref('aws_batch_job_definition.job', 'id')))).toHaveLength(2);
    expect(check(scheduleRevisionArn, scheduled('${aws_batch_job_definition.job.name}:${aws_batch_job_definition.job.revision}'))).toHaveLength(2);
  });

  it('reports a literal revision of a job definition outside the configuration, and one of ours that is never deregistered', () => {
    expect(check(scheduleRevisionArn, scheduled('arn:aws:batch:eu-west-1:123456789012:job-definition/elsewhere:3'))[0]!.message).toContain('pins revision 3 of elsewhere, a job definition outside this configuration');
    const kept = scheduled(`${JOB_ARN}:3`);
    job(kept).deregister_on_new_revision = false;
    expect(check(scheduleRevisionArn, kept)[0]!.message).toContain('the target runs revision 3 forever');
  });

  it('passes arn_prefix and names, and leaves a deregistered literal revision to the error', () => {
    expect(check(scheduleRevisionArn, scheduled(ref('aws_batch_job_definition.job', 'arn_prefix')))).toEqual([]);
    expect(check(scheduleRevisionArn, scheduled('job'))).toEqual([]);
    expect(check(scheduleRevisionArn, scheduled(`${JOB_ARN}:3`))).toEqual([]);
  });

  it('reports a Step Functions state machine whose submitJob tasks name .arn or a literal revision', () => {
    const r = ec2Stack();
    r.aws_sfn_state_machine = {
      heatmaps: {
        name: 'heatmaps',
        role_arn: 'arn:aws:iam::123456789012:role/states',
        definition: JSON.stringify({
          StartAt: 'a',
          States: {
            a: { Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob.sync', Parameters: { JobName: 'a', JobQueue: 'q', JobDefinition: ref('aws_batch_job_definition.job', 'arn') }, Next: 'b' },
            b: { Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob.sync', Parameters: { JobName: 'b', JobQueue: 'q', JobDefinition: `${JOB_ARN}:7` }, End: true },
          },
        }),
      },
    };
    expect(check(scheduleRevisionArn, r).map((f) => f.message)).toEqual([expect.stringMatching(/^definition JobDefinition is aws_batch_job_definition\.job\.arn, one revision/)]);
    expect(check(scheduleDeregisteredRevision, r).map((f) => f.message)).toEqual([expect.stringMatching(/^definition JobDefinition is revision 7 of aws_batch_job_definition\.job/)]);
    r.aws_sfn_state_machine.heatmaps.definition = r.aws_sfn_state_machine.heatmaps.definition.replace(`${JOB_ARN}:7`, JOB_ARN).replace('.job.arn}', '.job.arn_prefix}');
    expect([...check(scheduleRevisionArn, r), ...check(scheduleDeregisteredRevision, r)]).toEqual([]);
  });

  it('reads hand-written HCL: a jsonencode input and a batch_target', async () => {
    const { parse } = await import('@cdktf/hcl2json');
    const hcl = (attr: string) => `
resource "aws_batch_job_definition" "report" {
  name = "report"
  type = "container"
  container_properties = jsonencode({ image = "busybox" })
}
resource "aws_cloudwatch_event_target" "report" {
  rule     = "daily"
  arn      = "arn:aws:batch:eu-west-1:123456789012:job-queue/main"
  role_arn = "arn:aws:iam::123456789012:role/events"
  batch_target {
    job_name       = "report"
    job_definition = aws_batch_job_definition.report.${attr}
  }
}
resource "aws_scheduler_schedule" "report" {
  schedule_expression = "rate(1 day)"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = "arn:aws:scheduler:::aws-sdk:batch:submitJob"
    role_arn = "arn:aws:iam::123456789012:role/scheduler"
    input = jsonencode({
      JobName       = "report"
      JobQueue      = "arn:aws:batch:eu-west-1:123456789012:job-queue/main"
      JobDefinition = aws_batch_job_definition.report.${attr}
    })
  }
}`;
    const run = async (attr: string) => scheduleRevisionArn.check(new TerraformModel((await parse('main.tf', hcl(attr))) as TerraformJson)).map((f) => f.address);
    expect(await run('arn')).toEqual(['aws_scheduler_schedule.report', 'aws_cloudwatch_event_target.report']);
    expect(await run('arn_prefix')).toEqual([]);
  });
});
