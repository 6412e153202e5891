/**
 * The import graph of a source folder, for the tests that hold the layout:
 * __tests__/architecture.test.ts (src/) and __tests__/doctor/layers.test.ts
 * (the doctor's inner layers).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file (static, re-exports, type imports and `import('...')`), resolved to files. */
export function importsOf(file: string): string[] {
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

/** Every .ts file below `dir` with the files it imports. */
export function importGraph(dir: string): Map<string, string[]> {
  return new Map(tsFiles(dir).map((f) => [f, importsOf(f)] as const));
}

/** The import cycles of a graph, each written as `a -> b -> a` with `name` for each file. */
export function importCycles(graph: Map<string, string[]>, name: (file: string) => string): string[] {
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
  return cycles;
}
