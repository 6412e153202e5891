import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../../../src/doctor/index';
import { queueFairShareNoShare } from '../../../../src/doctor/rules/job-queues/fair-share-no-share';
import { TerraformModel } from '../../../../src/doctor/terraform/model';
import { loadExample, synth } from '../../../support/synth';
import { check, ec2Stack, queue, ref, type Resources } from '../../helpers';

function fair(policy: unknown = ref('aws_batch_scheduling_policy.fair', 'arn')): Resources {
  const r = ec2Stack();
  r.aws_batch_scheduling_policy = { fair: { name: 'fair', fair_share_policy: { share_distribution: [{ share_identifier: 'teamA', weight_factor: 1 }] } } };
  queue(r).scheduling_policy_arn = policy;
  return r;
}

describe('BATCH_QUEUE_FAIR_SHARE_NO_SHARE', () => {
  it('reports a fair-share queue when nothing in the configuration names a share (the policy\'s own shares do not count)', () => {
    expect(check(queueFairShareNoShare, fair())).toMatchObject([
      {
        severity: 'warning',
        address: 'aws_batch_job_queue.main',
        message: 'has a fair-share scheduling policy (scheduling_policy_arn), and nothing in this configuration submits to it with a share identifier: every SubmitJob to it must name one, or Batch refuses the job',
      },
    ]);
    expect(check(queueFairShareNoShare, fair('arn:aws:batch:eu-west-1:123456789012:scheduling-policy/fair'))).toHaveLength(1);
  });

  it('still reports it when only variables mention shares (they feed the policy, not a submitter)', () => {
    const tf = { resource: fair(), variable: { shares: { default: [{ share_identifier: 'teamA', weight_factor: 1 }] } } };
    expect(queueFairShareNoShare.check(new TerraformModel(tf))).toHaveLength(1);
  });

  it('passes when a submitter names a share (a schedule input, an output), when a schedule submits to it (the error rule judges that), and a queue without a policy', () => {
    const withOutput = fair();
    const tf = { resource: withOutput, output: { submit: { value: 'aws batch submit-job --job-queue main --share-identifier teamA' } } };
    expect(queueFairShareNoShare.check(new TerraformModel(tf))).toEqual([]);
    const scheduled = fair();
    scheduled.aws_scheduler_schedule = {
      s: { schedule_expression: 'rate(1 day)', target: { arn: 'arn:aws:scheduler:::aws-sdk:batch:submitJob', role_arn: 'arn:aws:iam::123456789012:role/s', input: JSON.stringify({ JobQueue: ref('aws_batch_job_queue.main', 'arn'), JobDefinition: 'job', JobName: 's' }) } },
    };
    expect(check(queueFairShareNoShare, scheduled)).toEqual([]);
    expect(check(queueFairShareNoShare, ec2Stack())).toEqual([]);
    expect(check(queueFairShareNoShare, fair('${var.policy_arn}'))).toEqual([]);
  });

  it("passes this project's fair-share example, whose outputs carry the share", () => {
    const tf = JSON.parse(synth(loadExample('nat')).json);
    expect(Object.values(tf.resource.aws_batch_job_queue as Record<string, { scheduling_policy_arn?: string }>).some((q) => q.scheduling_policy_arn)).toBe(true);
    expect(runDoctor(tf).filter((f) => f.rule === queueFairShareNoShare.id)).toEqual([]);
  });
});
