/**
 * The layout the README's architecture section shows: no import cycle in
 * src/, and each top folder imports only the folders below it. (The doctor's
 * inner layers have their own test: __tests__/doctor/layers.test.ts.)
 */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './support/imports';
import { ROOT } from './support/synth';

const SRC = join(ROOT, 'src');

const graph = importGraph(SRC);
const name = (file: string): string => relative(SRC, file);
const folder = (file: string): string => name(file).split('/')[0]!.replace(/\.ts$/, '');

/** What each top folder of src/ may import besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  aws: [],
  hcl: [],
  config: ['aws'],
  doctor: ['aws'],
  diagram: ['doctor'],
  constructs: ['aws', 'config', 'hcl', 'stack'],
  stack: ['aws', 'config', 'constructs', 'doctor', 'hcl'],
  bootstrap: ['aws', 'config', 'constructs', 'hcl', 'stack'],
  'plan-review': ['aws', 'doctor', 'diagram', 'cli/errors'],
  'job-runner': ['aws', 'config', 'doctor', 'cli/errors'],
  docs: ['config', 'doctor'],
  cli: ['aws', 'config', 'doctor', 'diagram', 'job-runner', 'plan-review', 'stack'],
  index: ['config', 'stack'],
};

describe('src/', () => {
  it('has no import cycle', () => {
    expect(importCycles(graph, name)).toEqual([]);
  });

  it('finds imports (the scan itself works)', () => {
    expect(graph.get(join(SRC, 'stack', 'batch-stack.ts'))).toContain(join(SRC, 'config', 'parse.ts'));
  });

  it('imports only downwards: each top folder imports only the folders below it', () => {
    const wrong = [...graph].flatMap(([file, imports]) => {
      const from = folder(file);
      const allowed = ALLOWED[from];
      if (!allowed) return [`${name(file)}: folder ${from} is not in the layer table`];
      return imports
        .filter((target) => target.startsWith(SRC))
        .filter((target) => {
          const to = folder(target);
          return to !== from && !allowed.includes(to) && !allowed.includes(name(target).replace(/\.ts$/, ''));
        })
        .map((target) => `${name(file)} imports ${name(target)}`);
    });
    expect(wrong).toEqual([]);
  });
});
