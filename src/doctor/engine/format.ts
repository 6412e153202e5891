import type { Finding } from './types';

/** Human output: one block per finding, then a summary line. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'Batch doctor: no problems found.\n';
  const blocks = findings.map((f) =>
    [
      `${f.severity.toUpperCase()} ${f.rule}  ${f.address}`,
      ...(f.constructPath ? [`  construct: ${f.constructPath}`] : []),
      `  ${f.message}`,
      `  fix: ${f.fix}`,
      ...(f.link ? [`  see: ${f.link}`] : []),
      ...(f.suppressed ? [`  suppressed: ${f.suppressed.reason}`] : []),
    ].join('\n'),
  );
  const active = findings.filter((f) => !f.suppressed);
  const errors = active.filter((f) => f.severity === 'error').length;
  const warnings = active.length - errors;
  const suppressed = findings.length - active.length;
  return `${blocks.join('\n\n')}\n\nBatch doctor: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${suppressed > 0 ? `, ${suppressed} suppressed` : ''}.\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** JSON output: `{"findings": [{rule, severity, address, message, fix, link, suppressed?: {reason}}]}`. */
export function findingsJson(findings: readonly Finding[]): string {
  const list = findings.map(({ rule, severity, address, message, fix, link, suppressed }) => ({
    rule,
    severity,
    address,
    message,
    fix,
    ...(link ? { link } : {}),
    ...(suppressed ? { suppressed } : {}),
  }));
  return JSON.stringify({ findings: list }, null, 2) + '\n';
}
