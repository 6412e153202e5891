import { describe, expect, it } from 'vitest';
import { baseConfig, synth } from '../../support/synth';

describe('default IAM: a job role', () => {
  const s = synth(baseConfig());
  const roles = s.resource.aws_iam_role!;

  it('creates a job role per job definition with no permissions by default', () => {
    expect(roles.job_hello).toMatchObject({ name: 'unit-job-hello' });
    expect(s.resource.aws_iam_role_policy).toBeUndefined();
  });
});

describe('job role statements', () => {
  it('become the job role policy, exactly as given', () => {
    const s = synth(
      baseConfig({
        jobDefinitions: {
          hello: {
            queue: 'main',
            image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1',
            jobRoleStatements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }],
          },
        },
      }),
    );
    expect(JSON.parse(s.resource.aws_iam_role_policy!.job_hello!.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::bucket/*'] }],
    });
  });
});
