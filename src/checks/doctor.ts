import { TerraformModel } from './model';
import { RULES } from './rules/index';
import type { Finding, Rule, TerraformJson } from './types';

/**
 * The preflight doctor: every rule over one Terraform JSON configuration.
 * Findings come in a stable order (errors first, then by address, then rule
 * id, then message) so output and tests are deterministic.
 */
export function runDoctor(tf: TerraformJson, rules: readonly Rule[] = RULES): Finding[] {
  const model = new TerraformModel(tf);
  return sortFindings(rules.flatMap((rule) => rule.check(model)));
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding): number => (f.severity === 'error' ? 0 : 1);
  return [...findings].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compare(a.address, b.address) ||
      compare(a.rule, b.rule) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Human output: one block per finding, then a summary line. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'Batch doctor: no problems found.\n';
  const blocks = findings.map((f) =>
    [
      `${f.severity.toUpperCase()} ${f.rule}  ${f.address}`,
      ...(f.constructPath ? [`  construct: ${f.constructPath}`] : []),
      `  ${f.message}`,
      `  fix: ${f.fix}`,
    ].join('\n'),
  );
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return `${blocks.join('\n\n')}\n\nBatch doctor: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The README's rules section, generated from the rules so it cannot drift. */
export function rulesMarkdown(rules: readonly Rule[] = RULES): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = rules.map((r) => `| \`${r.id}\` | ${r.severity} | **${cell(r.title)}**: ${cell(r.why)} | ${cell(r.fix)} |`);
  return ['| rule | severity | why it matters | fix |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}
