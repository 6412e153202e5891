/**
 * The app as users run it: `main.ts` through the app command of cdktf.json,
 * and `cdktf synth` itself.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/synth';
import { tempDir } from '../support/temp';

const run = promisify(execFile);
const ENV = { ...process.env, CHECKPOINT_DISABLE: '1' };

/** A copy of the app whose environments/dev.json says `devJson` (the other environments as shipped). */
function appWith(devJson: string): string {
  const dir = tempDir('batch-app-');
  for (const entry of ['main.ts', 'src', 'cdktf.json', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // Every environment main.ts names must exist; dev.json is then replaced.
  cpSync(join(ROOT, 'environments'), join(dir, 'environments'), { recursive: true });
  writeFileSync(join(dir, 'environments', 'dev.json'), devJson);
  return dir;
}

/** Every file under a folder, by relative path, with its bytes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const path = join(e.parentPath, e.name);
        return [path.slice(dir.length + 1), readFileSync(path, 'base64')];
      }),
  );
}

async function runApp(dir: string, outdir: string) {
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', 'main.ts'], { cwd: dir, env: { ...ENV, CDKTF_OUTDIR: outdir } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}


/** The files below a folder (cdktf creates empty output folders when the app is constructed; a refused synth writes no file). */
function filesIn(dir: string): string[] {
  return existsSync(dir) ? Object.keys(snapshot(dir)) : [];
}

describe('main.ts with a bad config', () => {
  it('prints the config path, value and fix without a stack trace, exits 1 and keeps the previous output', async () => {
    // GIVEN a good synth, then a broken config
    const dir = appWith(readFileSync(join(ROOT, 'environments', 'dev.json'), 'utf8'));
    const outdir = join(dir, 'cdktf.out');
    expect((await runApp(dir, outdir)).code).toBe(0);
    const before = snapshot(outdir);
    expect(Object.keys(before)).toContain(join('stacks', 'dev', 'cdk.tf.json'));
    const good = JSON.parse(readFileSync(join(dir, 'environments', 'dev.json'), 'utf8'));
    good.jobDefinitions.hello.memoryMiB = -1;
    writeFileSync(join(dir, 'environments', 'dev.json'), JSON.stringify(good));

    // WHEN
    const result = await runApp(dir, outdir);

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('jobDefinitions.hello.memoryMiB: got -1; must be at least 4');
    expect(result.stderr).toContain('fix:');
    expect(result.stderr).toContain('Nothing was written');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(outdir)).toEqual(before);
  });

  it('names the file when it is not JSON', async () => {
    const dir = appWith('{ "name": "x", }');
    const result = await runApp(dir, join(dir, 'cdktf.out'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/environments\/dev\.json is not valid JSON/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('main.ts names the config file in every config error', () => {
  const dev = () => JSON.parse(readFileSync(join(ROOT, 'environments', 'dev.json'), 'utf8'));

  it('for a bad value: the file and the stack', async () => {
    const config = dev();
    config.jobDefinitions.hello.memoryMiB = -1;
    const dir = appWith(JSON.stringify(config));
    const result = await runApp(dir, join(dir, 'cdktf.out'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid batch config environments/dev.json, stack "dev" (1 problem):\n  jobDefinitions.hello.memoryMiB: got -1');
  });

  it('for a key written twice: the file, the line and the column', async () => {
    const text = readFileSync(join(ROOT, 'environments', 'dev.json'), 'utf8').replace('"vcpus": 1,', '"vcpus": 1,\n      "vcpus": 2,');
    const dir = appWith(text);
    const result = await runApp(dir, join(dir, 'cdktf.out'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Invalid batch config environments\/dev\.json \(1 problem\):\n  jobDefinitions\.hello\.vcpus: \(line 20, column 7\) key "vcpus" appears twice in one object \(first at line 19, column 7\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('for two environments with the same name in one account: both files, and nothing written', async () => {
    const config = dev();
    config.name = 'batch-prod'; // prod's name, same account
    const dir = appWith(JSON.stringify(config));
    const outdir = join(dir, 'cdktf.out');
    const result = await runApp(dir, outdir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid batch config environments/prod.json, stack "prod" (1 problem):\n  name: got "batch-prod", the same as environments/dev.json, stack "dev" in account 123456789012');
    expect(result.stderr).toContain('Nothing was written');
    expect(filesIn(outdir)).toEqual([]);
  });
});

describe('main.ts with a config the doctor refuses', () => {
  it('lists the findings, exits 1 and writes nothing', async () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'environments', 'dev.json'), 'utf8'));
    config.jobDefinitions.hello.vcpus = 128;
    const dir = appWith(JSON.stringify(config));
    const outdir = join(dir, 'cdktf.out');

    const result = await runApp(dir, outdir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERROR BATCH_JOB_VCPU_ABOVE_MAX_VCPUS  aws_batch_job_definition.hello');
    expect(result.stderr).toContain('construct: dev/jobDefinitions/hello');
    expect(result.stderr).toContain('Nothing was written');
    expect(filesIn(outdir)).toEqual([]);
  });
});

describe('main.ts with an environment the bootstrap roles cannot plan or apply', () => {
  it('names the environment file and the fix, exits 1 and writes nothing', async () => {
    const dir = appWith(readFileSync(join(ROOT, 'environments', 'dev.json'), 'utf8'));
    try {
      const prod = JSON.parse(readFileSync(join(dir, 'environments', 'prod.json'), 'utf8'));
      delete prod.permissionsBoundary;
      writeFileSync(join(dir, 'environments', 'prod.json'), JSON.stringify(prod));
      const outdir = join(dir, 'cdktf.out');

      const result = await runApp(dir, outdir);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Invalid batch config environments/prod.json (1 problem)');
      expect(result.stderr).toContain('permissionsBoundary: got nothing; the apply role (environments/bootstrap.json) may create IAM roles only with its permissions boundary');
      expect(result.stderr).toContain('Nothing was written');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(filesIn(outdir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the app command of cdktf.json (scripts/app.mjs)', () => {
  it('writes the same cdktf.out as running main.ts with tsx', async () => {
    const dir = appWith(readFileSync(join(ROOT, 'environments', 'dev.json'), 'utf8'));
    cpSync(join(ROOT, 'scripts'), join(dir, 'scripts'), { recursive: true });
    const viaTsx = join(dir, 'out-tsx');
    const viaBundle = join(dir, 'out-bundle');
    expect((await runApp(dir, viaTsx)).code).toBe(0);
    await run('node', ['scripts/app.mjs'], { cwd: dir, env: { ...ENV, CDKTF_OUTDIR: viaBundle } });
    const files = readdirSync(viaTsx, { recursive: true }).map(String).filter((f) => f.endsWith('.json')).sort();
    expect(files).toContain(join('stacks', 'dev', 'cdk.tf.json'));
    for (const file of files) expect(readFileSync(join(viaBundle, file), 'utf8'), file).toBe(readFileSync(join(viaTsx, file), 'utf8'));
  });
});

describe('the app command with a bad config', () => {
  it('prints each problem once, exits 1, no stack trace (cdktf synth then shows its output twice: docs/aws-batch-facts.md)', async () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'environments', 'dev.json'), 'utf8'));
    config.jobDefinitions.hello.memoryMiB = -1;
    const dir = appWith(JSON.stringify(config));
    cpSync(join(ROOT, 'scripts'), join(dir, 'scripts'), { recursive: true });
    const result = await run('node', ['scripts/app.mjs'], { cwd: dir, env: { ...ENV, CDKTF_OUTDIR: join(dir, 'cdktf.out') } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.split('jobDefinitions.hello.memoryMiB: got -1')).toHaveLength(2);
    expect(result.stderr.split('Nothing was written')).toHaveLength(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npx cdktf synth', () => {
  it('synthesizes the default environment with no AWS credentials', async () => {
    const outdir = tempDir('batch-synth-');
    const env = { ...ENV, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' };
    await run(join(ROOT, 'node_modules', '.bin', 'cdktf'), ['synth', '--output', outdir], { cwd: ROOT, env });
    const stack = JSON.parse(readFileSync(join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(stack.resource.aws_batch_job_queue)).toEqual(['main']);
  });
});
