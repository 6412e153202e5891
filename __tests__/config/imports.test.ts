/**
 * The config layer is what a user writes and what is checked before anything
 * is built: it reads only itself, the AWS domain knowledge (src/aws) and its
 * packages, never a feature folder (constructs, stack, doctor, job CLI...),
 * so a check can never run back up the layers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/synth';

const SRC = join(ROOT, 'src');
const ALLOWED = ['config', 'aws'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('src/config', () => {
  it('imports nothing from src/ but src/config and src/aws', () => {
    const outside: string[] = [];
    for (const file of sources(join(SRC, 'config'))) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\bfrom\s+'([^']+)'/g)) {
        if (!spec!.startsWith('.')) continue;
        const folder = relative(SRC, resolve(dirname(file), spec!)).split('/')[0]!;
        if (!ALLOWED.includes(folder)) outside.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
