/**
 * cdktf's Testing.app() makes a new temp folder for every app it returns
 * (its output folder), and nothing removes them: a test run that builds a
 * thousand stacks left a thousand folders behind. scratchApp() gives every
 * app of a process the same folder (Testing.synth writes nothing into it),
 * and removeScratchApps() deletes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing, type App } from 'cdktf';

let outdir: string | undefined;

/** Testing.app() with this process's one output folder. */
export function scratchApp(): App {
  outdir ??= mkdtempSync(join(tmpdir(), 'batch-cdktf-apps-'));
  return Testing.app({ outdir });
}

/** Removes the folder scratchApp() made (test files call it in afterAll: workers are killed, not exited). */
export function removeScratchApps(): void {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
  outdir = undefined;
}
process.once('exit', removeScratchApps);
