import { describe, expect, it } from 'vitest';
import type { TerraformJson } from '../../../../src/doctor/index';
import { tagsInvalid } from '../../../../src/doctor/rules/naming/tags-invalid';
import { TerraformModel } from '../../../../src/doctor/terraform/model';
import { check, ec2Stack, job, tf } from '../../helpers';

const many = (n: number, prefix = 'k'): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));
const withProvider = (resources: ReturnType<typeof ec2Stack>, tags: Record<string, string>): TerraformJson => ({ ...tf(resources), provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags }] }] } });
const run = (json: TerraformJson) => tagsInvalid.check(new TerraformModel(json));

describe('BATCH_TAGS_INVALID', () => {
  it("reports more than 50 tags once the provider's default_tags are merged in", () => {
    const r = ec2Stack();
    job(r).tags = many(10, 'own');
    const findings = run(withProvider(r, many(45)));
    expect(findings.map((f) => f.address)).toContain('aws_batch_job_definition.job');
    expect(findings.find((f) => f.address === 'aws_batch_job_definition.job')).toMatchObject({
      severity: 'error',
      message: "tags: it carries 55 tags (45 from the provider's default_tags), and AWS allows 50",
    });
  });

  it('reports default tags alone over the limit on the Batch resources, and aws: keys and values', () => {
    const findings = run(withProvider(ec2Stack(), many(51)));
    expect(findings.map((f) => f.address).sort()).toEqual(['aws_batch_compute_environment.ec2', 'aws_batch_job_definition.job', 'aws_batch_job_queue.main']);
    const r = ec2Stack();
    r.aws_iam_role!.instance!.tags = { 'aws:owner': 'me', Team: 'AWS:batch' };
    expect(check(tagsInvalid, r)[0]!.message).toBe('tags: "aws:owner", "Team" start with aws:, which AWS reserves');
  });

  it('passes 50 tags with the defaults, a resource value overriding a default key, and tags it cannot read', () => {
    const r = ec2Stack();
    job(r).tags = { ...many(5), k0: 'own value' };
    expect(run(withProvider(r, many(45)))).toEqual([]);
    job(r).tags = '${var.tags}';
    expect(run(withProvider(r, many(45)))).toEqual([]);
    expect(check(tagsInvalid, ec2Stack())).toEqual([]);
  });
});
