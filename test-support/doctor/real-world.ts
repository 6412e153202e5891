/**
 * The real-world fixtures of the doctor (__tests__/doctor/real-world/<name>/):
 * small Terraform configurations written in this repository, each modelled
 * on a public AWS Batch configuration (its README names the repository and
 * commit), with the hand-made judgement of what the doctor must report in
 * expected.json. Used by __tests__/doctor/real-world.test.ts (every fixture
 * must match exactly) and scripts/doctor-measure.ts (precision and recall
 * over all of them). Both run the real command, `npm run doctor`'s
 * scripts/cli.mjs, with `--format json`, as a user would.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURES = join(ROOT, '__tests__', 'doctor', 'real-world');

export type Severity = 'error' | 'warning';

/** One finding the doctor must report, with the one-line judgement that makes it a real problem. */
export interface ExpectedFinding {
  readonly rule: string;
  readonly address: string;
  readonly severity: Severity;
  readonly why: string;
}

/** A false alarm the fixture guards against: no finding of `rule` (at `address`, when given). */
export interface NotFinding {
  readonly rule: string;
  readonly address?: string;
  readonly why: string;
}

/** A check that must be reported as "could not judge": `reason` is a substring of the doctor's reason. */
export interface ExpectedSkip {
  readonly address: string;
  readonly rule?: string;
  readonly reason: string;
}

export interface Expected {
  /** The folder or file (relative to the fixture) the doctor is pointed at, as a user would. */
  readonly entry: string;
  readonly findings: readonly ExpectedFinding[];
  readonly notFindings: readonly NotFinding[];
  readonly skipped: readonly ExpectedSkip[];
  readonly unreadModules: readonly string[];
  /** Options before the entry, as a user would type them (`["--var-file", "tf_vars/prod.tfvars"]`). */
  readonly args: readonly string[];
  /** The exit code, when it is not the one the findings call for (2: the input is refused). */
  readonly status?: number;
  /** A substring of what the command must print on standard error (nothing, when absent). */
  readonly stderr?: string;
}

export interface Fixture {
  readonly name: string;
  readonly dir: string;
  readonly readme: string;
  readonly expected: Expected;
}

/** Every fixture folder (one holding an expected.json), by name. Malformed expectations throw, naming the file. */
export function loadFixtures(root = FIXTURES): Fixture[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory() && existsSync(join(root, name, 'expected.json')))
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const file = join(dir, 'expected.json');
      const expected = parseExpected(JSON.parse(readFileSync(file, 'utf8')), file);
      const readmeFile = join(dir, 'README.md');
      return { name, dir, readme: existsSync(readmeFile) ? readFileSync(readmeFile, 'utf8') : '', expected };
    });
}

function parseExpected(raw: unknown, file: string): Expected {
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('must be a JSON object');
  const o = raw as Record<string, unknown>;
  const list = (key: string): Record<string, unknown>[] => {
    const v = o[key] ?? [];
    if (!Array.isArray(v) || v.some((e) => e === null || typeof e !== 'object')) fail(`${key} must be a list of objects`);
    return v as Record<string, unknown>[];
  };
  const text = (e: Record<string, unknown>, key: string, where: string, optional = false): string | undefined => {
    const v = e[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v === '') fail(`${where}.${key} must be a non-empty string`);
    return v as string;
  };
  if (typeof o['entry'] !== 'string') fail('entry must be a string (the folder the doctor is pointed at, e.g. ".")');
  const args = o['args'] ?? [];
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) fail('args must be a list of strings');
  if (o['status'] !== undefined && typeof o['status'] !== 'number') fail('status must be a number');
  if (o['stderr'] !== undefined && (typeof o['stderr'] !== 'string' || o['stderr'] === '')) fail('stderr must be a non-empty string');
  return {
    entry: o['entry'] as string,
    args: args as string[],
    ...(o['status'] !== undefined ? { status: o['status'] as number } : {}),
    ...(o['stderr'] !== undefined ? { stderr: o['stderr'] as string } : {}),
    findings: list('findings').map((e, i) => {
      const severity = text(e, 'severity', `findings[${i}]`);
      if (severity !== 'error' && severity !== 'warning') fail(`findings[${i}].severity must be error or warning`);
      return { rule: text(e, 'rule', `findings[${i}]`)!, address: text(e, 'address', `findings[${i}]`)!, severity: severity as Severity, why: text(e, 'why', `findings[${i}]`)! };
    }),
    notFindings: list('notFindings').map((e, i) => {
      const address = text(e, 'address', `notFindings[${i}]`, true);
      return { rule: text(e, 'rule', `notFindings[${i}]`)!, ...(address ? { address } : {}), why: text(e, 'why', `notFindings[${i}]`)! };
    }),
    skipped: list('skipped').map((e, i) => {
      const rule = text(e, 'rule', `skipped[${i}]`, true);
      return { address: text(e, 'address', `skipped[${i}]`)!, ...(rule ? { rule } : {}), reason: text(e, 'reason', `skipped[${i}]`)! };
    }),
    unreadModules: (() => {
      const v = o['unreadModules'] ?? [];
      if (!Array.isArray(v) || v.some((m) => typeof m !== 'string')) fail('unreadModules must be a list of module addresses');
      return v as string[];
    })(),
  };
}

