/**
 * The preflight doctor's public face: what the stacks, the CLI, the README
 * generator and the tests use. The layers behind it:
 *
 *   terraform/  loading Terraform (JSON, HCL, folders) and the model rules read it through
 *   views/      AWS concepts read from the model: compute environments, queues, networks, IAM...
 *   rules/      one rule per file, by area; rules/index.ts lists them in README order
 *   engine/     the rule contract, running, formatting
 */
import { rulesTable } from './engine/markdown';
import { runReport, sortFindings, type Report } from './engine/run';
import { markSuppressed, suppressionProblems, type Suppression } from './engine/suppressions';
import type { Finding, Rule } from './engine/types';
import { RULES } from './rules/index';
import type { Configuration } from './terraform/configuration';
import type { TerraformJson } from './terraform/terraform-json';

export type { Finding, Rule, Severity, Skipped } from './engine/types';
export type { TerraformJson } from './terraform/terraform-json';
export type { Configuration } from './terraform/configuration';
export type { ModuleReport } from './terraform/model';
export type { Report } from './engine/run';
export { formatFindings, findingsJson, type Extras } from './engine/format';
export { hasErrors, sortFindings, sortSkipped } from './engine/run';
export { parseSuppressions, SuppressionsError, SUPPRESSION_UNUSED, SUPPRESSION_WITHOUT_REASON, type Suppression } from './engine/suppressions';
export { RULES } from './rules/index';
export { SECURITY_RULES, securityFindings, securityMarkdown } from './security';

export interface DoctorOptions {
  /** The rules to run; every rule by default. */
  readonly rules?: readonly Rule[];
  /**
   * Accepted findings, each with its reason: covered findings are marked
   * `suppressed` and count as neither error nor warning; a suppression
   * without a reason, or that covers nothing, is reported as a finding.
   */
  readonly suppressions?: readonly Suppression[];
}

/** The rules of the doctor over one Terraform JSON configuration, in the doctor's order. */
export function runDoctor(tf: TerraformJson | Configuration, options: DoctorOptions = {}): Finding[] {
  return [...doctorReport(tf, options).findings];
}

/**
 * Everything the doctor says about one configuration: findings (suppressions
 * applied), the checks it could not judge and why, and the modules it read
 * or could not read.
 */
export function doctorReport(input: TerraformJson | Configuration, options: DoctorOptions = {}): Report {
  const report = runReport(input, options.rules ?? RULES);
  const suppressions = options.suppressions ?? [];
  if (suppressions.length === 0) return report;
  const applied = applySuppressions([report.findings], suppressions);
  return { ...report, findings: sortFindings([...applied.findings[0]!, ...applied.problems]) };
}

/**
 * One set of suppressions over the findings of one or more configurations
 * (a suppression file shared by several stacks): each configuration's
 * findings with the covered ones marked, and the problems with the
 * suppressions themselves, judged over all of them together.
 */
export function applySuppressions(findings: readonly (readonly Finding[])[], suppressions: readonly Suppression[]): { findings: Finding[][]; problems: Finding[] } {
  const used = new Set<Suppression>();
  const marked = findings.map((list) => markSuppressed(list, suppressions, used));
  return { findings: marked, problems: suppressionProblems(suppressions, used, RULE_IDS) };
}

const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

/** The README's rules section, generated from the rules so it cannot drift. */
export function rulesMarkdown(rules: readonly Rule[] = RULES): string {
  return rulesTable(rules);
}
