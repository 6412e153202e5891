/** The rule contract: every rule says which pack it belongs to and what proves it, and findings carry the proof. */
import { describe, expect, it } from 'vitest';
import { collectingSkipped, finding, judgeEach } from '../../../src/doctor/engine/finding';
import { findingsJson, formatFindings } from '../../../src/doctor/engine/format';
import { PACKS, type Rule } from '../../../src/doctor/engine/types';
import { RULES, runDoctor } from '../../../src/doctor/index';
import { TerraformModel } from '../../../src/doctor/terraform/model';
import { computeResources, ec2Stack, tf } from '../helpers';

/** AWS documentation, or the provider's source at the version this project pins. */
const PROOF = /^https:\/\/(docs\.aws\.amazon\.com\/[\w./#-]+|github\.com\/hashicorp\/terraform-provider-aws\/blob\/v5\.100\.0\/[\w./#-]+)$/;

/** What is wrong with a rule's contract; empty when nothing. */
function contractProblems(rule: Partial<Rule>): string[] {
  return [
    ...(typeof rule.link === 'string' && PROOF.test(rule.link) ? [] : [`${rule.id}: link ${JSON.stringify(rule.link)} is not an AWS doc page or provider v5.100.0 source URL`]),
    ...(PACKS.includes(rule.pack!) ? [] : [`${rule.id}: pack ${JSON.stringify(rule.pack)} is not one of ${PACKS.join(', ')}`]),
  ];
}

describe('every rule', () => {
  it('has a link to the AWS doc or provider source that proves it, and a pack', () => {
    expect(RULES.flatMap(contractProblems)).toEqual([]);
  });

  it('is caught when it has no link or pack', () => {
    const { link: _link, pack: _pack, ...bare } = RULES[0]!;
    expect(contractProblems(bare)).toHaveLength(2);
    expect(contractProblems({ ...bare, link: 'https://example.com/blog', pack: 'style' as never })).toHaveLength(2);
    expect(contractProblems({ ...bare, link: 'https://github.com/hashicorp/terraform-provider-aws/blob/main/x.go', pack: 'security' })).toHaveLength(1);
  });

  it('is in the security pack exactly when it is a BATCH_SEC_* rule', () => {
    for (const rule of RULES) expect([rule.id, rule.pack === 'security']).toEqual([rule.id, rule.id.startsWith('BATCH_SEC_')]);
  });

  it('hands its link to its findings', () => {
    const r = ec2Stack();
    computeResources(r).min_vcpus = 128;
    const [f] = runDoctor(tf(r));
    expect(f).toMatchObject({ rule: 'BATCH_CE_MIN_ABOVE_MAX', link: RULES.find((x) => x.id === 'BATCH_CE_MIN_ABOVE_MAX')!.link });
  });
});

describe('findings show the link', () => {
  const withLink = { rule: 'BATCH_A', severity: 'error', address: 'aws_x.a', message: 'broken', fix: 'mend it', link: 'https://docs.aws.amazon.com/batch/a.html' } as const;

  it('as a "see:" line after the fix in the human output', () => {
    expect(formatFindings([withLink])).toBe(['ERROR BATCH_A  aws_x.a', '  broken', '  fix: mend it', '  see: https://docs.aws.amazon.com/batch/a.html', '', 'Batch doctor: 1 error, 0 warnings.', ''].join('\n'));
  });

  it('as a "link" field after the existing ones in the JSON output', () => {
    expect(findingsJson([withLink])).toBe(
      JSON.stringify(
        {
          findings: [{ rule: 'BATCH_A', severity: 'error', address: 'aws_x.a', message: 'broken', fix: 'mend it', link: 'https://docs.aws.amazon.com/batch/a.html' }],
          skipped: [],
          modules: [],
          summary: { errors: 1, warnings: 0, suppressed: 0, skipped: 0, unreadModules: 0 },
        },
        null,
        2,
      ) + '\n',
    );
  });
});

describe('judgeEach', () => {
  const rule = { id: 'BATCH_T', severity: 'warning', fix: 'general fix', link: 'https://docs.aws.amazon.com/t.html' } as const;
  const model = new TerraformModel({ resource: { aws_vpc: { a: { n: 1 }, b: { n: 2 }, c: { n: 3 } } } });

  it('turns a message, a message with its fix, or nothing into findings on each item', () => {
    const findings = judgeEach(rule, model.all('aws_vpc'), (vpc) => (vpc.name === 'a' ? 'only a message' : vpc.name === 'b' ? { message: 'with a fix', fix: 'specific fix' } : undefined));
    expect(findings).toEqual([
      finding(rule, model.get('aws_vpc.a')!, 'only a message'),
      { rule: 'BATCH_T', severity: 'warning', address: 'aws_vpc.b', message: 'with a fix', fix: 'specific fix', link: rule.link },
    ]);
    expect(findings[0]!.fix).toBe('general fix');
  });

  it('reports an item it cannot judge as skipped, with the reason, and no finding', () => {
    const { result, skipped } = collectingSkipped(() =>
      judgeEach(rule, model.all('aws_vpc'), (vpc) => (vpc.name === 'a' ? { unknown: 'cidr_block comes from var.cidr' } : vpc.name === 'b' ? 'a finding' : undefined)),
    );
    expect(result.map((f) => f.address)).toEqual(['aws_vpc.b']);
    expect(skipped).toEqual([{ rule: 'BATCH_T', address: 'aws_vpc.a', reason: 'cidr_block comes from var.cidr' }]);
    // Outside a run there is nowhere to put it: the rule's findings are the same.
    expect(judgeEach(rule, model.all('aws_vpc'), () => ({ unknown: 'x' }))).toEqual([]);
  });

  it("reports on an item's resource, or where resourceOf says", () => {
    const views = model.all('aws_vpc').map((resource) => ({ resource, n: resource.body['n'] as number }));
    expect(judgeEach(rule, views, (v) => (v.n > 2 ? 'big' : undefined)).map((f) => f.address)).toEqual(['aws_vpc.c']);
    const pairs = views.map((v) => [v.resource, v.n] as const);
    expect(judgeEach(rule, pairs, ([, n]) => (n === 1 ? 'one' : undefined), ([resource]) => resource).map((f) => f.address)).toEqual(['aws_vpc.a']);
  });
});
