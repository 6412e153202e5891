import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regenerate } from '../src/docs/generated';
import { ROOT } from './support/synth';

describe('README', () => {
  it('has its generated sections up to date (run `npm run docs`)', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    expect(regenerate(readme)).toBe(readme);
  });

  it('starts with the two commands a new user runs', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const firstBlock = readme.split('```')[1]!;
    expect(firstBlock).toContain('npm ci && npx cdktf synth');
    expect(firstBlock).toContain('npm test');
  });

  it('names in .ci/run the same test command', () => {
    expect(readFileSync(`${ROOT}.ci/run`, 'utf8')).toMatch(/^npm test$/m);
  });

  it('names the apply suite next to npm test, and .ci/run runs it after npm test with the emulator required', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    expect(readme.split('```')[1]).toContain('npm run test:apply');
    const ci = readFileSync(`${ROOT}.ci/run`, 'utf8');
    expect(ci).toMatch(/^npm test\nREQUIRE_EMULATOR=1 npm run test:apply$/m);
  });
});
