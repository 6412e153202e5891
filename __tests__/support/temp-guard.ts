/**
 * vitest globalSetup: every test run gets a temp directory of its own, and
 * fails when the tests leave anything in it.
 *
 * TMPDIR (TEMP and TMP on Windows) points at a fresh folder for the whole
 * run; workers and the processes tests start (terraform, cdktf, the app)
 * inherit it, so os.tmpdir() and mkdtemp land there and never in the shared
 * system temp directory. Other processes on the machine do not write there,
 * so the check holds with any number of parallel workers. Caches meant to
 * outlive a run (the shared terraform init, the provider schema) go to
 * BATCH_CDKTF_CACHE_DIR, the system temp directory.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Caches third-party tools keep in the temp directory on purpose, not litter. */
const TOOL_CACHES = [/^tsx-\d+$/];

export default function setup(): () => void {
  const system = tmpdir();
  const root = mkdtempSync(join(system, 'batch-cdktf-test-run-'));
  process.env.BATCH_CDKTF_CACHE_DIR ??= system;
  for (const name of ['TMPDIR', 'TEMP', 'TMP']) process.env[name] = root;
  return () => {
    const left = readdirSync(root).filter((name) => !TOOL_CACHES.some((cache) => cache.test(name)));
    rmSync(root, { recursive: true, force: true });
    if (left.length > 0) {
      const shown = left.slice(0, 10).join(', ');
      throw new Error(
        `the tests left ${left.length} entries in the temp directory (${shown}${left.length > 10 ? ', ...' : ''}); ` +
          'remove what a test creates (afterAll/afterEach with rmSync), and build cdktf test apps with scratchApp() from test-support/terraform/scratch-app.ts (Testing.app() alone makes a folder per call)',
      );
    }
  };
}
