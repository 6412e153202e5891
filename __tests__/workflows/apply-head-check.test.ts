/**
 * The apply workflow's "Still the head of main" step, run as GitHub runs it
 * (bash -e) with a stand-in `gh` on PATH: it lets the apply go ahead only
 * when the run's commit is what main points at now, says why otherwise, and
 * fails rather than guess when it cannot tell.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/synth';

const run = promisify(execFile);
const workflow = parse(readFileSync(`${ROOT}.github/workflows/apply.yml`, 'utf8')) as any;
const step = (workflow.jobs.apply.steps as any[]).find((s) => s.id === 'head');

const SHA = 'a'.repeat(40);
const NEWER = 'b'.repeat(40);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the step's script with `gh api` answering `answer` (or failing when null); returns exit code, outputs, logs. */
async function headCheck(answer: string | null) {
  const dir = mkdtempSync(join(tmpdir(), 'apply-head-'));
  dirs.push(dir);
  // The stand-in records its arguments and prints what `gh api ... --jq .object.sha` would.
  writeFileSync(join(dir, 'gh'), `#!/bin/sh\necho "$@" > "${dir}/gh-args"\n${answer === null ? 'echo "HTTP 502" >&2; exit 1' : `echo "${answer}"`}\n`);
  chmodSync(join(dir, 'gh'), 0o755);
  for (const f of ['output', 'summary']) writeFileSync(join(dir, f), '');
  const env = {
    PATH: `${dir}:${process.env.PATH}`,
    GITHUB_REPOSITORY: 'acme/batch',
    GITHUB_SHA: SHA,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    ENVIRONMENT: 'prod',
    BRANCH: 'main',
    GH_TOKEN: 'token',
  };
  let code = 0;
  let stdout = '';
  try {
    ({ stdout } = await run('bash', ['-e', '-c', step.run], { env }));
  } catch (error) {
    ({ code, stdout } = error as { code: number; stdout: string });
  }
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { code, stdout, output: read('output'), summary: read('summary'), ghArgs: answer === null ? '' : read('gh-args').trim() };
}

describe('apply: still the head of main', () => {
  it('asks GitHub where main points now', async () => {
    expect((await headCheck(SHA)).ghArgs).toBe('api repos/acme/batch/git/ref/heads/main --jq .object.sha');
  });

  it('lets the apply go ahead when the commit is the head', async () => {
    const r = await headCheck(SHA);
    expect(r).toMatchObject({ code: 0, output: 'current=true\n' });
    expect(r.stdout).toBe('');
  });

  it('skips the apply with a notice naming both commits when main has moved on', async () => {
    const r = await headCheck(NEWER);
    expect(r).toMatchObject({ code: 0, output: 'current=false\n' });
    expect(r.stdout).toContain(`::notice::prod not applied: this run is for ${SHA}, but main is now at ${NEWER}, whose run applies it`);
    expect(r.summary).toContain(`main moved on to ${NEWER}`);
  });

  it('fails, and sets nothing, when GitHub cannot be asked or answers nothing', async () => {
    for (const answer of [null, '']) {
      const r = await headCheck(answer);
      expect(r.code).not.toBe(0);
      expect(r.output).toBe('');
    }
  });
});
