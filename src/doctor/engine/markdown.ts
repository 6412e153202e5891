import type { Rule } from './types';

/** The README's rules table, generated from the rules so it cannot drift. */
export function rulesTable(rules: readonly Rule[]): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = rules.map((r) => `| \`${r.id}\` | ${r.severity} | **${cell(r.title)}**: ${cell(r.why)} | ${cell(r.fix)} | ${r.pack} | ${source(r.link)} |`);
  return ['| rule | severity | why it matters | fix | pack | source |', '|---|---|---|---|---|---|', ...rows].join('\n') + '\n';
}

/** A rule's link as a Markdown link named after where it points. */
function source(link: string): string {
  const where = link.startsWith('https://github.com/hashicorp/terraform-provider-aws/') ? 'provider' : 'AWS docs';
  return `[${where}](${link})`;
}

/** The README's list of security invariants, generated from the rules so it cannot drift. */
export function invariantsList(rules: readonly Rule[]): string {
  const line = (s: string): string => s.replace(/\s*\n\s*/g, ' ');
  return rules.map((r) => `- **${line(r.title)}** (\`${r.id}\`, ${r.severity}): ${line(r.why)} *Fix:* ${line(r.fix)}`).join('\n') + '\n';
}
