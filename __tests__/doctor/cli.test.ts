import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ec2Stack, tf } from './helpers';
import { tempDir } from '../support/temp';

const ROOT = join(import.meta.dirname, '..', '..');
const TUTORIAL = join('__tests__', 'fixtures', 'tutorial-hcl');

function doctor(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/doctor.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempFile(name: string, text: string): string {
  const dir = tempDir('doctor-');
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('doctor CLI on the tutorial HCL', () => {
  it('exits 1 and lists every trap of the tutorial setup', () => {
    const { status, stdout, stderr } = doctor(TUTORIAL);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    for (const trap of [
      'ERROR BATCH_CE_FIXED_NAME_CREATE_BEFORE_DESTROY  aws_batch_compute_environment.sample',
      'ERROR BATCH_CE_SERVICE_ROLE_DESTROY_ORDER  aws_batch_compute_environment.sample',
      'ERROR BATCH_NET_NO_ECS_PATH  aws_batch_compute_environment.sample',
      'ERROR BATCH_JOB_EXCEEDS_INSTANCE_TYPES  aws_batch_job_definition.sample',
      'ERROR BATCH_NET_NO_IMAGE_PATH  aws_batch_job_definition.sample',
      'ERROR BATCH_NET_NO_LOGS_PATH  aws_batch_job_definition.sample',
      'WARNING BATCH_CE_REPLACED_ON_EDIT  aws_batch_compute_environment.sample',
      'WARNING BATCH_JOB_LEGACY_VCPUS_MEMORY  aws_batch_job_definition.sample',
      'WARNING BATCH_SEC_NO_LAUNCH_TEMPLATE  aws_batch_compute_environment.sample',
      'WARNING BATCH_SEC_TRUST_SOURCE_ACCOUNT  aws_iam_role.service',
    ]) {
      expect(stdout).toContain(trap);
    }
    expect(stdout).toContain('a custom service_role and allocation_strategy BEST_FIT');
    expect(stdout).toContain('(c4.large)');
    expect(stdout).toMatch(/Batch doctor: 6 errors, 4 warnings\.\n$/);
  });

  it('prints parseable JSON with --format json, for a single .tf file too', () => {
    const { status, stdout } = doctor('--format', 'json', join(TUTORIAL, 'main.tf'));
    expect(status).toBe(1);
    const parsed = JSON.parse(stdout) as { findings: Array<Record<string, string>> };
    expect(parsed.findings).toHaveLength(10);
    expect(Object.keys(parsed.findings[0]!).sort()).toEqual(['address', 'fix', 'link', 'message', 'rule', 'severity']);
    for (const f of parsed.findings) expect(f.link).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|github\.com\/hashicorp\/terraform-provider-aws)\//);
    expect(parsed.findings.map((f) => f.rule)).toContain('BATCH_CE_FIXED_NAME_CREATE_BEFORE_DESTROY');
  });
});

describe('doctor CLI on Terraform JSON', () => {
  it('exits 0 on a clean .tf.json file and says so', () => {
    const file = tempFile('main.tf.json', JSON.stringify(tf(ec2Stack())));
    const { status, stdout } = doctor(file);
    expect(status).toBe(0);
    expect(stdout).toBe('Batch doctor: no problems found.\n');
  });

  it('exits 0 on warnings only', () => {
    const r = ec2Stack();
    delete r.aws_batch_compute_environment!.ec2!.lifecycle;
    const { status, stdout } = doctor('--format=json', tempFile('main.tf.json', JSON.stringify(tf(r))));
    expect(status).toBe(0);
    expect(JSON.parse(stdout).findings).toMatchObject([{ rule: 'BATCH_CE_NO_CREATE_BEFORE_DESTROY', severity: 'warning' }]);
  });
});

describe('doctor CLI errors', () => {
  it('exits 2 naming a missing path', () => {
    const { status, stdout, stderr } = doctor('does/not/exist.tf.json');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('doctor: cannot read does/not/exist.tf.json: no such file or folder\n');
  });

  it('exits 2 naming a file with invalid JSON, without a stack trace', () => {
    const file = tempFile('broken.tf.json', '{"resource": ');
    const { status, stderr } = doctor(file);
    expect(status).toBe(2);
    expect(stderr).toMatch(new RegExp(`^doctor: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON: .+\n$`));
  });

  it('exits 2 naming a file with invalid HCL', () => {
    const file = tempFile('main.tf', 'resource "aws_vpc" "x" {\n  cidr_block =\n}\n');
    const { status, stderr } = doctor(file);
    expect(status).toBe(2);
    expect(stderr).toContain(`doctor: ${file} is not valid HCL:`);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  // Issue item 4: input that is not Terraform used to get "no problems found", exit 0.
  it.each([
    ['package.json', JSON.stringify({ name: 'app', version: '1.0.0', scripts: { build: 'tsc' } }), 'it looks like a package.json'],
    ['empty.json', '{}', 'it declares no resource, data source, module, variable or output'],
    ['Pulumi.yaml', 'name: batch\nruntime: nodejs\n', 'a Pulumi project file'],
    ['Pulumi.dev.json', JSON.stringify({ runtime: 'nodejs', config: {} }), 'it looks like a Pulumi file'],
    ['state.json', JSON.stringify({ format_version: '1.0', terraform_version: '1.11.0', values: { root_module: {} } }), 'to review a plan, run npm run plan-summary'],
  ])('exits 2 on %s: not a Terraform configuration, nothing on standard output', (name, text, why) => {
    const file = tempFile(name, text);
    const { status, stdout, stderr } = doctor(file);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file} is not a Terraform configuration`);
    expect(stderr).toContain(why);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a folder with no Terraform file, naming what it holds', () => {
    const dir = dirname(tempFile('Pulumi.yaml', 'name: batch\nruntime: nodejs\n'));
    const { status, stderr } = doctor(dir);
    expect(status).toBe(2);
    expect(stderr).toContain('holds no cdk.tf.json, .tf or .tf.json file (it is a Pulumi project)');
  });

  it('exits 2 on an unknown option', () => {
    const { status, stderr } = doctor('--verbose');
    expect(status).toBe(2);
    expect(stderr).toBe('doctor: unknown option --verbose (see --help)\n');
  });

  it('prints usage with --help', () => {
    const { status, stdout } = doctor('--help');
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: npm run doctor -- [options] [paths...]');
  });
});

describe('doctor CLI suppressions', () => {
  /** A .tf.json with one error (min above max) in a folder of its own, optionally with a .batch-doctor.json beside it. */
  function stack(suppressions?: unknown): string {
    const r = ec2Stack();
    r.aws_batch_compute_environment!.ec2!.compute_resources.min_vcpus = 128;
    const file = tempFile('main.tf.json', JSON.stringify(tf(r)));
    if (suppressions !== undefined) writeFileSync(join(file, '..', '.batch-doctor.json'), JSON.stringify(suppressions));
    return file;
  }
  const minAboveMax = (reason?: string) => ({ suppressions: [{ rule: 'BATCH_CE_MIN_ABOVE_MAX', address: 'aws_batch_compute_environment.ec2', ...(reason !== undefined ? { reason } : {}) }] });

  it('reads .batch-doctor.json beside the checked file: the error is shown as suppressed and the exit code is 0', () => {
    const { status, stdout } = doctor(stack(minAboveMax('reserved capacity, reviewed by the platform team')));
    expect(status).toBe(0);
    expect(stdout).toContain('ERROR BATCH_CE_MIN_ABOVE_MAX  aws_batch_compute_environment.ec2\n');
    expect(stdout).toContain('  suppressed: reserved capacity, reviewed by the platform team\n');
    expect(stdout).toMatch(/Batch doctor: 0 errors, 0 warnings, 1 suppressed\.\n$/);
  });

  it('reports a suppression without a reason as an error (exit 1), and one that matches nothing as a warning', () => {
    const file = stack(minAboveMax());
    const noReason = doctor('--format', 'json', file);
    expect(noReason.status).toBe(1);
    expect(JSON.parse(noReason.stdout).findings.map((f: { rule: string; address: string }) => [f.rule, f.address])).toEqual([
      // Errors by address: the suppression's file path sorts before the resource address.
      ['BATCH_SUPPRESSION_WITHOUT_REASON', `${join(file, '..', '.batch-doctor.json')} suppressions[0]`],
      ['BATCH_CE_MIN_ABOVE_MAX', 'aws_batch_compute_environment.ec2'],
    ]);
    const unused = doctor('--format', 'json', stack({ suppressions: [{ rule: 'BATCH_SEC_SNS_UNENCRYPTED', reason: 'no topic yet' }, ...minAboveMax('ok').suppressions] }));
    expect(unused.status).toBe(0);
    expect(JSON.parse(unused.stdout).findings.map((f: { rule: string; suppressed?: unknown }) => [f.rule, f.suppressed ?? null])).toEqual([
      ['BATCH_SUPPRESSION_UNUSED', null],
      ['BATCH_CE_MIN_ABOVE_MAX', { reason: 'ok' }],
    ]);
  });

  it('takes --suppressions for every path, judging what it matches over all of them', () => {
    const file = tempFile('doctor.json', JSON.stringify(minAboveMax('reserved capacity')));
    const clean = tempFile('clean.tf.json', JSON.stringify(tf(ec2Stack())));
    const { status, stdout } = doctor('--suppressions', file, stack(), clean);
    expect(status).toBe(0);
    expect(stdout).toContain('  suppressed: reserved capacity\n');
    expect(stdout).not.toContain('BATCH_SUPPRESSION_UNUSED');
  });

  it('exits 2 in one line on a suppression file it cannot use', () => {
    const target = stack();
    const missing = doctor('--suppressions', 'no/such/file.json', target);
    expect([missing.status, missing.stderr]).toEqual([2, 'doctor: cannot read --suppressions no/such/file.json: no such file\n']);
    const bad = tempFile('doctor.json', JSON.stringify({ suppressions: [{ rule: 'BATCH_X', resource: 'aws_x.y', reason: 'r' }] }));
    const wrong = doctor('--suppressions', bad, target);
    expect([wrong.status, wrong.stderr]).toEqual([2, `doctor: ${bad}: suppressions[0].resource: unknown key; use "rule", "address" and "reason"\n`]);
    expect(doctor('--suppressions').stderr).toBe('doctor: --suppressions needs a file name\n');
  });
});
