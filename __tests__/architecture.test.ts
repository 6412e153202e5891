/**
 * The layout the README's architecture section shows: no import cycle in
 * src/, and each top folder imports only the folders below it. (The doctor's
 * inner layers have their own test: __tests__/doctor/layers.test.ts.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/synth';

const SRC = join(ROOT, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file (static, re-exports, type imports and `import('...')`), resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g),
    ...text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!.replace(/\.js$/, ''));
  return specs.map((spec) => {
    const base = resolve(dirname(file), spec);
    return [`${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c)) ?? base;
  });
}

const graph = new Map(tsFiles(SRC).map((f) => [f, importsOf(f)] as const));
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
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done' || !graph.has(file)) return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(name).join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file)!) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
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
