/**
 * Rules for Terraform that plans cleanly and then fails at apply, on the next
 * apply, or when a job starts: a failing and a passing case each.
 */
import { describe, expect, it } from 'vitest';
import { ceFargateUpdatePolicy } from '../../src/checks/rules/ce-fargate-update-policy';
import { ce, check, ec2Stack, fargateStack } from './helpers';

describe('BATCH_CE_FARGATE_UPDATE_POLICY', () => {
  it('reports update_policy on a Fargate compute environment', () => {
    const r = fargateStack();
    ce(r, 'fargate').update_policy = { job_execution_timeout_minutes: 30, terminate_jobs_on_update: false };
    expect(check(ceFargateUpdatePolicy, r)).toMatchObject([{ severity: 'error', address: 'aws_batch_compute_environment.fargate', message: expect.stringContaining('FARGATE compute environment') }]);
  });

  it('reads the HCL block shape (a list of one object), and FARGATE_SPOT', () => {
    const r = fargateStack();
    ce(r, 'fargate').compute_resources.type = 'FARGATE_SPOT';
    ce(r, 'fargate').update_policy = [{ terminate_jobs_on_update: true }];
    expect(check(ceFargateUpdatePolicy, r)).toHaveLength(1);
  });

  it('passes Fargate without update_policy, and update_policy on EC2', () => {
    expect(check(ceFargateUpdatePolicy, fargateStack())).toEqual([]);
    const r = ec2Stack();
    ce(r).update_policy = { job_execution_timeout_minutes: 30, terminate_jobs_on_update: false };
    expect(check(ceFargateUpdatePolicy, r)).toEqual([]);
  });
});
