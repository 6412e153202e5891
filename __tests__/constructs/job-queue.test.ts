import { describe, expect, it } from 'vitest';
import { baseConfig, synth } from '../support/synth';

describe('job queue', () => {
  const s = synth(
    baseConfig({
      computeEnvironments: { spot: { type: 'SPOT' }, ondemand: { type: 'EC2' } },
      jobQueues: { main: { computeEnvironments: ['spot', 'ondemand'], priority: 5, runnableTimeoutSeconds: 900 } },
    }),
  );
  const queue = s.resource.aws_batch_job_queue!.main!;

  it('orders compute environments by ARN: Spot first, then on-demand', () => {
    expect(queue.compute_environment_order).toEqual([
      { order: 0, compute_environment: '${aws_batch_compute_environment.spot.arn}' },
      { order: 1, compute_environment: '${aws_batch_compute_environment.ondemand.arn}' },
    ]);
    expect(queue.compute_environments).toBeUndefined();
  });

  it('has name, priority and state', () => {
    expect(queue).toMatchObject({ name: 'unit-main', priority: 5, state: 'ENABLED' });
  });

  it('cancels jobs stuck RUNNABLE for misconfiguration after the configured time', () => {
    expect(queue.job_state_time_limit_action).toEqual([
      { state: 'RUNNABLE', action: 'CANCEL', reason: 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE', max_time_seconds: 900 },
      { state: 'RUNNABLE', action: 'CANCEL', reason: 'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT', max_time_seconds: 900 },
    ]);
  });

  it('has no scheduling policy unless fair share is configured', () => {
    expect(queue.scheduling_policy_arn).toBeUndefined();
  });
});
