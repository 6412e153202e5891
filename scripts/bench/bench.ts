/**
 * `npm run bench`: what synth, the doctor and Terraform cost, and how synth
 * grows with the number of job definitions. Every figure is the median of
 * BENCH_RUNS (default 5) fresh processes, in this one process tree, so ratios
 * compare runs made under the same load. Prints a table and writes
 * docs/benchmarks.json, docs/benchmarks.md and docs/bench-synth.svg.
 *
 * `npm run bench -- --only doctor` measures the doctor alone (in process on
 * 500 job definitions, and the command on one file) and updates those
 * figures in the same files, keeping the others.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { App } from 'cdktf';
import { BatchStack } from '../../src/index';
import { findTerraform, init, plan, prepareStackDir, validate } from '../../test-support/terraform/run';
import { scaledConfig } from './scaled-config';
import { renderMarkdown, renderSvg, type Results } from './report';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = [1, 10, 100, 500];
/** Job definitions of the Step 11 case (scaledWorkloadConfig). */
const WORKLOAD_JOBS = 500;
const ROOT = join(import.meta.dirname, '..', '..');
const ENV: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

/** Wall time (ms) of a command, median of RUNS; `ok` are the exit codes that count as success. */
function wall(command: string, args: string[], runs = RUNS, ok: readonly number[] = [0]): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const result = spawnSync(command, args, { cwd: ROOT, env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
    if (!ok.includes(result.status ?? -1)) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
    times.push(performance.now() - t);
  }
  return round(median(times), 0);
}

// The measuring child, bundled to plain JavaScript like the app command.
// Inside the project, so its imports resolve from node_modules.
const childBundle = join(ROOT, '.cdktf-app', 'bench-child.cjs');
buildSync({ entryPoints: [join(ROOT, 'scripts/bench/child.ts')], outfile: childBundle, bundle: true, packages: 'external', platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });

/** Runs the child RUNS times; per field, the median; plus the median wall time of the whole process. */
function child(args: string[], runs = RUNS): Record<string, number> {
  const samples: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const out = execFileSync('node', [childBundle, ...args], { cwd: ROOT, env: ENV, encoding: 'utf8' });
    samples.push({ ...JSON.parse(out.trim().split('\n').pop()!), wallMs: performance.now() - t });
  }
  return Object.fromEntries(Object.keys(samples[0]!).map((k) => [k, round(median(samples.map((s) => s[k]!)))]));
}

const log = (line: string) => process.stderr.write(`${line}\n`);

const ONLY_DOCTOR = process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'doctor';
const today = new Date().toISOString().slice(0, 10);

/**
 * The doctor: in process on the 500-job-definition stack (the child), and
 * the command on one file (a synthesized stack's cdk.tf.json; the tutorial's
 * main.tf, which goes through hcl2json) through tsx, the bundle npm runs,
 * and npm run itself. Exit 1 (errors found) is the tutorial's normal answer.
 */
function measureDoctor(): Pick<Results, 'doctor' | 'doctorCli'> {
  log('- doctor: in process on 500 job definitions, and the command on one file ...');
  const doctor = child(['doctor', '500']);
  const dir = mkdtempSync(join(tmpdir(), 'bench-doctor-'));
  const json = join(dir, 'cdk.tf.json');
  const config = JSON.parse(readFileSync(join(ROOT, 'environments/dev.json'), 'utf8'));
  writeFileSync(json, JSON.stringify(new BatchStack(new App({ outdir: dir, skipValidation: true }), 'bench', config).toTerraform()));
  const hcl = join(ROOT, '__tests__/fixtures/tutorial-hcl/main.tf');
  const ok = [0, 1];
  wall('node', ['scripts/cli.mjs', 'doctor', json], 1, ok); // builds the bundle if it is stale
  const ways = (file: string) => ({
    tsxMs: wall('node', ['--import', 'tsx', 'src/cli/doctor.ts', file], RUNS, ok),
    bundleMs: wall('node', ['scripts/cli.mjs', 'doctor', file], RUNS, ok),
    npmMs: wall('npm', ['run', '--silent', 'doctor', '--', file], RUNS, ok),
  });
  const doctorCli = { json: ways(json), hcl: ways(hcl), floorMs: wall('node', ['-e', '0']) };
  rmSync(dir, { recursive: true, force: true });
  return { doctor, doctorCli };
}

