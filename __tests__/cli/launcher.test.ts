/**
 * The npm scripts of the commands run precompiled bundles (scripts/cli.mjs);
 * they must behave exactly like the TypeScript entry points the other CLI
 * tests run through tsx: same standard output, standard error and exit code
 * for the same arguments and standard input.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/synth';
import { tempDir } from '../support/temp';

const ENV = { ...process.env, CHECKPOINT_DISABLE: '1', NO_COLOR: '1' };

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], input: string | undefined, cwd = ROOT): Run {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: ENV, ...(input !== undefined ? { input } : { stdio: ['ignore', 'pipe', 'pipe'] }) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const viaTsx = (command: string, args: readonly string[], input?: string): Run => run(['--import', 'tsx', `src/cli/${command}.ts`, ...args], input);
const viaBundle = (command: string, args: readonly string[], input?: string, cwd = ROOT): Run => run([join(cwd, 'scripts', 'cli.mjs'), command, ...args], input, cwd);

const TUTORIAL = join('__tests__', 'fixtures', 'tutorial-hcl');
const PLAN = join('__tests__', 'plan-review', 'fixtures', 'queue-renamed.json');

const CASES: ReadonlyArray<readonly [command: string, args: readonly string[], input?: string]> = [
  ['doctor', [TUTORIAL]],
  ['doctor', ['--format', 'json', TUTORIAL]],
  ['doctor', ['--format', 'yaml']],
  ['doctor', ['--help']],
  ['doctor', ['no-such-path.tf']],
  ['plan-summary', ['-'], readFileSync(join(ROOT, PLAN), 'utf8')],
  ['plan-summary', ['--json', PLAN]],
  ['plan-summary', ['-'], 'not json'],
  ['job', ['--help']],
  ['job', ['toString']],
  ['job', ['submit', 'unit']],
  ['diagram', ['--bogus']],
  ['diagram', ['no-such-folder']],
  ['pr-comment', ['--help']],
  ['pr-comment', ['--bogus']],
];

describe('the precompiled commands (scripts/cli.mjs)', () => {
  it.each(CASES.map((c) => ({ command: c[0], args: c[1], input: c[2] })))('$command $args: same output and exit code as through tsx', ({ command, args, input }) => {
    const expected = viaTsx(command, args, input);
    expect(viaBundle(command, args, input)).toEqual(expected);
  });

  it('are what package.json runs', () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    for (const command of ['doctor', 'job', 'diagram', 'pr-comment', 'plan-summary']) expect(scripts[command]).toBe(`node scripts/cli.mjs ${command}`);
  });

  it('says in one line, exit 2, when the command is unknown', () => {
    expect(viaBundle('deploy', [])).toEqual({ status: 2, stdout: '', stderr: 'cli: unknown command "deploy"; one of doctor, job, diagram, pr-comment, plan-summary\n' });
  });

  it('rebuilds a bundle when a source it was built from changes, and only then', () => {
    // A copy of the project, so that editing a source touches nothing shared.
    const dir = tempDir('cli-launcher-');
    for (const entry of ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const usage = viaBundle('doctor', ['--help'], undefined, dir);
    expect(usage.stdout).toContain('Usage: npm run doctor');
    const bundle = join(dir, '.cdktf-app', 'cli', 'doctor.cjs');
    const built = readFileSync(bundle, 'utf8');
    // Unchanged sources: the bundle is reused as it is.
    writeFileSync(bundle, built.replace('Usage: npm run doctor', 'Usage (cached): npm run doctor'));
    expect(viaBundle('doctor', ['--help'], undefined, dir).stdout).toContain('Usage (cached): npm run doctor');
    // A changed source (the text of the usage, in src/cli/doctor.ts): rebuilt.
    const source = join(dir, 'src', 'cli', 'doctor.ts');
    writeFileSync(source, readFileSync(source, 'utf8').replace('Usage: npm run doctor', 'Usage (edited): npm run doctor'));
    expect(viaBundle('doctor', ['--help'], undefined, dir).stdout).toContain('Usage (edited): npm run doctor');
  });
});
