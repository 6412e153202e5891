import { describe, expect, it } from 'vitest';
import { baseConfig, loadExample, synth } from '../../support/synth';

describe('permissionsBoundary', () => {
  const BOUNDARY = 'arn:aws:iam::123456789012:policy/github-batch-cdktf-apply-boundary';

  it('is the permissions boundary of every role the stack creates (instance, execution, job, service, schedule)', () => {
    const config = { ...loadExample('scheduled'), serviceRole: 'custom' as const, permissionsBoundary: BOUNDARY };
    const roles = synth(config).resource.aws_iam_role!;
    expect(Object.keys(roles).length).toBeGreaterThanOrEqual(5);
    for (const [name, role] of Object.entries(roles)) expect([name, role.permissions_boundary]).toEqual([name, BOUNDARY]);
  });

  it('is not set unless configured', () => {
    for (const role of Object.values(synth(baseConfig()).resource.aws_iam_role!)) expect(role.permissions_boundary).toBeUndefined();
  });

  it('must be a managed policy ARN', () => {
    expect(() => synth(baseConfig({ permissionsBoundary: 'github-batch-cdktf-apply-boundary' }))).toThrow(
      /permissionsBoundary: got "github-batch-cdktf-apply-boundary"; must be the ARN of a managed policy/,
    );
  });
});
