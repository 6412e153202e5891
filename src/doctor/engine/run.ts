import type { TerraformJson } from '../terraform/terraform-json';
import { TerraformModel } from '../terraform/model';
import type { Finding, Rule } from './types';

/**
 * Runs rules over one Terraform JSON configuration. Findings come in a stable
 * order (errors first, then by address, then rule id, then message) so output
 * and tests are deterministic.
 */
export function runRules(tf: TerraformJson, rules: readonly Rule[]): Finding[] {
  const model = new TerraformModel(tf);
  return sortFindings(rules.flatMap((rule) => rule.check(model)));
}

/** Errors, then warnings, then suppressed findings; within each by address, rule id, message. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding): number => (f.suppressed ? 2 : f.severity === 'error' ? 0 : 1);
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

/** Is any finding an error that no suppression covers? */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error' && !f.suppressed);
}
