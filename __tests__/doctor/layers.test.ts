/**
 * The doctor's layers, as the README and src/doctor/index.ts describe them:
 * terraform/ (loading and the model) depends on nothing else of the doctor;
 * views/ read the model; the engine knows the model but no view or rule;
 * rules sit on top. And no import cycle anywhere in src/doctor.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, importsOf } from '../support/imports';
import { ROOT } from '../support/synth';

const DOCTOR = join(ROOT, 'src', 'doctor');

const graph = importGraph(DOCTOR);
const layer = (file: string): string => relative(DOCTOR, file).split('/')[0]!.replace(/\.ts$/, '');

describe('src/doctor', () => {
  it('has no import cycle', () => {
    expect(importCycles(graph, (f) => relative(DOCTOR, f))).toEqual([]);
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
