/**
 * One measurement in a fresh process, bundled to plain JavaScript by
 * bench.ts (as the app command is) and printed as one JSON line:
 *   synth <default|N> [root]   build + write the stack; `root` first loads
 *                              @cdktf/provider-aws through its package root
 *   synth <N> workloads        the same with the Step 11 job settings (scaledWorkloadConfig)
 *   doctor <N>                 the preflight doctor on an N-job stack's JSON:
 *                              its first run (cold), then the median of 5 more (warm)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

/** Runs of the doctor after the first, for its warm figure (odd: the median is one of them). */
const WARM_RUNS = 5;

async function main(): Promise<void> {
  const [kind, size, variant] = process.argv.slice(2);
  const started = performance.now();
  if (variant === 'root') createRequire(__filename)('@cdktf/provider-aws');
  const { App } = await import('cdktf');
  const { BatchStack } = await import('../../src/index');
  const { runDoctor } = await import('../../src/doctor/index');
  const { scaledConfig, scaledWorkloadConfig } = await import('./scaled-config');

  const config =
    size === 'default' ? JSON.parse(readFileSync('environments/dev.json', 'utf8')) : variant === 'workloads' ? scaledWorkloadConfig(Number(size)) : scaledConfig(Number(size));
  const outdir = mkdtempSync(join(tmpdir(), 'bench-'));
  const loaded = performance.now();
  let result: Record<string, number>;
  if (kind === 'synth') {
    const app = new App({ outdir, skipValidation: true });
    new BatchStack(app, 'bench', config);
    app.synth();
    const done = performance.now();
    result = { totalMs: done - started, loadMs: loaded - started, synthMs: done - loaded };
  } else {
    const tf = new BatchStack(new App({ outdir, skipValidation: true }), 'bench', config).toTerraform();
    // Cold: the first run in a fresh process (what one `npm run doctor` pays).
    // Warm: the median of the next WARM_RUNS on the same stack, JIT-compiled.
    const t = performance.now();
    const findings = runDoctor(tf);
    const doctorMs = performance.now() - t;
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const w = performance.now();
      runDoctor(tf);
      warm.push(performance.now() - w);
    }
    warm.sort((a, b) => a - b);
    result = { doctorMs, doctorWarmMs: warm[Math.floor(warm.length / 2)]!, findings: findings.length };
  }
  rmSync(outdir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ ...result, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

void main();
