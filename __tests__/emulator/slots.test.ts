/** The apply suite's machine-wide slots (test-support/emulator/slots.ts). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyConcurrency, withApplySlot } from '../../test-support/emulator/slots';

const dirs: string[] = [];
const slotsDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'slots-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('apply slots', () => {
  it('runs at most N at once, and everything eventually', async () => {
    const dir = slotsDir();
    let running = 0;
    let most = 0;
    const unit = () =>
      withApplySlot(
        async () => {
          running++;
          most = Math.max(most, running);
          await pause(30);
          running--;
          return 'done';
        },
        2,
        dir,
      );
    expect(await Promise.all([unit(), unit(), unit(), unit(), unit()])).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(most).toBe(2);
  });

  it('frees the slot when the run fails', async () => {
    const dir = slotsDir();
    await expect(withApplySlot(() => Promise.reject(new Error('apply failed')), 1, dir)).rejects.toThrow('apply failed');
    expect(await withApplySlot(async () => 'next', 1, dir)).toBe('next');
  });

  it('takes over a slot whose owner died', async () => {
    const dir = slotsDir();
    mkdirSync(join(dir, 'slot-0'));
    writeFileSync(join(dir, 'slot-0', 'pid'), '999999999');
    expect(await withApplySlot(async () => 'taken', 1, dir)).toBe('taken');
  });

  it('reads APPLY_CONCURRENCY, default 2, and refuses nonsense', () => {
    expect(applyConcurrency({})).toBe(2);
    expect(applyConcurrency({ APPLY_CONCURRENCY: '3' })).toBe(3);
    expect(() => applyConcurrency({ APPLY_CONCURRENCY: 'two' })).toThrow('APPLY_CONCURRENCY=two: must be a whole number of at least 1');
  });
});
