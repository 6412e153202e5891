/**
 * test-support/ (offline terraform, the plan-against-state harness, the
 * scratch cdktf app) is tooling for tests and scripts: it may import src/,
 * never the other way round. The app and the CLIs are built from main.ts and
 * src/ alone, so nothing there may reach into test-support/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/synth';

const TEST_SUPPORT = join(ROOT, 'test-support');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(?:ts|mts|cts|js|mjs|cjs)$/.test(p) ? [p] : [];
  });
}

/** Every module specifier in a file: static imports and re-exports, `import('...')`, `require('...')`. */
export function specifiers(text: string): string[] {
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
}

/** The specifiers of `file` that lead into test-support/. */
export function testSupportImports(file: string, text: string): string[] {
  return specifiers(text).filter((spec) =>
    spec.startsWith('.') ? resolve(dirname(file), spec).startsWith(TEST_SUPPORT) : spec.split('/').includes('test-support'),
  );
}

describe('src/ and main.ts', () => {
  const files = [...sourceFiles(join(ROOT, 'src')), join(ROOT, 'main.ts')];

  it('never import test-support/', () => {
    const wrong = files.flatMap((file) => testSupportImports(file, readFileSync(file, 'utf8')).map((spec) => `${relative(ROOT, file)} imports ${spec}`));
    expect(wrong).toEqual([]);
  });

  it('are scanned for real: the check sees imports, and would see one of test-support', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.reduce((n, f) => n + specifiers(readFileSync(f, 'utf8')).length, 0)).toBeGreaterThan(200);
    const file = join(ROOT, 'src', 'cli', 'example.ts');
    const text = [
      "import { plan } from '../../test-support/terraform/run';",
      "export { scratchApp } from '../../test-support/terraform/scratch-app.js';",
      "const harness = await import('../../test-support/terraform/harness');",
      "import type { PlanJson } from '../plan-review/plan-json';",
    ].join('\n');
    expect(testSupportImports(file, text)).toEqual([
      '../../test-support/terraform/run',
      '../../test-support/terraform/scratch-app.js',
      '../../test-support/terraform/harness',
    ]);
  });
});
