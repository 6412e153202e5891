import { describe, expect, it } from 'vitest';
import { jobReservedEnvironment } from '../../../../src/doctor/rules/jobs/reserved-environment';
import { check, ec2Stack, editContainer } from '../../helpers';

describe('BATCH_JOB_RESERVED_ENVIRONMENT', () => {
  it('reports environment and secrets named AWS_BATCH*', () => {
    const r = ec2Stack();
    editContainer(r, (p) => {
      p.environment = [{ name: 'AWS_BATCH_JOB_ID', value: 'x' }, { name: 'MODE', value: 'full' }];
      p.secrets = [{ name: 'AWS_BATCH_TOKEN', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/token' }];
    });
    expect(check(jobReservedEnvironment, r)).toMatchObject([
      {
        severity: 'error',
        address: 'aws_batch_job_definition.job',
        message: "container_properties environment AWS_BATCH_JOB_ID, secrets AWS_BATCH_TOKEN: names starting with AWS_BATCH are Batch's own, and RegisterJobDefinition refuses the job definition",
        fix: 'Rename AWS_BATCH_JOB_ID, AWS_BATCH_TOKEN so they do not start with AWS_BATCH.',
      },
    ]);
  });

  it('passes other names, including ones that only contain AWS_BATCH', () => {
    const r = ec2Stack();
    editContainer(r, (p) => (p.environment = [{ name: 'MY_AWS_BATCH_QUEUE', value: 'x' }, { name: 'AWS_REGION', value: 'eu-west-1' }]));
    expect(check(jobReservedEnvironment, r)).toEqual([]);
  });
});
