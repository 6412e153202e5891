/**
 * The shipped prod environment shows what a production setup needs beyond
 * the queues: its nightly ETL on a schedule, and failures that reach a
 * person. (It is planned with the real provider in __tests__/bootstrap/plan.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { runDoctor, type TerraformJson } from '../../src/doctor/index';
import { loadConfigFile, parseConfig } from '../../src/index';
import { commandParameters } from '../../src/aws/job-definitions';
import { ROOT, synth } from '../support/synth';

const config = loadConfigFile(`${ROOT}environments/prod.json`);
const prod = synth(config, 'prod');

describe('prod', () => {
  it('runs the nightly ETL every night at 02:00 Tokyo time, through EventBridge Scheduler', () => {
    expect(prod.resource.aws_scheduler_schedule!['nightly-etl_nightly']).toMatchObject({
      name: 'batch-prod-nightly-etl-nightly',
      schedule_expression: 'cron(0 2 * * ? *)',
      schedule_expression_timezone: 'Asia/Tokyo',
      state: 'ENABLED',
      target: { arn: 'arn:aws:scheduler:::aws-sdk:batch:submitJob', dead_letter_config: { arn: '${aws_sqs_queue.schedule_dead_letters.arn}' } },
    });
  });

  it("fills every Ref:: of the ETL's command: date is the run's scheduled time", () => {
    const input = JSON.parse(prod.resource.aws_scheduler_schedule!['nightly-etl_nightly']!.target.input);
    expect(input).toEqual({
      JobName: 'nightly-etl-nightly',
      JobQueue: '${aws_batch_job_queue.bulk.arn}',
      JobDefinition: '${aws_batch_job_definition.nightly-etl.arn_prefix}',
      Parameters: { date: '<aws.scheduler.scheduled-time>' },
    });
    const command = parseConfig(config).jobDefinitions['nightly-etl']!.command;
    expect(commandParameters(command)).toEqual(['date']);
  });

  it('notifies on-call of every failed job of its queues, and of a scheduled run that could not be submitted', () => {
    const pattern = JSON.parse(prod.resource.aws_cloudwatch_event_rule!.job_state!.event_pattern);
    expect(pattern.detail).toEqual({ status: ['FAILED'], jobQueue: ['${aws_batch_job_queue.bulk.arn}', '${aws_batch_job_queue.critical.arn}', '${aws_batch_job_queue.light.arn}'] });
    expect(prod.resource.aws_sns_topic_subscription!.notify_oncall).toMatchObject({ protocol: 'email', endpoint: 'batch-oncall@example.com' });
    expect(prod.resource.aws_cloudwatch_metric_alarm!.schedule_dead_letters!.alarm_actions).toEqual(['${aws_sns_topic.notifications.arn}']);
    expect(prod.output.notifications_topic_arn).toBeDefined();
  });

  it('is clean under the doctor: no errors, no warnings', () => {
    expect(runDoctor(JSON.parse(prod.json) as TerraformJson)).toEqual([]);
  });
});

describe('a schedule must fill the placeholders of its command', () => {
  const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/etl:1';
  const withSchedule = (parameters: Record<string, string>) => ({
    name: 'unit',
    accountId: '123456789012',
    computeEnvironments: { ondemand: { type: 'EC2' as const } },
    jobQueues: { main: { computeEnvironments: ['ondemand'] } },
    jobDefinitions: { etl: { queue: 'main', image: IMAGE, command: ['etl', '--date', 'Ref::date', '--mode=Ref::mode'], schedules: { nightly: { expression: 'rate(1 day)', parameters } } } },
  });
  const problems = (parameters: Record<string, string>) => {
    try {
      parseConfig(withSchedule(parameters), 'unit');
      return [];
    } catch (error) {
      return (error as { problems: unknown[] }).problems;
    }
  };

  it('names each missing one, with the fix', () => {
    expect(problems({})).toEqual([
      {
        path: 'jobDefinitions.etl.schedules.nightly',
        message: 'gives no value for Ref::date, Ref::mode in the command of jobDefinitions.etl, and the job definition has no default for it, so the scheduled job would run without it',
        fix: 'add "parameters": {"date": "...", "mode": "..."} to the schedule (or to jobDefinitions.etl as a default); "<aws.scheduler.scheduled-time>" passes the run\'s scheduled time (UTC, e.g. 2024-06-01T17:00:00Z)',
      },
    ]);
    expect(problems({ date: 'x' })).toMatchObject([{ path: 'jobDefinitions.etl.schedules.nightly.parameters', message: expect.stringContaining('no value for Ref::mode') }]);
  });

  it('refuses a Scheduler keyword that Scheduler does not replace', () => {
    expect(problems({ date: '<aws.scheduler.scheduled_time>', mode: 'full' })).toEqual([
      {
        path: 'jobDefinitions.etl.schedules.nightly.parameters.date',
        message: 'uses <aws.scheduler.scheduled_time>, which EventBridge Scheduler does not replace (it would be passed as written)',
        fix: 'use one of <aws.scheduler.schedule-arn>, <aws.scheduler.scheduled-time>, <aws.scheduler.execution-id>, <aws.scheduler.attempt-number>',
      },
    ]);
    expect(problems({ date: '<aws.scheduler.scheduled-time>', mode: 'full' })).toEqual([]);
  });
});
