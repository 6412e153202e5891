/**
 * The body of the one pull request comment that shows, per environment,
 * what merging would do: the risk summary and counts of plan-summary
 * (src/plan-review/plan-risk.ts), the doctor's findings, a diagram and the
 * full plan. The workflow finds its earlier comment by COMMENT_MARKER
 * and edits it, so a pull request has one comment however often it is pushed.
 */
import type { Finding } from '../doctor/index';
import { stackDiagram } from '../diagram/mermaid';
import type { StackJson } from '../diagram/terraform-json';
import type { PlanJson } from './plan-json';
import { summarizePlan, type PlanRisk } from './plan-risk';
import { diffHighlight, truncateLines } from './plan-text';

/** Hidden first line: how the workflow recognises the comment to update. */
export const COMMENT_MARKER = '<!-- batch-cdktf:plan-comment -->';

/** GitHub refuses larger comment bodies. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface EnvironmentReport {
  readonly name: string;
  /** `terraform show -json` of the saved plan; absent when planning failed. */
  readonly plan?: PlanJson;
  /** `terraform show` of the saved plan, or the failed plan's error output. */
  readonly planText: string;
  /** The doctor's findings; absent when the doctor did not run for this environment. */
  readonly findings?: readonly Finding[];
  /** The synthesized stack, for the diagram. */
  readonly stack?: StackJson;
}

export interface CommentInput {
  readonly environments: readonly EnvironmentReport[];
  /** The commit planned (a full or short SHA). */
  readonly commit?: string;
  /** Link to the workflow run, where the artifacts are. */
  readonly runUrl?: string;
}

/** One environment with its plan's risk summary (the same as `npm run plan-summary`). */
interface Row {
  readonly env: EnvironmentReport;
  readonly risk?: PlanRisk;
}

function verdict({ risk }: Row): string {
  if (!risk) return ':x: plan failed';
  if (risk.dangerous) return ':warning: dangerous';
  return risk.findings.length ? ':eyes: review' : ':white_check_mark: safe';
}

function doctorCell(findings: readonly Finding[] | undefined): string {
  if (!findings) return 'not run';
  // A suppressed finding was accepted with a written reason: counted apart, neither error nor warning.
  const open = findings.filter((f) => !f.suppressed);
  const suppressed = findings.length - open.length;
  const errors = open.filter((f) => f.severity === 'error').length;
  const warnings = open.length - errors;
  if (open.length === 0 && suppressed === 0) return ':white_check_mark: clean';
  return [
    errors ? `:x: ${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings ? `:warning: ${warnings} warning${warnings === 1 ? '' : 's'}` : '',
    suppressed ? `${open.length === 0 ? ':white_check_mark: ' : ''}${suppressed} suppressed` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** Text inside a Markdown table cell or inline code must not break out of it. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** A fenced block whose fence is longer than any backtick run inside. */
function fenced(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

function summaryTable(rows: readonly Row[]): string {
  const lines = ['| environment | risk | create | update | replace | delete | doctor |', '|---|---|--:|--:|--:|--:|---|'];
  for (const row of rows) {
    const counts = row.risk?.counts;
    const n = (value: number | undefined) => (value === undefined ? '–' : String(value));
    lines.push(
      `| [${cell(row.env.name)}](#${anchor(row.env.name)}) | ${verdict(row)} | ${n(counts?.create)} | ${n(counts?.update)} | ${n(counts?.replace)} | ${n(counts?.delete)} | ${doctorCell(row.env.findings)} |`,
    );
  }
  return lines.join('\n');
}

/** GitHub's heading anchor for "<name> environment" (lowercase, spaces to hyphens, punctuation dropped). */
const anchor = (name: string) => `${name.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')}-environment`;

function riskSection(risk: PlanRisk): string {
  const headline = risk.dangerous ? '**Risk**: dangerous: this plan can lose queued jobs or fail to apply.' : '**Risk**: nothing dangerous for AWS Batch.';
  if (risk.findings.length === 0) return headline;
  const items = risk.findings.map((f) => `- ${f.level === 'danger' ? ':warning: **danger**' : 'note'} ${code(f.address)}: ${f.message}`);
  return `${headline}\n\n${items.join('\n')}`;
}

function doctorSection(findings: readonly Finding[] | undefined): string {
  if (!findings) return '**Doctor**: not run for this environment.';
  if (findings.length === 0) return '**Doctor**: no findings.';
  const items = findings.map(
    (f) => `- **${f.severity}** ${code(f.rule)} ${code(f.address)}: ${f.message}\n  <br/>fix: ${f.fix}`,
  );
  return `**Doctor**\n\n${items.join('\n')}`;
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** Everything for one environment except the full plan, which is sized to what room is left. */
function environmentSection({ env, risk }: Row, planBlock: string): string {
  const parts = [`### ${env.name} environment`];
  if (!risk) parts.push('**Plan failed.** Terraform\'s output is below; nothing else was checked against live state.');
  else parts.push(riskSection(risk));
  parts.push(doctorSection(env.findings));
  const diagram = env.stack ? stackDiagram(env.stack) : undefined;
  if (diagram) parts.push(details('Diagram', diagram.trimEnd()));
  parts.push(planBlock);
  return parts.join('\n\n');
}

function planBlock(env: EnvironmentReport, room: number, runUrl: string | undefined): string {
  const { text, omittedLines } = truncateLines(diffHighlight(env.planText), Math.max(0, room));
  const note = omittedLines
    ? `\n\n_${omittedLines} more line${omittedLines === 1 ? '' : 's'} not shown (GitHub limits comment size); the whole plan is in the workflow run's artifacts${runUrl ? `: ${runUrl}` : ''}._`
    : '';
  const title = env.plan ? 'Full plan' : 'Terraform output';
  return details(title, `${fenced(text, 'diff')}${note}`);
}

/** The comment body (Markdown). Always under GitHub's size limit: plans are shortened to fit. */
export function buildComment(input: CommentInput): string {
  const rows: Row[] = input.environments.map((env) => (env.plan ? { env, risk: summarizePlan(env.plan) } : { env }));
  const header = [
    COMMENT_MARKER,
    '## Terraform plan',
    [
      input.commit ? `Commit ${code(input.commit.slice(0, 12))}` : '',
      input.runUrl ? `[workflow run and artifacts](${input.runUrl})` : '',
    ]
      .filter(Boolean)
      .join(' · '),
    summaryTable(rows),
    '_Risk_: `npm run plan-summary` on the plan (dangerous: queued jobs can be lost or the apply can fail). _replace_: destroyed and created again, counted once.',
  ]
    .filter(Boolean)
    .join('\n\n');

  // Sections without their plans first: what is left of the limit is shared among the plans.
  const sections = rows.map((row) => environmentSection(row, planBlock({ ...row.env, planText: '' }, 0, input.runUrl)));
  const fixed = [header, ...sections].join('\n\n').length + 1;
  // Headroom for the truncation notes (a few hundred characters each).
  const room = Math.floor((GITHUB_COMMENT_LIMIT - fixed - 500 * rows.length) / Math.max(1, rows.length));
  const withPlans = rows.map((row) => environmentSection(row, planBlock(row.env, room, input.runUrl)));
  return `${[header, ...withPlans].join('\n\n')}\n`;
}
