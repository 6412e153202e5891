import { describe, expect, it } from 'vitest';
import { nameCollision } from '../../../../src/doctor/rules/naming/name-collision';
import { check, ec2Stack, job } from '../../helpers';

describe('BATCH_NAME_COLLISION', () => {
  it('reports IAM roles whose names differ only in case (IAM ignores case)', () => {
    const r = ec2Stack();
    r.aws_iam_role!.other = { name: 'Instance', assume_role_policy: '{}' };
    expect(check(nameCollision, r)).toMatchObject([
      {
        severity: 'error',
        address: 'aws_iam_role.other',
        message: 'is the IAM role "Instance", like aws_iam_role.instance ("instance"): the second create fails (IAM ignores case in names)',
      },
    ]);
  });

  it('reports two job queues with one name, and two job definitions with one name (they share revisions)', () => {
    const r = ec2Stack();
    r.aws_batch_job_queue!.copy = { ...r.aws_batch_job_queue!.main };
    r.aws_batch_job_definition!.copy = { ...job(r) };
    const messages = check(nameCollision, r).map((f) => `${f.address}: ${f.message}`);
    expect(messages).toEqual([
      'aws_batch_job_queue.main: is the job queue "main", like aws_batch_job_queue.copy ("main"): the second create fails',
      expect.stringMatching(/^aws_batch_job_definition\.job: is the job definition "job", like aws_batch_job_definition\.copy \("job"\): both register revisions of one job definition/),
    ]);
  });

  it('reports a literal name on a resource with several instances (count or for_each)', () => {
    const r = ec2Stack();
    r.aws_iam_role!.worker = { count: 3, name: 'worker', assume_role_policy: '{}' };
    expect(check(nameCollision, r)[0]!.message).toBe('every one of its 3 instances (count) is the IAM role "worker": all but the first fail to create');
  });

  it('passes distinct names, names built from count.index or each.key, prefixes and names it cannot read', () => {
    const r = ec2Stack();
    r.aws_iam_role!.worker = { count: 3, name: 'worker-${count.index}', assume_role_policy: '{}' };
    r.aws_iam_role!.byKey = { for_each: { a: 1, b: 2 }, name: 'role-${each.key}', assume_role_policy: '{}' };
    r.aws_iam_role!.prefixed = { name_prefix: 'instance', assume_role_policy: '{}' };
    r.aws_iam_role!.variable = { name: '${var.role_name}', assume_role_policy: '{}' };
    r.aws_batch_compute_environment!.other = { ...r.aws_batch_compute_environment!.ec2 };
    expect(check(nameCollision, r)).toEqual([]);
  });
});
