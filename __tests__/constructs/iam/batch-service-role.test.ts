import { describe, expect, it } from 'vitest';
import { baseConfig, synth } from '../../support/synth';

const trust = (role: Record<string, any>) => JSON.parse(role.assume_role_policy);

describe('default IAM (service-linked role)', () => {
  const s = synth(baseConfig());
  const roles = s.resource.aws_iam_role!;

  it('creates no custom service role and leaves service_role unset', () => {
    expect(roles.batch_service).toBeUndefined();
    expect(s.resource.aws_batch_compute_environment!.ondemand!.service_role).toBeUndefined();
  });
});

describe('custom service role', () => {
  const s = synth(baseConfig({ serviceRole: 'custom' }));

  it('is trusted by Batch of this account, with AWSBatchServiceRole attached', () => {
    expect(trust(s.resource.aws_iam_role!.batch_service!).Statement[0]).toMatchObject({
      Principal: { Service: 'batch.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    });
    expect(s.resource.aws_iam_role_policy_attachment!.service_batch!.policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole');
  });

  it('makes each compute environment depend on the policy attachment, so destroy cannot hang', () => {
    const ce = s.resource.aws_batch_compute_environment!.ondemand!;
    expect(ce.service_role).toBe('${aws_iam_role.batch_service.arn}');
    expect(ce.depends_on).toEqual(['aws_iam_role_policy_attachment.service_batch']);
  });
});