function write(results: Results): void {
  writeFileSync(join(ROOT, 'docs/benchmarks.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(ROOT, 'docs/bench-synth.svg'), renderSvg(results));
  writeFileSync(join(ROOT, 'docs/benchmarks.md'), renderMarkdown(results));
  process.stdout.write(renderMarkdown(results));
}

if (ONLY_DOCTOR) {
  log(`bench: ${RUNS} runs per figure, the doctor only`);
  const previous = JSON.parse(readFileSync(join(ROOT, 'docs/benchmarks.json'), 'utf8')) as Results;
  write({ ...previous, ...measureDoctor(), doctorDate: today });
  process.exit(0);
}

const loadBefore = loadavg()[0]!;
log(`bench: ${RUNS} runs per figure`);
log('- floor, app command, cdktf synth ...');
const floorMs = wall('node', ['-e', "require('cdktf')"]);
const appCommand = JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')).app as string;
const [appBin, ...appArgs] = appCommand.split(' ') as [string, ...string[]];
const outdir = mkdtempSync(join(tmpdir(), 'bench-out-'));
ENV.CDKTF_OUTDIR = outdir;
wall(appBin, appArgs, 1); // builds the app bundle if it is stale
const appMs = wall(appBin, appArgs);
const tsxMs = wall('node', ['--import', 'tsx', 'main.ts']);
delete ENV.CDKTF_OUTDIR;
const cliRuns = Math.min(RUNS, 3);
const cdktfSynthMs = wall(join(ROOT, 'node_modules/.bin/cdktf'), ['synth', '--output', outdir], cliRuns);

log('- default environment: deep vs root import ...');
const deep = child(['synth', 'default']);
const rootImport = child(['synth', 'default', 'root']);

log(`- scale: ${SIZES.join(', ')} job definitions ...`);
const scale: (Record<string, number> & { jobs: number })[] = SIZES.map((jobs) => ({ ...child(['synth', String(jobs)]), jobs }));
const { doctor, doctorCli } = measureDoctor();
log(`- ${WORKLOAD_JOBS} job definitions with the Step 11 settings ...`);
const workloads = { ...child(['synth', String(WORKLOAD_JOBS), 'workloads']), jobs: WORKLOAD_JOBS };

const terraform: { label: string; resources: number; validateMs: number; planMs: number }[] = [];
const found = findTerraform();
if ('missing' in found) log(`- terraform: skipped (${found.missing})`);
else {
  for (const [label, config] of [['default', JSON.parse(readFileSync(join(ROOT, 'environments/dev.json'), 'utf8'))], ['500 job definitions', scaledConfig(500)]] as const) {
    log(`- terraform: ${label} ...`);
    const stack = new BatchStack(new App({ outdir: mkdtempSync(join(tmpdir(), 'bench-tf-')), skipValidation: true }), 'bench', config);
    const dir = await prepareStackDir(stack.toTerraform());
    await init(dir);
    const validateTimes: number[] = [];
    const planTimes: number[] = [];
    let resources = 0;
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      let t = performance.now();
      const v = await validate(dir);
      if (!v.valid) throw new Error(`${label}: terraform validate failed`);
      validateTimes.push(performance.now() - t);
      t = performance.now();
      const planned = await plan(dir, { refresh: false });
      planTimes.push(performance.now() - t);
      resources = planned.resource_changes?.length ?? 0;
    }
    terraform.push({ label, resources, validateMs: round(median(validateTimes), 0), planMs: round(median(planTimes), 0) });
  }
}

const first = scale[0]!;
const last = scale[scale.length - 1]!;
const results: Results = {
  date: today,
  machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  // Other processes on the machine slow every figure: the 1-minute load average before and after.
  load: [round(loadBefore, 2), round(loadavg()[0]!, 2)],
  runs: RUNS,
  floorMs,
  appCommand,
  appMs,
  tsxMs,
  cdktfSynthMs,
  defaultDeep: deep,
  defaultRoot: rootImport,
  rootRatio: round(deep.wallMs! / rootImport.wallMs!, 3),
  scale,
  perJobDefinitionMs: round((last.synthMs! - first.synthMs!) / (last.jobs - first.jobs), 2),
  doctor,
  doctorCli,
  doctorDate: today,
  workloads,
  terraform,
};

write(results);
