import { describe, expect, it } from 'vitest';
import { formatFindings, rulesMarkdown, runDoctor, RULES, type Finding } from '../../../src/doctor/index';
import { computeResources, ec2Stack, editContainer, endpointsOnly, fargateStack, merge, tf } from '../helpers';

describe('runDoctor', () => {
  it('finds nothing in the clean EC2 and Fargate fixtures', () => {
    expect(runDoctor(tf(ec2Stack()))).toEqual([]);
    expect(runDoctor(tf(fargateStack()))).toEqual([]);
    const privateOnly = endpointsOnly(ec2Stack());
    editContainer(privateOnly, (c) => (c.image = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1'));
    expect(runDoctor(tf(privateOnly))).toEqual([]);
  });

  it('finds nothing in an empty configuration', () => {
    expect(runDoctor({})).toEqual([]);
  });

  it('orders errors first, then by address, then by rule id', () => {
    // GIVEN a warning on the CE and three errors on the CE (BEST_FIT following
    // the template's latest_version is one of them)
    const r = ec2Stack();
    computeResources(r).min_vcpus = 128;
    computeResources(r).bid_percentage = 150;
    computeResources(r).allocation_strategy = 'BEST_FIT';
    // WHEN
    const findings = runDoctor(tf(r));
    // THEN
    expect(findings.map((f) => [f.severity, f.rule])).toEqual([
      ['error', 'BATCH_CE_BID_PERCENTAGE'],
      ['error', 'BATCH_CE_LAUNCH_TEMPLATE_VERSION'],
      ['error', 'BATCH_CE_MIN_ABOVE_MAX'],
      ['warning', 'BATCH_CE_REPLACED_ON_EDIT'],
    ]);
    expect(findings[0]!.constructPath).toBe('dev/compute/ec2');
  });

  it('is deterministic', () => {
    const r = merge(ec2Stack(), {});
    computeResources(r).min_vcpus = 128;
    expect(runDoctor(tf(r))).toEqual(runDoctor(tf(JSON.parse(JSON.stringify(r)))));
  });
});

describe('formatFindings', () => {
  it('says so when the report is clean', () => {
    expect(formatFindings([])).toBe('Batch doctor: no problems found.\n');
  });

  it('prints severity, rule, address, construct path, message, fix and a summary', () => {
    const findings: Finding[] = [
      { rule: 'BATCH_A', severity: 'error', address: 'aws_x.a', constructPath: 'dev/a', message: 'broken', fix: 'mend it' },
      { rule: 'BATCH_B', severity: 'warning', address: 'aws_x.b', message: 'odd', fix: 'look' },
    ];
    expect(formatFindings(findings)).toBe(
      [
        'ERROR BATCH_A  aws_x.a',
        '  construct: dev/a',
        '  broken',
        '  fix: mend it',
        '',
        'WARNING BATCH_B  aws_x.b',
        '  odd',
        '  fix: look',
        '',
        'Batch doctor: 1 error, 1 warning.',
        '',
      ].join('\n'),
    );
  });
});

describe('rules', () => {
  it('have unique ids, a severity, a why and a fix', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^BATCH_[A-Z0-9_]+$/);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.why.length).toBeGreaterThan(40);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
  });

  it('generate the README table, one row per rule', () => {
    const md = rulesMarkdown();
    const rows = md.trim().split('\n');
    expect(rows[0]).toBe('| rule | severity | why it matters | fix | pack | source |');
    expect(rows).toHaveLength(RULES.length + 2);
    for (const rule of RULES) expect(md).toContain(`| \`${rule.id}\` | ${rule.severity} |`);
    for (const rule of RULES) expect(md).toContain(` | ${rule.pack} | [${rule.link.startsWith('https://github.com/') ? 'provider' : 'AWS docs'}](${rule.link}) |\n`);
  });
});

describe('odd input', () => {
  it('never throws on values of unexpected types, and finds nothing it cannot see', () => {
    const odd = [
      { resource: 'not an object' },
      { resource: { aws_batch_compute_environment: 'x' } },
      { resource: { aws_batch_compute_environment: { a: { compute_resources: '${var.cr}', lifecycle: { create_before_destroy: true } } } } },
      { resource: { aws_batch_job_queue: { q: { compute_environment_order: '${var.order}', compute_environments: 7 } } } },
      { resource: { aws_batch_job_definition: { j: { container_properties: 42, platform_capabilities: '${var.caps}' } } } },
      { resource: { aws_security_group: { s: { egress: [null] } }, aws_vpc_endpoint: { e: { vpc_id: null, service_name: 3 } } } },
    ];
    for (const input of odd) expect(() => runDoctor(input as never)).not.toThrow();
    expect(runDoctor(odd[2] as never)).toEqual([]);
    expect(runDoctor(odd[4] as never)).toEqual([]);
  });
});
