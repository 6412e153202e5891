/**
 * The doctor's layers, as the README and src/doctor/index.ts describe them:
 * terraform/ (loading and the model) depends on nothing else of the doctor;
 * views/ read the model; the engine knows the model but no view or rule;
 * rules sit on top. And no import cycle anywhere in src/doctor.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/synth';

const DOCTOR = join(ROOT, 'src', 'doctor');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file (static, re-exports and `import('...')` types), resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return specs.map((spec) => {
    const base = resolve(dirname(file), spec);
    return [`${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c)) ?? base;
  });
}

const graph = new Map(tsFiles(DOCTOR).map((f) => [f, importsOf(f)] as const));
const layer = (file: string): string => relative(DOCTOR, file).split('/')[0]!.replace(/\.ts$/, '');

describe('src/doctor', () => {
  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done' || !graph.has(file)) return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(DOCTOR, f)).join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file)!) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps its layers: terraform <- views, engine <- rules <- index', () => {
    const allowed: Record<string, readonly string[]> = {
      terraform: ['terraform'],
      views: ['terraform', 'views'],
      engine: ['terraform', 'engine'],
      rules: ['terraform', 'views', 'engine', 'rules'],
    };
    const wrong = [...graph].flatMap(([file, imports]) => {
      const from = layer(file);
      const may = allowed[from];
      if (!may) return []; // index.ts and security.ts assemble the layers
      return imports.filter((i) => i.startsWith(DOCTOR) && !may.includes(layer(i))).map((i) => `${relative(DOCTOR, file)} imports ${relative(DOCTOR, i)}`);
    });
    expect(wrong).toEqual([]);
  });

  it('is where the diagram and the job CLI read Terraform from', () => {
    const readers = ['src/diagram/graph.ts', 'src/diagram/terraform-json.ts', 'src/cli/diagram.ts', 'src/job-runner/target.ts'].map((f) => join(ROOT, f));
    for (const file of readers) expect(importsOf(file).some((i) => i.startsWith(join(DOCTOR, 'terraform')))).toBe(true);
    // None parses Terraform JSON or reads a stack file itself.
    for (const file of readers) expect(readFileSync(file, 'utf8')).not.toMatch(/JSON\.parse|readFileSync/);
  });
});
