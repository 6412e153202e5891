/**
 * npm run plan-summary -- <plan.json>
 *
 * A short AWS Batch risk summary of a plan, for people and for the
 * pull-request workflow:
 *   terraform plan -out=tfplan && terraform show -json tfplan > plan.json
 *   npm run plan-summary -- plan.json
 * Exit codes: 0 nothing dangerous, 3 something dangerous is planned,
 * 2 the input cannot be read as a plan (or bad usage).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PlanJson } from '../plan-review/plan-json.js';
import { formatPlanRisk, summarizePlan } from '../plan-review/plan-risk.js';
import { EXIT_CLI_ERROR } from './errors.js';

export const EXIT_DANGER = 3;
/** Unreadable input or bad usage: the exit status every command gives it. */
export const EXIT_UNREADABLE = EXIT_CLI_ERROR;

const HELP = `Usage: npm run plan-summary -- [--json] <plan.json | ->

Summarises what a Terraform plan does to AWS Batch: job queues replaced or
deleted (their queued jobs are lost), compute environments replaced (create
before destroy, or destroyed first), job definition revisions, deletions.

<plan.json> is the output of \`terraform show -json <planfile>\`; "-" reads stdin.
  --json   print the summary as JSON instead of text
  --help   show this help

Exit status: 0 nothing dangerous, 3 something dangerous is planned,
2 unreadable input or bad usage.
`;

/** Parses and checks the plan; a message instead when it is not one. */
export function readPlan(text: string, source: string): PlanJson | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `${source} is not JSON: ${(error as Error).message}`;
  }
  const plan = data as Partial<PlanJson> & Record<string, unknown>;
  const looksLikePlan =
    typeof data === 'object' && data !== null && typeof plan.format_version === 'string' && ('resource_changes' in plan || 'planned_values' in plan);
  if (!looksLikePlan) return `${source} is not a Terraform plan in JSON (expected the output of \`terraform show -json <planfile>\`)`;
  if (plan.resource_changes !== undefined && !Array.isArray(plan.resource_changes)) return `${source}: resource_changes is not a list`;
  return plan as PlanJson;
}

export interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: () => string;
}

const PROCESS_IO: Io = { stdout: process.stdout, stderr: process.stderr, stdin: () => readFileSync(0, 'utf8') };

/** The CLI; returns the exit status. */
export function main(argv: readonly string[], io: Io = PROCESS_IO): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(HELP);
    return 0;
  }
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json');
  const unknownFlag = files.find((a) => a.startsWith('-') && a !== '-');
  if (files.length !== 1 || unknownFlag) {
    io.stderr.write(`${unknownFlag ? `unknown option ${unknownFlag}` : 'expected exactly one plan file'}\n\n${HELP}`);
    return EXIT_UNREADABLE;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = file === '-' ? io.stdin() : readFileSync(file, 'utf8');
  } catch (error) {
    io.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
    return EXIT_UNREADABLE;
  }
  const plan = readPlan(text, file === '-' ? 'stdin' : file);
  if (typeof plan === 'string') {
    io.stderr.write(`${plan}\n`);
    return EXIT_UNREADABLE;
  }
  const risk = summarizePlan(plan);
  io.stdout.write(json ? `${JSON.stringify(risk, null, 2)}\n` : formatPlanRisk(risk));
  return risk.dangerous ? EXIT_DANGER : 0;
}

// Run only as a program, not when a test imports main().
if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  process.exitCode = main(process.argv.slice(2));
}
