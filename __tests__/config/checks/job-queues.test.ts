/** checks/job-queues.ts: the compute environments of each queue, and fair share. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/index';
import { baseConfig } from '../../support/synth';
import { errorOf, problemsOf } from './problems';
import { IMAGE, withJob } from '../../support/fair-share';

describe('job queues', () => {
  it('rejects a queue that names an unknown compute environment', () => {
    const error = errorOf(baseConfig({ jobQueues: { main: { computeEnvironments: ['ondemand', 'spto'] } } }));
    expect(error.problems[0]).toEqual({
      path: 'jobQueues.main.computeEnvironments[1]',
      message: 'got "spto", which is not a compute environment of this config',
      fix: 'use one of: ondemand',
    });
  });

  it('rejects a queue mixing EC2 and Fargate', () => {
    const error = errorOf(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2' }, fargate: { type: 'FARGATE' } }, jobQueues: { main: { computeEnvironments: ['ondemand', 'fargate'] } }, jobDefinitions: {} }));
    expect(error.problems[0]!.message).toMatch(/mixes EC2\/SPOT with FARGATE/);
  });
});

describe('share identifiers are checked against the queue before anything is written', () => {
  it('requires a share on a job definition of a fair-share queue, and names the policy\'s shares', () => {
    expect(problemsOf(withJob({ schedules: { nightly: { expression: 'rate(1 day)' } } }))).toEqual([
      {
        path: 'jobDefinitions.hello',
        message: 'has no shareIdentifier, but its job queue "fair" has a fair-share policy: every SubmitJob to it (schedules, npm run job, the submit_command output) must name a share',
        fix: 'add "shareIdentifier": "teamA" (the policy\'s shares: batch*, teamA)',
      },
    ]);
  });

  it('refuses a share no entry of the policy matches, on the job definition and on a schedule', () => {
    const problems = problemsOf(withJob({ shareIdentifier: 'teamB', schedules: { nightly: { expression: 'rate(1 day)', shareIdentifier: 'bat' } } }));
    expect(problems.map((p) => p.path)).toEqual(['jobDefinitions.hello.shareIdentifier', 'jobDefinitions.hello.schedules.nightly.shareIdentifier']);
    expect(problems[0]!.message).toBe('got "teamB", which no share of job queue "fair"\'s fair-share policy matches (shares: batch*, teamA); Batch would run it at the default weight 1');
    expect(problems[0]!.fix).toContain('add "teamB" to jobQueues.fair.fairShare.shares');
  });

  it('takes any share when the policy lists none', () => {
    expect(() => parseConfig(withJob({ shareIdentifier: 'anyone' }, { computeEnvironments: ['ondemand'], fairShare: {} }))).not.toThrow();
  });

  it('refuses a share identifier and a scheduling priority for a queue without a fair-share policy', () => {
    const config = baseConfig({ jobDefinitions: { hello: { queue: 'main', image: IMAGE, shareIdentifier: 'teamA', schedulingPriority: 5, schedules: { nightly: { expression: 'rate(1 day)', shareIdentifier: 'teamA' } } } } });
    const problems = problemsOf(config);
    expect(problems.map((p) => p.path)).toEqual(['jobDefinitions.hello.shareIdentifier', 'jobDefinitions.hello.schedulingPriority', 'jobDefinitions.hello.schedules.nightly.shareIdentifier']);
    expect(problems[0]).toEqual({
      path: 'jobDefinitions.hello.shareIdentifier',
      message: 'is set, but job queue "main" has no fair-share policy; Batch refuses a share identifier there',
      fix: 'remove shareIdentifier, or give jobQueues.main a fairShare policy',
    });
  });

  it.each([
    [{ shareIdentifier: 'team*' }, 'jobDefinitions.hello.shareIdentifier', 'must be a share identifier'],
    [{ shareIdentifier: 'teamA', schedulingPriority: 10000 }, 'jobDefinitions.hello.schedulingPriority', 'must be at most 9999'],
    [{ shareIdentifier: 'teamA', schedulingPriority: -1 }, 'jobDefinitions.hello.schedulingPriority', 'must be at least 0'],
  ])('refuses %j', (job, path, message) => {
    const [problem] = problemsOf(withJob(job));
    expect(problem!.path).toBe(path);
    expect(problem!.message).toContain(message);
  });

  it('refuses a fair-share policy whose shares overlap (Batch rejects it)', () => {
    const problems = problemsOf(withJob({ shareIdentifier: 'teamA' }, { computeEnvironments: ['ondemand'], fairShare: { shares: { 'team*': 1, teamA: 2 } } }));
    expect(problems).toEqual([
      { path: 'jobQueues.fair.fairShare.shares', message: '"team*" and "teamA" overlap; Batch refuses a fair-share policy whose share identifiers overlap', fix: 'remove one of them, or rename so that no * prefix matches another entry' },
    ]);
  });
});
