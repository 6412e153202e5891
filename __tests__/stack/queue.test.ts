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

describe('fair share', () => {
  it('creates a scheduling policy with sorted shares and attaches it', () => {
    const config = baseConfig({ jobQueues: { main: { computeEnvironments: ['ondemand'], fairShare: { computeReservation: 10, shares: { teamB: 2, teamA: 1 } } } } });
    config.jobDefinitions!.hello!.shareIdentifier = 'teamA';
    const s = synth(config);
    expect(s.resource.aws_batch_scheduling_policy!.main).toMatchObject({
      name: 'unit-main',
      fair_share_policy: {
        compute_reservation: 10,
        share_decay_seconds: 3600,
        share_distribution: [
          { share_identifier: 'teamA', weight_factor: 1 },
          { share_identifier: 'teamB', weight_factor: 2 },
        ],
      },
    });
    expect(s.resource.aws_batch_job_queue!.main!.scheduling_policy_arn).toBe('${aws_batch_scheduling_policy.main.arn}');
  });
});
