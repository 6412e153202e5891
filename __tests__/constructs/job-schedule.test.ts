/** A job definition's schedules, and the role they submit with (iam/scheduler-role.ts). */
import { describe, expect, it } from 'vitest';
import { baseConfig, synth } from '../support/synth';
import type { BatchConfig, ScheduleConfig } from '../../src/config/schema';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello:1';

/** The base config whose `hello` job definition carries the given schedules. */
function withSchedules(schedules: Record<string, ScheduleConfig>): BatchConfig {
  return baseConfig({ jobDefinitions: { hello: { queue: 'main', image: IMAGE, schedules } } });
}

describe('a job definition schedule', () => {
  // GIVEN a job definition with one schedule
  const s = synth(withSchedules({ nightly: { expression: 'cron(0 3 * * ? *)', timezone: 'Asia/Tokyo', parameters: { date: 'today', a: '1' } } }));
  const schedule = s.resource.aws_scheduler_schedule!.hello_nightly!;

  it('is an EventBridge Scheduler schedule at the user-named address, with the expression and time zone', () => {
    expect(schedule).toMatchObject({
      name: 'unit-hello-nightly',
      schedule_expression: 'cron(0 3 * * ? *)',
      schedule_expression_timezone: 'Asia/Tokyo',
      state: 'ENABLED',
      flexible_time_window: { mode: 'OFF' },
    });
  });

  it('calls Batch SubmitJob through the universal target with the queue ARN, the arn_prefix and sorted parameters', () => {
    expect(schedule.target.arn).toBe('arn:aws:scheduler:::aws-sdk:batch:submitJob');
    expect(JSON.parse(schedule.target.input)).toEqual({
      JobName: 'hello-nightly',
      JobQueue: '${aws_batch_job_queue.main.arn}',
      JobDefinition: '${aws_batch_job_definition.hello.arn_prefix}',
      Parameters: { a: '1', date: 'today' },
    });
    expect(Object.keys(JSON.parse(schedule.target.input).Parameters)).toEqual(['a', 'date']);
    expect(schedule.target.retry_policy).toEqual({ maximum_event_age_in_seconds: 3600, maximum_retry_attempts: 5 });
  });

  it('runs as a role that scheduler.amazonaws.com of this account alone can assume', () => {
    expect(schedule.target.role_arn).toBe('${aws_iam_role.schedule_hello.arn}');
    const role = s.resource.aws_iam_role!.schedule_hello!;
    expect(role.name).toBe('unit-sched-hello');
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } },
      ],
    });
  });

  it('whose role may only submit this job definition (any revision) to its queue', () => {
    const policy = s.resource.aws_iam_role_policy!.schedule_hello!;
    expect(policy.role).toBe('${aws_iam_role.schedule_hello.id}');
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: 'SubmitScheduledJob',
        Effect: 'Allow',
        Action: 'batch:SubmitJob',
        Resource: ['${aws_batch_job_queue.main.arn}', '${aws_batch_job_definition.hello.arn_prefix}', '${aws_batch_job_definition.hello.arn_prefix}:*'],
      },
      { Sid: 'SendDeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '${aws_sqs_queue.schedule_dead_letters.arn}' },
    ]);
    expect(schedule.depends_on).toEqual(['aws_iam_role_policy.schedule_hello']);
  });

  it('is an output by name', () => {
    expect(s.output.schedule_hello_nightly_name!.value).toBe('unit-hello-nightly');
  });
});

describe('schedule options', () => {
  it('leaves Parameters out when there are none, and honours state and a flexible window', () => {
    const s = synth(withSchedules({ often: { expression: 'rate(5 minutes)', state: 'DISABLED', flexibleWindowMinutes: 10 } }));
    const schedule = s.resource.aws_scheduler_schedule!.hello_often!;
    expect(JSON.parse(schedule.target.input)).not.toHaveProperty('Parameters');
    expect(schedule).toMatchObject({ state: 'DISABLED', schedule_expression_timezone: 'UTC', flexible_time_window: { mode: 'FLEXIBLE', maximum_window_in_minutes: 10 } });
  });

  it('creates one role per scheduled job definition and none for unscheduled ones', () => {
    const s = synth(withSchedules({ a: { expression: 'rate(1 day)' }, b: { expression: 'at(2030-01-01T09:00:00)' } }));
    expect(Object.keys(s.resource.aws_scheduler_schedule!).sort()).toEqual(['hello_a', 'hello_b']);
    expect(Object.keys(s.resource.aws_iam_role!).filter((k) => k.startsWith('schedule_'))).toEqual(['schedule_hello']);
    expect(synth(baseConfig()).resource.aws_scheduler_schedule).toBeUndefined();
  });
});
