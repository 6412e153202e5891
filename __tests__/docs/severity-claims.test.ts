/**
 * What comments and docs say about a doctor rule's severity matches the rule:
 * a sentence that names a rule id and says it warns (or is an error) must be
 * right, and a sentence saying "the doctor warns" must name the rule it means,
 * so this test can check it. (src/aws/secret-names.ts once said the doctor
 * "warns" about secret-looking names, which BATCH_SEC_ENV_SECRET reports as
 * an error.)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/doctor/rules/index';
import { ROOT } from '../support/synth';

const SEVERITY = new Map(RULES.map((rule) => [rule.id, rule.severity]));
const WARNS = /\bwarns?\b|\ba warning\b/i;
const ERRS = /\ban error\b|\berrs\b/i;

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name), ext) : ext.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** The prose of a file: comment lines of TypeScript, non-table lines of Markdown, joined into sentences. */
function sentences(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const prose = file.endsWith('.ts')
    ? lines.filter((line) => /^\s*(\*|\/\/|\/\*\*)/.test(line)).map((line) => line.replace(/^\s*(\/\*\*|\*\/|\*|\/\/)\s?/, ''))
    : lines.filter((line) => !line.trimStart().startsWith('|'));
  return prose.join(' ').split(/(?<=[.;:])\s+|\n\s*\n/);
}

const PROSE = [...files(join(ROOT, 'src'), /\.ts$/), join(ROOT, 'README.md'), ...files(join(ROOT, 'docs'), /\.md$/)];

describe('severity claims in comments and docs', () => {
  it('the rules are known', () => expect(SEVERITY.get('BATCH_SEC_ENV_SECRET')).toBe('error'));

  it('every sentence naming a rule as warning or error states its real severity, and "the doctor warns/errs" names the rule', () => {
    const wrong: string[] = [];
    for (const file of PROSE) {
      for (const sentence of sentences(file)) {
        const ids = [...sentence.matchAll(/\bBATCH_[A-Z0-9_]+\b/g)].map((m) => m[0]).filter((id) => SEVERITY.has(id));
        const where = `${relative(ROOT, file)}: ${sentence.trim().slice(0, 160)}`;
        if (/\bdoctor (warns|errs)\b/i.test(sentence) && ids.length === 0) wrong.push(`${where} (name the rule)`);
        if (ids.length !== 1) continue;
        const severity = SEVERITY.get(ids[0]!);
        if (WARNS.test(sentence) && !ERRS.test(sentence) && severity !== 'warning') wrong.push(`${where} (${ids[0]} is ${severity})`);
        if (ERRS.test(sentence) && !WARNS.test(sentence) && severity !== 'error') wrong.push(`${where} (${ids[0]} is ${severity})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
