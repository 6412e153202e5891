/**
 * Fair-share queues: every way this project submits a job (schedules, the
 * submit_command output; the job CLI in __tests__/job) names a share the
 * queue's policy takes, and nothing names one for a queue without a policy.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/index';
import { shareMatches } from '../../src/aws/fair-share';
import type { BatchConfig, JobDefinitionConfig, JobQueueConfig } from '../../src/config/schema';
import { baseConfig, loadExample, synth } from '../support/synth';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello:1';
const FAIR: JobQueueConfig = { computeEnvironments: ['ondemand'], fairShare: { shares: { teamA: 1, 'batch*': 0.5 } } };

/** A config with a fair-share queue `fair`, a plain queue `main`, and one job definition. */
function withJob(job: Partial<JobDefinitionConfig>, fair: JobQueueConfig = FAIR): BatchConfig {
  return baseConfig({
    jobQueues: { main: { computeEnvironments: ['ondemand'] }, fair },
    jobDefinitions: { hello: { queue: 'fair', image: IMAGE, ...job } },
  });
}

function problemsOf(config: BatchConfig): ConfigError['problems'] {
  try {
    parseConfig(config, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('a job definition on a fair-share queue', () => {
  const s = synth(
    withJob({
      shareIdentifier: 'teamA',
      schedulingPriority: 50,
      schedules: {
        nightly: { expression: 'cron(0 3 * * ? *)', parameters: { date: 'today' } },
        backfill: { expression: 'rate(1 day)', shareIdentifier: 'batchBackfill' },
      },
    }),
  );

  it('submits each scheduled run with a share identifier: the schedule\'s own, else the job definition\'s', () => {
    const input = (name: string) => JSON.parse(s.resource.aws_scheduler_schedule![name]!.target.input);
    expect(input('hello_nightly')).toEqual({
      JobName: 'hello-nightly',
      JobQueue: '${aws_batch_job_queue.fair.arn}',
      JobDefinition: '${aws_batch_job_definition.hello.arn_prefix}',
      ShareIdentifier: 'teamA',
      Parameters: { date: 'today' },
    });
    expect(input('hello_backfill')).toMatchObject({ ShareIdentifier: 'batchBackfill' });
  });

  it('has a submit_command that passes the share', () => {
    expect(s.output.job_definition_hello_submit_command!.value).toBe(
      'aws batch submit-job --region ap-northeast-1 --job-queue unit-fair --job-definition unit-hello --job-name hello --share-identifier teamA',
    );
  });

  it('registers its scheduling priority', () => {
    expect(s.resource.aws_batch_job_definition!.hello!.scheduling_priority).toBe(50);
  });
});

describe('a job definition on a queue without a policy', () => {
  const s = synth(baseConfig({ jobDefinitions: { hello: { queue: 'main', image: IMAGE, schedules: { nightly: { expression: 'rate(1 day)' } } } } }));

  it('submits without a share identifier and registers no scheduling priority', () => {
    expect(JSON.parse(s.resource.aws_scheduler_schedule!.hello_nightly!.target.input)).not.toHaveProperty('ShareIdentifier');
    expect(s.output.job_definition_hello_submit_command!.value).not.toContain('--share-identifier');
    expect(s.resource.aws_batch_job_definition!.hello).not.toHaveProperty('scheduling_priority');
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

describe('shareMatches: how Batch applies a policy entry to a job\'s share', () => {
  it.each([
    ['teamA', ['teamA'], true],
    ['teamAB', ['teamA'], false],
    ['batchNightly', ['batch*'], true],
    ['batch', ['batch*'], true],
    ['bat', ['batch*'], false],
    ['anyone', [], true],
  ])('%s against %j: %s', (share, shares, expected) => {
    expect(shareMatches(share, shares)).toBe(expected);
  });
});

describe('the nat example (a fair-share queue)', () => {
  it('gives its job definition a share of the policy, so its submit_command works', () => {
    const s = synth(loadExample('nat'), 'nat');
    expect(s.output.job_definition_crawl_submit_command!.value).toMatch(/--share-identifier teamA$/);
  });
});
