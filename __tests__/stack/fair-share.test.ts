/**
 * Fair-share queues: every way this project submits a job (schedules, the
 * submit_command output; the job CLI in __tests__/job) names a share the
 * queue's policy takes, and nothing names one for a queue without a policy.
 * (The config checks that refuse a wrong share: __tests__/config/checks/job-queues.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { baseConfig, loadExample, synth } from '../support/synth';
import { IMAGE, withJob } from '../support/fair-share';

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

describe('the nat example (a fair-share queue)', () => {
  it('gives its job definition a share of the policy, so its submit_command works', () => {
    const s = synth(loadExample('nat'), 'nat');
    expect(s.output.job_definition_crawl_submit_command!.value).toMatch(/--share-identifier teamA$/);
  });
});
