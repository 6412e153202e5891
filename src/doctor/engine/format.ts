import type { ModuleReport } from '../terraform/model';
import type { Finding, Skipped } from './types';

/** What the output sums up, beyond the findings. */
export interface Extras {
  readonly skipped?: readonly Skipped[];
  readonly modules?: readonly ModuleReport[];
  /** The configuration holds no AWS Batch resource at all (said, so that "no problems" is not read as a clean bill). */
  readonly noBatchResources?: boolean;
}

/**
 * Human output: one block per finding; the checks skipped, grouped by
 * resource and reason; the modules not read; then a summary line
 * ("Batch doctor: 1 error, 2 warnings, 3 checks skipped (values unknown), 1 module not read.").
 */
export function formatFindings(findings: readonly Finding[], extras: Extras = {}): string {
  const skipped = extras.skipped ?? [];
  const unread = (extras.modules ?? []).filter((m) => !m.read);
  const sections: string[] = findings.map((f) =>
    [
      `${f.severity.toUpperCase()} ${f.rule}  ${f.address}`,
      ...(f.constructPath ? [`  construct: ${f.constructPath}`] : []),
      `  ${f.message}`,
      `  fix: ${f.fix}`,
      ...(f.link ? [`  see: ${f.link}`] : []),
      ...(f.suppressed ? [`  suppressed: ${f.suppressed.reason}`] : []),
    ].join('\n'),
  );
  if (skipped.length > 0) sections.push(skippedSection(skipped));
  if (unread.length > 0) {
    sections.push(['MODULES NOT READ (their resources were not checked)', ...unread.map((m) => `  ${m.address} (${m.source}): ${m.reason ?? 'not read'}`)].join('\n'));
  }
  const active = findings.filter((f) => !f.suppressed);
  const errors = active.filter((f) => f.severity === 'error').length;
  const warnings = active.length - errors;
  const suppressed = findings.length - active.length;
  const tail = [
    ...(suppressed > 0 ? [`${suppressed} suppressed`] : []),
    ...(skipped.length > 0 ? [`${plural(skipped.length, 'check')} skipped (values unknown)`] : []),
    ...(unread.length > 0 ? [`${plural(unread.length, 'module')} not read`] : []),
  ];
  if (findings.length === 0 && tail.length === 0) {
    return `Batch doctor: no problems found${extras.noBatchResources ? ' (the configuration holds no AWS Batch resource)' : ''}.\n`;
  }
  const summary = `Batch doctor: ${[plural(errors, 'error'), plural(warnings, 'warning'), ...tail].join(', ')}.`;
  return `${[...sections, summary].join('\n\n')}\n`;
}

/** Skipped checks, per resource: each reason once, with the checks it kept from judging. */
function skippedSection(skipped: readonly Skipped[]): string {
  const byAddress = new Map<string, Map<string, string[]>>();
  for (const s of skipped) {
    const reasons = byAddress.get(s.address) ?? new Map<string, string[]>();
    reasons.set(s.reason, [...(reasons.get(s.reason) ?? []), s.rule]);
    byAddress.set(s.address, reasons);
  }
  const lines = ['CHECKS SKIPPED (a value they need is not decided by the configuration)'];
  for (const [address, reasons] of byAddress) {
    lines.push(`  ${address}`);
    for (const [reason, rules] of reasons) lines.push(`    ${reason}: ${rules.join(', ')}`);
  }
  return lines.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * JSON output:
 * `{"findings": [{rule, severity, address, message, fix, link, suppressed?: {reason}}],
 *   "skipped": [{rule, address, reason}], "modules": [{address, source, read, reason?}],
 *   "summary": {errors, warnings, suppressed, skipped, unreadModules}}`.
 */
export function findingsJson(findings: readonly Finding[], extras: Extras = {}): string {
  const list = findings.map(({ rule, severity, address, message, fix, link, suppressed }) => ({
    rule,
    severity,
    address,
    message,
    fix,
    ...(link ? { link } : {}),
    ...(suppressed ? { suppressed } : {}),
  }));
  const skipped = (extras.skipped ?? []).map(({ rule, address, reason }) => ({ rule, address, reason }));
  const modules = (extras.modules ?? []).map(({ address, source, read, reason }) => ({ address, source, read, ...(reason ? { reason } : {}) }));
  const active = findings.filter((f) => !f.suppressed);
  const errors = active.filter((f) => f.severity === 'error').length;
  const summary = {
    errors,
    warnings: active.length - errors,
    suppressed: findings.length - active.length,
    skipped: skipped.length,
    unreadModules: modules.filter((m) => !m.read).length,
  };
  return JSON.stringify({ findings: list, skipped, modules, summary }, null, 2) + '\n';
}
