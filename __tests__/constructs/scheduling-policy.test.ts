import { describe, expect, it } from 'vitest';
import { baseConfig, synth } from '../support/synth';

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
