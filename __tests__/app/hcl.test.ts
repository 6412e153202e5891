/**
 * `cdktf synth --hcl` as the README tells reviewers to run it, and switching
 * formats with the app command of cdktf.json: Terraform loads every *.tf and
 * *.tf.json of a stack folder, so a synth must leave only its own format.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Testing } from 'cdktf';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BootstrapStack } from '../../src/bootstrap/stack';
import { loadBootstrapConfig } from '../../src/bootstrap/config';
import { BatchStack, loadConfigFile } from '../../src/index';
import { ROOT } from '../support/synth';
import { removeTestApps, testApp } from '../hcl/support';

const run = promisify(execFile);
const ENV = { ...process.env, CHECKPOINT_DISABLE: '1' };
const STACKS = ['bootstrap', 'dev', 'prod'];

const outdirs: string[] = [];
afterEach(() => outdirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
afterAll(removeTestApps);

function outdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'batch-hcl-app-'));
  outdirs.push(dir);
  return dir;
}

/** The app command of cdktf.json, in the format cdktf-cli asks for (it sets SYNTH_HCL_OUTPUT). */
async function synthApp(out: string, hcl: boolean): Promise<void> {
  await run('node', ['scripts/app.mjs'], { cwd: ROOT, env: { ...ENV, CDKTF_OUTDIR: out, SYNTH_HCL_OUTPUT: String(hcl) } });
}

const files = (out: string, stack: string) => readdirSync(join(out, 'stacks', stack)).filter((f) => !f.startsWith('.')).sort();

/** The HCL each stack renders in-process, as main.ts builds it. */
function expectedHcl(stack: string): string {
  const app = testApp();
  if (stack === 'bootstrap') return Testing.synthHcl(new BootstrapStack(app, stack, loadBootstrapConfig(join(ROOT, 'environments/bootstrap.json'))));
  return Testing.synthHcl(new BatchStack(app, stack, loadConfigFile(join(ROOT, `environments/${stack}.json`))));
}

describe('a synth in one format removes the other format\'s files', () => {
  it('JSON, then HCL, then JSON again: each synth leaves only its own files in every stack folder', async () => {
    const out = outdir();

    await synthApp(out, false);
    for (const stack of STACKS) expect(files(out, stack), stack).toEqual(['cdk.tf.json']);

    await synthApp(out, true);
    for (const stack of STACKS) expect(files(out, stack), stack).toEqual(['cdk.tf', 'metadata.json']);

    await synthApp(out, false);
    for (const stack of STACKS) expect(files(out, stack), stack).toEqual(['cdk.tf.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.stacks.dev.synthesizedStackPath).toBe(join('stacks', 'dev', 'cdk.tf.json'));
  });

  it('leaves Terraform\'s own files in the folder (.terraform, lock file) alone', async () => {
    const out = outdir();
    await synthApp(out, true);
    const terraformDir = join(out, 'stacks', 'dev', '.terraform');
    mkdirSync(terraformDir);
    writeFileSync(join(out, 'stacks', 'dev', '.terraform.lock.hcl'), '# lock\n');
    await synthApp(out, false);
    expect(existsSync(terraformDir)).toBe(true);
    expect(existsSync(join(out, 'stacks', 'dev', '.terraform.lock.hcl'))).toBe(true);
    expect(existsSync(join(out, 'stacks', 'dev', 'cdk.tf'))).toBe(false);
  });
});

describe('npx cdktf synth --hcl', () => {
  it('writes our rendering unchanged by the CLI\'s formatter, and removes the JSON of an earlier synth', async () => {
    const out = outdir();
    await synthApp(out, false);
    await run(join(ROOT, 'node_modules', '.bin', 'cdktf'), ['synth', '--hcl', '--output', out], { cwd: ROOT, env: ENV });
    for (const stack of STACKS) {
      expect(files(out, stack), stack).toEqual(['cdk.tf', 'metadata.json']);
      expect(readFileSync(join(out, 'stacks', stack, 'cdk.tf'), 'utf8'), stack).toBe(expectedHcl(stack));
    }
  });
});
