/**
 * Suppressions, as cdk-nag has them: a finding is accepted only with a
 * written reason. A suppression names a rule id, optionally a resource
 * address (or a glob over addresses: `*` any run of characters, `?` one
 * character), and the reason. A suppressed finding stays in the output,
 * marked `suppressed: <reason>`, and counts as neither error nor warning.
 * A suppression without a reason suppresses nothing and is itself an error;
 * one that matches no finding is a warning (it is stale, or misspelt).
 */
import type { Finding } from './types';

export interface Suppression {
  /** The rule id it silences, e.g. `BATCH_SEC_SNS_UNENCRYPTED`. */
  readonly rule: string;
  /** A resource address or a glob over addresses; every address of the rule when absent. */
  readonly address?: string;
  /** Why the finding is accepted. Required: without one the suppression does nothing. */
  readonly reason?: string;
  /** Where it is written, for messages: `infra/.batch-doctor.json suppressions[0]`. */
  readonly origin?: string;
}

export const SUPPRESSION_WITHOUT_REASON = 'BATCH_SUPPRESSION_WITHOUT_REASON';
export const SUPPRESSION_UNUSED = 'BATCH_SUPPRESSION_UNUSED';

/** A suppression that can apply: it has a reason. */
function hasReason(s: Suppression): boolean {
  return typeof s.reason === 'string' && s.reason.trim() !== '';
}

function addressMatcher(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Does the suppression cover this finding? (Its reason is not looked at here.) */
export function covers(s: Suppression, f: Finding): boolean {
  return s.rule === f.rule && (s.address === undefined || addressMatcher(s.address).test(f.address));
}

/**
 * The findings, each covered one marked with the reason of the first
 * suppression (with a reason) that covers it. Every suppression that covers
 * a finding is added to `used`.
 */
export function markSuppressed(findings: readonly Finding[], suppressions: readonly Suppression[], used: Set<Suppression>): Finding[] {
  const applicable = suppressions.filter(hasReason);
  return findings.map((f) => {
    const matching = applicable.filter((s) => covers(s, f));
    for (const s of matching) used.add(s);
    const first = matching[0];
    return first ? { ...f, suppressed: { reason: first.reason!.trim() } } : f;
  });
}

/**
 * Findings about the suppressions themselves: one without a reason (an
 * error: it was meant to silence something and silences nothing), and one
 * that covered no finding (a warning). `knownRules` names the rule ids that
 * exist, to say so when a suppression names none of them.
 */
export function suppressionProblems(suppressions: readonly Suppression[], used: ReadonlySet<Suppression>, knownRules: ReadonlySet<string>): Finding[] {
  return suppressions.flatMap((s, i): Finding[] => {
    const where = s.origin ?? `suppressions[${i}]`;
    const what = `suppression of ${s.rule}${s.address === undefined ? '' : ` at ${s.address}`}`;
    if (!hasReason(s)) {
      return [{
        rule: SUPPRESSION_WITHOUT_REASON,
        severity: 'error',
        address: where,
        message: `${what} gives no reason, so it suppresses nothing`,
        fix: 'Add "reason": why the finding is accepted and by whom, or remove the suppression.',
      }];
    }
    if (used.has(s)) return [];
    const unknown = knownRules.has(s.rule) ? '' : `; no rule has the id ${s.rule}`;
    return [{
      rule: SUPPRESSION_UNUSED,
      severity: 'warning',
      address: where,
      message: `${what} matches no finding${unknown}`,
      fix: 'Remove the suppression, or correct its rule id or address.',
    }];
  });
}

/** Suppressions written as JSON (a `.batch-doctor.json` file) do not have the expected shape. */
export class SuppressionsError extends Error {
  override readonly name = 'SuppressionsError';
}

const ENTRY_KEYS = new Set(['rule', 'address', 'reason']);

/**
 * `{"suppressions": [{"rule": "...", "address": "...", "reason": "..."}]}`,
 * checked strictly; `source` names the file in errors and in each
 * suppression's origin. A missing or empty reason is not an error here: the
 * doctor reports it as a finding.
 */
export function parseSuppressions(value: unknown, source: string): Suppression[] {
  const fail = (path: string, problem: string): never => {
    throw new SuppressionsError(`${source}: ${path}: ${problem}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('(top level)', 'expected an object {"suppressions": [...]}');
  const top = value as Record<string, unknown>;
  for (const key of Object.keys(top)) if (key !== 'suppressions') fail(key, 'unknown key; the file holds only "suppressions"');
  const list = top['suppressions'];
  if (!Array.isArray(list)) fail('suppressions', 'expected a list of {"rule", "address", "reason"}');
  return (list as unknown[]).map((entry, i) => {
    const path = `suppressions[${i}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return fail(path, 'expected an object {"rule", "address", "reason"}');
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) if (!ENTRY_KEYS.has(key)) fail(`${path}.${key}`, 'unknown key; use "rule", "address" and "reason"');
    if (typeof e['rule'] !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(e['rule'])) fail(`${path}.rule`, 'expected a rule id such as "BATCH_SEC_SNS_UNENCRYPTED"');
    if (e['address'] !== undefined && (typeof e['address'] !== 'string' || e['address'] === '')) fail(`${path}.address`, 'expected a resource address such as "aws_sns_topic.alerts" (or a glob: "aws_sns_topic.*")');
    if (e['reason'] !== undefined && typeof e['reason'] !== 'string') fail(`${path}.reason`, 'expected the reason as a string');
    return {
      rule: e['rule'] as string,
      ...(e['address'] !== undefined ? { address: e['address'] as string } : {}),
      ...(e['reason'] !== undefined ? { reason: e['reason'] as string } : {}),
      origin: `${source} ${path}`,
    };
  });
}
