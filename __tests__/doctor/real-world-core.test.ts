/**
 * The real-world fixtures (__tests__/doctor/real-world/<name>/, each modelled
 * on a public AWS Batch configuration of the doctor study) judged in process,
 * with the contract's semantics: the findings are exactly the expected ones,
 * none is a listed false alarm, every expected skipped check is there, and
 * the modules not read are the expected ones. (The CLI runner,
 * real-world.test.ts, judges the same files through the command.)
 *
 * An expected finding of a rule this build does not have yet is left out of
 * the comparison: the fixtures are shared with the helpers adding rules.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctorReport, RULES } from '../../src/doctor/index';
import { loadConfiguration } from '../../src/doctor/terraform/configuration';

const DIR = join(import.meta.dirname, 'real-world');

interface Expected {
  readonly entry: string;
  readonly findings: readonly { rule: string; address: string; severity: string; why: string }[];
  readonly notFindings: readonly { rule: string; address?: string; why: string }[];
  readonly skipped: readonly { address: string; rule?: string; reason: string }[];
  readonly unreadModules: readonly string[];
  readonly args?: readonly string[];
  readonly status?: number;
  readonly stderr?: string;
}

const KNOWN_RULES = new Set(RULES.map((r) => r.id));

const fixtures = existsSync(DIR) ? readdirSync(DIR).filter((f) => existsSync(join(DIR, f, 'expected.json'))).sort() : [];

describe('real-world fixtures, in process', () => {
  it('are there', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(17);
  });

  for (const name of fixtures) {
    it(name, async () => {
      const expected = JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as Expected;
      expect(readFileSync(join(DIR, name, 'README.md'), 'utf8')).toMatch(/modelled on [\w.-]+\/[\w.-]+ at [0-9a-f]{40}/i);
      const entry = join(DIR, name, expected.entry);
      if (expected.status === 2) {
        await expect(loadConfiguration(entry)).rejects.toThrow(expected.stderr ?? 'not a Terraform configuration');
        return;
      }
      const args = expected.args ?? [];
      const variables = args.flatMap((a, i) => (args[i - 1] === '--var-file' ? [{ file: join(DIR, name, a) }] : []));
      const report = doctorReport(await loadConfiguration(entry, { variables }));
      const key = (f: { rule: string; address: string; severity: string }): string => `${f.severity} ${f.rule} ${f.address}`;
      expect(report.findings.map(key).sort()).toEqual(expected.findings.filter((f) => KNOWN_RULES.has(f.rule)).map(key).sort());
      for (const not of expected.notFindings) {
        expect(report.findings.filter((f) => f.rule === not.rule && (not.address === undefined || f.address === not.address)), not.why).toEqual([]);
      }
      for (const s of expected.skipped) {
        const found = report.skipped.some((x) => x.address === s.address && (s.rule === undefined || x.rule === s.rule) && x.reason.includes(s.reason));
        expect(found, `skipped ${s.rule ?? '*'} at ${s.address}: "${s.reason}" in ${JSON.stringify(report.skipped)}`).toBe(true);
      }
      expect(report.modules.filter((m) => !m.read).map((m) => m.address).sort()).toEqual([...expected.unreadModules].sort());
    });
  }
});
