import { describe, expect, it } from 'vitest';
import { secSharedRole } from '../../../../src/doctor/rules/security/shared-role';
import { ce, check, ec2Stack, editContainer, fargateStack, ref } from '../../helpers';

describe('BATCH_SEC_SHARED_ROLE', () => {
  it('reports one role as execution role and job role: the job holds the agent\'s rights', () => {
    const r = fargateStack();
    r.aws_iam_role = { task: { name: 'task', assume_role_policy: '{}' } };
    editContainer(r, (p) => {
      p.executionRoleArn = ref('aws_iam_role.task', 'arn');
      p.jobRoleArn = ref('aws_iam_role.task', 'arn');
    });
    const findings = check(secSharedRole, r);
    expect(findings).toMatchObject([{ severity: 'warning', address: 'aws_iam_role.task' }]);
    expect(findings[0]!.message).toMatch(/^aws_iam_role\.task is the job role \(jobRoleArn: what the job's own code may do\) of aws_batch_job_definition\.job; execution role .* of aws_batch_job_definition\.job: the job's code can read every secret the execution role reads/);
  });

  it('reports the instance role or the service role used as a job role, also given as a literal ARN with the role\'s name', () => {
    const r = ec2Stack();
    editContainer(r, (p) => (p.jobRoleArn = 'arn:aws:iam::123456789012:role/instance'));
    expect(check(secSharedRole, r)[0]!.message).toContain("the job's code holds the ECS agent's rights");
    const s = ec2Stack();
    s.aws_iam_role!.service = { name: 'service', assume_role_policy: '{}' };
    ce(s).service_role = ref('aws_iam_role.service', 'arn');
    editContainer(s, (p) => (p.jobRoleArn = ref('aws_iam_role.service', 'arn')));
    expect(check(secSharedRole, s)[0]!.message).toContain('it controls every compute environment');
  });

  it('reports a shared role outside the configuration at the job definition', () => {
    const r = fargateStack();
    editContainer(r, (p) => (p.jobRoleArn = 'arn:aws:iam::123456789012:role/exec'));
    expect(check(secSharedRole, r)).toMatchObject([{ address: 'aws_batch_job_definition.job', message: expect.stringMatching(/^role arn:aws:iam::123456789012:role\/exec is the job role/) }]);
  });

  it('passes one role per place, one execution role shared by many job definitions, and the service-linked role', () => {
    const r = fargateStack();
    r.aws_iam_role = { job: { name: 'job', assume_role_policy: '{}' } };
    editContainer(r, (p) => (p.jobRoleArn = ref('aws_iam_role.job', 'arn')));
    r.aws_batch_job_definition!.second = { ...r.aws_batch_job_definition!.job, name: 'second' };
    expect(check(secSharedRole, r)).toEqual([]);
    const s = ec2Stack();
    ce(s).service_role = 'arn:aws:iam::123456789012:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch';
    editContainer(s, (p) => (p.jobRoleArn = 'arn:aws:iam::123456789012:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch'));
    expect(check(secSharedRole, s)).toEqual([]);
  });
});
