/**
 * plan-summary on plans from the real provider (fixtures/*.json: harness
 * plans of safe-changes scenarios, trimmed to the Batch resources' changes;
 * regenerate by running those scenarios) and on hand-edited variants for the
 * cases our stack never plans (a destroy-first replacement).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_DANGER, EXIT_UNREADABLE, main } from '../../src/cli/plan-summary.js';
import type { PlanJson } from '../../src/plan-review/plan-json.js';
import { summarizePlan } from '../../src/plan-review/plan-risk.js';
import { tempDir } from '../support/temp';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const fixture = (name: string) => join(FIXTURES, `${name}.json`);
const load = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as PlanJson;

/** Runs main() with captured output. */
function run(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: () => stdin,
  });
  return { code, stdout, stderr };
}

/** A fixture with one resource's actions changed, written to a temp file. */
function edited(name: string, address: string, actions: string[]): string {
  const plan = load(name) as any;
  plan.resource_changes.find((rc: any) => rc.address === address).change.actions = actions;
  const file = join(tempDir('plan-summary-'), 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

describe('plan-summary', () => {
  it('passes an in-place compute environment update (exit 0)', () => {
    const { code, stdout } = run([fixture('ce-updated-in-place')]);
    expect(code).toBe(0);
    expect(stdout).toContain('Plan: 0 to create, 1 to update in place, 0 to replace, 0 to delete.');
    expect(stdout).toContain('Nothing dangerous for AWS Batch.');
  });

  it('reports a create-before-destroy replacement of a compute environment as a note, not a danger', () => {
    const { code, stdout } = run([fixture('ce-replaced-create-before-destroy')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/note {2}aws_batch_compute_environment\.ondemand: replaced, create before destroy/);
  });

  it('reports job definition revisions', () => {
    const { code, stdout } = run([fixture('job-definition-revision')]);
    expect(code).toBe(0);
    expect(stdout).toContain('aws_batch_job_definition.report: new revision');
  });

  it('says what a job definition replacement does to its revisions: deregistered, then numbering continues (never restarts at 1)', () => {
    const { code, stdout } = run([edited('job-definition-revision', 'aws_batch_job_definition.report', ['delete', 'create'])]);
    expect(code).toBe(0);
    expect(stdout).toContain('aws_batch_job_definition.report: replaced, deleted first: every active revision is deregistered, then the same name is registered again as its next revision (numbers continue, they do not restart at 1)');
    expect(stdout).not.toMatch(/revision 1\b|anew/);
  });

  it('names both names when a job definition replacement renames it', () => {
    const plan = load('job-definition-revision') as any;
    const rc = plan.resource_changes.find((r: any) => r.address === 'aws_batch_job_definition.report');
    rc.change.actions = ['delete', 'create'];
    rc.change.after = { ...rc.change.after, name: 'other-report' };
    const [finding] = summarizePlan(plan).findings.filter((f) => f.address === rc.address);
    expect(finding!.message).toBe(`replaced, deleted first: every active revision of ${rc.change.before.name} is deregistered, and other-report is registered, numbered after any earlier revision of that name`);
  });

  it('flags a deleted job queue: queued jobs are lost (exit 3)', () => {
    const { code, stdout } = run([fixture('queue-renamed')]);
    expect(code).toBe(EXIT_DANGER);
    expect(stdout).toContain('DANGER  aws_batch_job_queue.main: deleted: every job queued in it is lost');
  });

  it('flags a replaced job queue, whichever the order', () => {
    for (const actions of [['create', 'delete'], ['delete', 'create']]) {
      const { code, stdout } = run([edited('ce-updated-in-place', 'aws_batch_job_queue.main', actions)]);
      expect(code).toBe(EXIT_DANGER);
      expect(stdout).toContain('aws_batch_job_queue.main: replaced: every job queued in it is lost');
    }
  });

  it('flags a compute environment destroyed before its replacement exists', () => {
    const { code, stdout } = run([edited('ce-replaced-create-before-destroy', 'aws_batch_compute_environment.ondemand', ['delete', 'create'])]);
    expect(code).toBe(EXIT_DANGER);
    expect(stdout).toContain('aws_batch_compute_environment.ondemand: replaced, destroyed first');
  });

  it('flags a launch template change that apply would turn into a replacement of a non-updatable environment', () => {
    const risk = summarizePlan(load('ce-launch-template-hidden-replacement'));
    expect(risk.dangerous).toBe(true);
    // Only the BEST_FIT environment; the SPOT_CAPACITY_OPTIMIZED one with the service-linked role updates cleanly.
    expect(risk.findings.map((f) => [f.level, f.address])).toEqual([['danger', 'aws_batch_compute_environment.ondemand']]);
    expect(risk.findings[0]!.message).toMatch(/inconsistent final plan/);
  });

  it('prints JSON with --json and reads stdin with "-"', () => {
    const { code, stdout } = run(['--json', '-'], readFileSync(fixture('queue-renamed'), 'utf8'));
    expect(code).toBe(EXIT_DANGER);
    expect(JSON.parse(stdout)).toMatchObject({ dangerous: true, counts: { create: 1, delete: 1 } });
  });

  it.each([
    ['a missing file', ['/nonexistent/plan.json'], /cannot read \/nonexistent\/plan\.json/],
    ['no file', [], /expected exactly one plan file/],
    ['an unknown option', ['--yaml', 'plan.json'], /unknown option --yaml/],
  ])('exits 2 on %s', (_, argv, message) => {
    const { code, stderr } = run(argv);
    expect(code).toBe(EXIT_UNREADABLE);
    expect(stderr).toMatch(message);
  });

  it.each([
    ['not JSON', 'terraform plan output', /stdin is not JSON/],
    ['a state, not a plan', JSON.stringify({ format_version: '1.0', values: { root_module: {} } }), /not a Terraform plan in JSON/],
    ['resource_changes not a list', JSON.stringify({ format_version: '1.2', resource_changes: {} }), /resource_changes is not a list/],
  ])('exits 2 on input that is %s', (_, text, message) => {
    const { code, stderr } = run(['-'], text);
    expect(code).toBe(EXIT_UNREADABLE);
    expect(stderr).toMatch(message);
  });

  it('--help prints usage and exits 0', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run plan-summary -- \[--json\] <plan\.json \| ->/);
    expect(stdout).toContain('3 something dangerous is planned');
  });

  it('sets the exit status when run as a program', () => {
    const tsx = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).pathname;
    const cli = new URL('../../src/cli/plan-summary.ts', import.meta.url).pathname;
    const result = spawnSync(process.execPath, ['--import', tsx, cli, fixture('queue-renamed')], { encoding: 'utf8' });
    expect(result.stdout).toContain('DANGER');
    expect(result.status).toBe(EXIT_DANGER);
  });
});
