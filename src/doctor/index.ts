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
import { runRules } from './engine/run';
import type { Finding, Rule } from './engine/types';
import { RULES } from './rules/index';
import type { TerraformJson } from './terraform/terraform-json';

export type { Finding, Rule, Severity } from './engine/types';
export type { TerraformJson } from './terraform/terraform-json';
export { formatFindings, findingsJson } from './engine/format';
export { hasErrors, sortFindings } from './engine/run';
export { RULES } from './rules/index';
export { SECURITY_RULES, securityFindings, securityMarkdown } from './security';

/** Every rule of the doctor over one Terraform JSON configuration, in the doctor's order. */
export function runDoctor(tf: TerraformJson, rules: readonly Rule[] = RULES): Finding[] {
  return runRules(tf, rules);
}

/** The README's rules section, generated from the rules so it cannot drift. */
export function rulesMarkdown(rules: readonly Rule[] = RULES): string {
  return rulesTable(rules);
}
