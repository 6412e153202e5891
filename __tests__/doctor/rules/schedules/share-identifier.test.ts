import { describe, expect, it } from 'vitest';
import { runDoctor, type TerraformJson } from '../../../../src/doctor/index';
import { TerraformModel } from '../../../../src/doctor/terraform/model';
import { scheduleShareIdentifier } from '../../../../src/doctor/rules/schedules/share-identifier';
import { baseConfig, synth } from '../../../support/synth';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello:1';

/** This project's stack with a fair-share queue `fair` and a plain queue `main`, one schedule on each. */
function stack(): any {
  return JSON.parse(
    synth(
      baseConfig({
        jobQueues: { main: { computeEnvironments: ['ondemand'] }, fair: { computeEnvironments: ['ondemand'], fairShare: { shares: { teamA: 1 } } } },
        jobDefinitions: {
          fairjob: { queue: 'fair', image: IMAGE, shareIdentifier: 'teamA', schedules: { nightly: { expression: 'rate(1 day)' } } },
          plainjob: { queue: 'main', image: IMAGE, schedules: { nightly: { expression: 'rate(1 day)' } } },
        },
      }),
    ).json,
  );
}

const check = (tf: any) => scheduleShareIdentifier.check(new TerraformModel(tf));

function editInput(tf: any, address: string, edit: (input: Record<string, unknown>) => void): void {
  const target = tf.resource.aws_scheduler_schedule[address].target;
  const input = JSON.parse(target.input);
  edit(input);
  target.input = JSON.stringify(input);
}

describe('BATCH_SCHEDULE_SHARE_IDENTIFIER', () => {
  it('reports a Scheduler target that submits to a fair-share queue without ShareIdentifier', () => {
    const tf = stack();
    editInput(tf, 'fairjob_nightly', (input) => delete input.ShareIdentifier);
    expect(check(tf)).toEqual([
      {
        rule: 'BATCH_SCHEDULE_SHARE_IDENTIFIER',
        severity: 'error',
        address: 'aws_scheduler_schedule.fairjob_nightly',
        message: 'submits to aws_batch_job_queue.fair, which has a fair-share scheduling policy, with no ShareIdentifier in its input: every run fails',
        fix: 'Add "ShareIdentifier": "<share>" to target.input, with a share of the scheduling policy of aws_batch_job_queue.fair.',
        link: scheduleShareIdentifier.link,
      },
    ]);
  });

  it('reports a ShareIdentifier sent to a queue without a scheduling policy', () => {
    const tf = stack();
    editInput(tf, 'plainjob_nightly', (input) => (input.ShareIdentifier = 'teamA'));
    expect(check(tf).map((f) => `${f.address}: ${f.message}`)).toEqual([
      'aws_scheduler_schedule.plainjob_nightly: sends ShareIdentifier to aws_batch_job_queue.main, which has no scheduling policy: Batch refuses a share identifier there',
    ]);
  });

  it("passes this project's schedules, and the whole doctor finds no error in them", () => {
    const tf = stack();
    expect(check(tf)).toEqual([]);
    expect(runDoctor(tf).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports an EventBridge rule whose batch_target is a fair-share queue (it cannot send a share), not one on a plain queue', () => {
    const tf = stack();
    tf.resource.aws_cloudwatch_event_target = {
      fair: { rule: 'nightly', arn: '${aws_batch_job_queue.fair.arn}', role_arn: 'arn:aws:iam::123456789012:role/events', batch_target: { job_definition: '${aws_batch_job_definition.fairjob.arn}', job_name: 'x' } },
      plain: { rule: 'nightly', arn: '${aws_batch_job_queue.main.arn}', role_arn: 'arn:aws:iam::123456789012:role/events', batch_target: { job_definition: '${aws_batch_job_definition.plainjob.arn}', job_name: 'x' } },
    };
    const findings = check(tf);
    expect(findings.map((f) => `${f.address}: ${f.message}`)).toEqual([
      "aws_cloudwatch_event_target.fair: has a batch_target on aws_batch_job_queue.fair, which has a fair-share scheduling policy; EventBridge's Batch target cannot send a share identifier, so every submission fails",
    ]);
    expect(findings[0]!.fix).toContain('Step Functions');
  });

  it('reads hand-written HCL: jsonencode input, a scheduling policy by reference; a variable policy is not judged', async () => {
    const { parse } = await import('@cdktf/hcl2json');
    const hcl = (policy: string, share: string) => `
resource "aws_batch_scheduling_policy" "fair" {
  name = "fair"
  fair_share_policy {
    share_distribution {
      share_identifier = "teamA"
    }
  }
}
resource "aws_batch_job_queue" "q" {
  name                  = "q"
  state                 = "ENABLED"
  priority              = 1
  scheduling_policy_arn = ${policy}
}
resource "aws_scheduler_schedule" "nightly" {
  schedule_expression = "rate(1 day)"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = "arn:aws:scheduler:::aws-sdk:batch:submitJob"
    role_arn = "arn:aws:iam::123456789012:role/scheduler"
    input = jsonencode({
      JobName       = "nightly"
      JobQueue      = aws_batch_job_queue.q.arn
      JobDefinition = "arn:aws:batch:ap-northeast-1:123456789012:job-definition/nightly"${share}
    })
  }
}`;
    const findingsOf = async (policy: string, share: string) => check((await parse('main.tf', hcl(policy, share))) as TerraformJson).map((f) => f.address);
    expect(await findingsOf('aws_batch_scheduling_policy.fair.arn', '')).toEqual(['aws_scheduler_schedule.nightly']);
    expect(await findingsOf('aws_batch_scheduling_policy.fair.arn', '\n      ShareIdentifier = "teamA"')).toEqual([]);
    expect(await findingsOf('var.policy_arn', '')).toEqual([]);
  });
});
