/**
 * The body of the one pull request comment that shows, per environment,
 * what merging would do: risk, counts, the doctor's findings, a diagram and
 * the full plan. The workflow finds its earlier comment by COMMENT_MARKER
 * and edits it, so a pull request has one comment however often it is pushed.
 */
import type { Finding } from '../checks/types';
import { stackDiagram } from '../diagram/mermaid';
import type { StackJson } from '../diagram/terraform-json';
import type { PlanJson } from '../terraform/plan-json';
import { changesToReview, countChanges, type ReviewedChange } from './changes';
import { diffHighlight, truncateLines } from './plan-text';

/** Hidden first line: how the workflow recognises the comment to update. */
export const COMMENT_MARKER = '<!-- batch-cdktf:plan-comment -->';

/** GitHub refuses larger comment bodies. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface RiskSummary {
  /** `npm run plan-summary` output, shown as it is. */
  readonly text: string;
  /** plan-summary exited 3: the plan has dangerous changes. */
  readonly dangerous: boolean;
}

export interface EnvironmentReport {
  readonly name: string;
  /** `terraform show -json` of the saved plan; absent when planning failed. */
  readonly plan?: PlanJson;
  /** `terraform show` of the saved plan, or the failed plan's error output. */
  readonly planText: string;
  /** From the plan-summary step; without it, changesToReview() is listed instead. */
  readonly risk?: RiskSummary;
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

type Verdict = 'failed' | 'dangerous' | 'review' | 'safe' | 'not-dangerous';

function verdict(env: EnvironmentReport, reviewed: readonly ReviewedChange[]): Verdict {
  if (!env.plan) return 'failed';
  // plan-summary's exit code says dangerous or not; its text says the rest.
  if (env.risk) return env.risk.dangerous ? 'dangerous' : 'not-dangerous';
  if (reviewed.some((c) => c.dangerous)) return 'dangerous';
  return reviewed.length ? 'review' : 'safe';
}

const VERDICT_TEXT: Record<Verdict, string> = {
  failed: ':x: plan failed',
  dangerous: ':warning: dangerous',
  review: ':eyes: review',
  safe: ':white_check_mark: safe',
  'not-dangerous': ':white_check_mark: not dangerous',
};

function doctorCell(findings: readonly Finding[] | undefined): string {
  if (!findings) return 'not run';
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (findings.length === 0) return ':white_check_mark: clean';
  return [errors ? `:x: ${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `:warning: ${warnings} warning${warnings === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(', ');
}

/** Text inside a Markdown table cell or inline code must not break out of it. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** A fenced block whose fence is longer than any backtick run inside. */
function fenced(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

function summaryTable(rows: readonly { env: EnvironmentReport; reviewed: ReviewedChange[] }[]): string {
  const lines = ['| environment | risk | add | change | destroy | replace | doctor |', '|---|---|--:|--:|--:|--:|---|'];
  for (const { env, reviewed } of rows) {
    const counts = env.plan ? countChanges(env.plan) : undefined;
    const n = (value: number | undefined) => (value === undefined ? '–' : String(value));
    lines.push(
      `| [${cell(env.name)}](#${anchor(env.name)}) | ${VERDICT_TEXT[verdict(env, reviewed)]} | ${n(counts?.add)} | ${n(counts?.change)} | ${n(counts?.destroy)} | ${n(counts?.replace)} | ${doctorCell(env.findings)} |`,
    );
  }
  return lines.join('\n');
}

/** GitHub's heading anchor for "<name> environment" (lowercase, spaces to hyphens, punctuation dropped). */
const anchor = (name: string) => `${name.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')}-environment`;

function riskSection(env: EnvironmentReport, reviewed: readonly ReviewedChange[]): string {
  if (env.risk) return `**Risk summary**\n\n${fenced(env.risk.text)}`;
  if (reviewed.length === 0) return '**Changes to review**: none (no replacements, destructions, or compute environment, queue or job definition updates).';
  const items = reviewed.map((c) => `- ${c.dangerous ? ':warning: ' : ''}${code(c.address)}: ${c.note}`);
  return `**Changes to review**\n\n${items.join('\n')}`;
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
function environmentSection(env: EnvironmentReport, reviewed: readonly ReviewedChange[], planBlock: string): string {
  const parts = [`### ${env.name} environment`];
  if (!env.plan) parts.push('**Plan failed.** Terraform\'s output is below; nothing else was checked against live state.');
  else parts.push(riskSection(env, reviewed));
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
  const rows = input.environments.map((env) => ({ env, reviewed: env.plan ? changesToReview(env.plan) : [] }));
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
    '_replace_: destroyed and created again (counted once, not in add or destroy). _Risk_: the plan-summary step\'s verdict; without it, the replacements, destructions and Batch updates listed per environment.',
  ]
    .filter(Boolean)
    .join('\n\n');

  // Sections without their plans first: what is left of the limit is shared among the plans.
  const emptyPlans = rows.map(({ env }) => planBlock({ ...env, planText: '' }, 0, input.runUrl));
  const sections = rows.map(({ env, reviewed }, i) => environmentSection(env, reviewed, emptyPlans[i]!));
  const fixed = [header, ...sections].join('\n\n').length + 1;
  // Headroom for the truncation notes (a few hundred characters each).
  const room = Math.floor((GITHUB_COMMENT_LIMIT - fixed - 500 * rows.length) / Math.max(1, rows.length));
  const withPlans = rows.map(({ env, reviewed }) => environmentSection(env, reviewed, planBlock(env, room, input.runUrl)));
  return `${[header, ...withPlans].join('\n\n')}\n`;
}
