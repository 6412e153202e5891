import { invariantsList } from './engine/markdown';
import { runRules } from './engine/run';
import type { Finding, Rule } from './engine/types';
import { RULES } from './rules/index';
import type { TerraformJson } from './terraform/terraform-json';

/**
 * The security invariants: the doctor's BATCH_SEC_* rules, run on their own.
 * Every example environment, the bootstrap stack and the fuzzed configs must
 * give no finding at all, warnings included (__tests__/security).
 */

export const SECURITY_PREFIX = 'BATCH_SEC_';

export const SECURITY_RULES: readonly Rule[] = RULES.filter((r) => r.id.startsWith(SECURITY_PREFIX));

/** Findings of the security rules only, in the doctor's order. */
export function securityFindings(tf: TerraformJson): Finding[] {
  return runRules(tf, SECURITY_RULES);
}

/** The README's list of security invariants, generated from the rules so it cannot drift. */
export function securityMarkdown(rules: readonly Rule[] = SECURITY_RULES): string {
  return invariantsList(rules);
}
