/**
 * At most APPLY_CONCURRENCY (default 2) terraform-and-emulator runs at once
 * on the machine, whichever test file or process they come from: a slot is a
 * directory in the OS temp dir, taken with mkdir (atomic) and holding the
 * owner's pid, so a slot whose owner died is taken over.
 *
 *   await withApplySlot(async () => { ...start an emulator, apply, destroy... });
 *
 * The test files then run side by side and the slots, not the file order,
 * decide what runs: no slot idles while a file finishes its last stack.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SLOTS_DIR = join(tmpdir(), 'batch-cdktf-apply-slots');
/** A slot without a pid file yet is being taken; after this long it is abandoned. */
const TAKING_MS = 10_000;

export function applyConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.APPLY_CONCURRENCY ?? 2);
  if (!Number.isInteger(n) || n < 1) throw new Error(`APPLY_CONCURRENCY=${env.APPLY_CONCURRENCY}: must be a whole number of at least 1`);
  return n;
}

function ownerAlive(slot: string, takenAt: Map<string, number>): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(slot, 'pid'), 'utf8'));
  } catch {
    // Just taken (pid not written yet), or abandoned in between.
    const first = takenAt.get(slot) ?? Date.now();
    takenAt.set(slot, first);
    return Date.now() - first < TAKING_MS;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function take(slots: number, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const seenWithoutPid = new Map<string, number>();
  for (;;) {
    for (let i = 0; i < slots; i++) {
      const slot = join(dir, `slot-${i}`);
      try {
        mkdirSync(slot);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (!ownerAlive(slot, seenWithoutPid)) rmSync(slot, { recursive: true, force: true });
        continue;
      }
      writeFileSync(join(slot, 'pid'), String(process.pid));
      return slot;
    }
    await new Promise((resolve) => setTimeout(resolve, 250 + Math.random() * 250));
  }
}

export async function withApplySlot<T>(run: () => Promise<T>, slots = applyConcurrency(), dir = SLOTS_DIR): Promise<T> {
  const slot = await take(slots, dir);
  try {
    return await run();
  } finally {
    rmSync(slot, { recursive: true, force: true });
  }
}
