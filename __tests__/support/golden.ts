/**
 * Golden files: the expected output lives next to the tests, reviewed like
 * code. A mismatch fails; the file is rewritten only when asked
 * (UPDATE_GOLDEN=1 npm test), so a change in output is always a visible diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export function expectGolden(actual: string, file: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${file} is missing: run UPDATE_GOLDEN=1 npm test -- <this test file> and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