/** What `doctor --format json` printed. Lists the doctor does not print yet count as empty. */
export interface DoctorRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly findings: ReadonlyArray<{ rule: string; severity: Severity; address: string; message: string; suppressed?: unknown }>;
  readonly skipped: ReadonlyArray<{ rule?: string; address: string; reason: string }>;
  readonly modules: ReadonlyArray<{ address: string; source?: string; read: boolean; reason?: string }>;
}

/** Runs a fixture's command as its expected.json says: options, then the entry, from the fixture's folder. */
export function runFixture(fixture: Fixture): DoctorRun {
  return runDoctorCli(fixture.dir, fixture.expected.entry, fixture.expected.args);
}

/** Runs the doctor command on a path (relative to `cwd`) with --format json and the given options. */
export function runDoctorCli(cwd: string, entry: string, args: readonly string[] = []): DoctorRun {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'cli.mjs'), 'doctor', '--format', 'json', ...args, entry], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    // Not JSON (exit 2 with a message on stderr): no findings; the caller sees status and stderr.
  }
  const list = <T>(key: string): T[] => (Array.isArray(parsed[key]) ? (parsed[key] as T[]) : []);
  return { status: r.status, stderr: r.stderr, findings: list('findings'), skipped: list('skipped'), modules: list('modules') };
}

export const key = (f: { severity: string; rule: string; address: string }): string => `${f.severity} ${f.rule} ${f.address}`;

/** A fixture's run judged against its expectations. */
export interface Judgement {
  readonly fixture: Fixture;
  readonly run: DoctorRun;
  /** Reported and expected. */
  readonly truePositives: readonly string[];
  /** Reported, not expected: false alarms, by severity. */
  readonly falseErrors: readonly string[];
  readonly falseWarnings: readonly string[];
  /** Expected, not reported. */
  readonly missed: readonly string[];
  /** Reported findings that a notFindings entry forbids (each is also a false alarm, unless expected). */
  readonly forbidden: readonly string[];
  /** Expected "could not judge" entries the run does not list. */
  readonly skipsMissing: readonly string[];
  readonly unreadExpected: readonly string[];
  readonly unreadReported: readonly string[];
  /** The exit code expected: the fixture's `status`, else the one the findings call for (1 with an error, else 0). */
  readonly statusExpected: number;
  /** Standard error that is not what the fixture expects (empty when it is). */
  readonly stderrUnexpected: string;
}

export function judge(fixture: Fixture, run: DoctorRun): Judgement {
  const expected = new Set(fixture.expected.findings.map(key));
  const reported = [...new Set(run.findings.filter((f) => !f.suppressed).map(key))].sort();
  const falses = reported.filter((k) => !expected.has(k));
  const forbidden = run.findings
    .filter((f) => !f.suppressed && fixture.expected.notFindings.some((n) => n.rule === f.rule && (n.address === undefined || n.address === f.address)))
    .map(key);
  const skipsMissing = fixture.expected.skipped
    .filter((s) => !run.skipped.some((r) => r.address === s.address && (s.rule === undefined || r.rule === s.rule) && r.reason.includes(s.reason)))
    .map((s) => `${s.address}${s.rule ? ` ${s.rule}` : ''}: ${s.reason}`);
  return {
    fixture,
    run,
    truePositives: reported.filter((k) => expected.has(k)),
    falseErrors: falses.filter((k) => k.startsWith('error ')),
    falseWarnings: falses.filter((k) => k.startsWith('warning ')),
    missed: [...expected].filter((k) => !reported.includes(k)).sort(),
    forbidden: [...new Set(forbidden)].sort(),
    skipsMissing,
    unreadExpected: [...fixture.expected.unreadModules].sort(),
    unreadReported: run.modules.filter((m) => m.read === false).map((m) => m.address).sort(),
    statusExpected: fixture.expected.status ?? (fixture.expected.findings.some((f) => f.severity === 'error') ? 1 : 0),
    stderrUnexpected: fixture.expected.stderr === undefined ? run.stderr : run.stderr.includes(fixture.expected.stderr) ? '' : run.stderr || '(nothing)',
  };
}

/** The public repository and 40-hex commit a fixture's README says it was modelled on, or undefined. */
export function modelledOn(readme: string): { repository: string; commit: string } | undefined {
  const m = /modelled on\s+\[?`?([\w.-]+\/[\w.-]+)`?\]?[^\n]*?\b([0-9a-f]{40})\b/i.exec(readme);
  return m ? { repository: m[1]!, commit: m[2]! } : undefined;
}
