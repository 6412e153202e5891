/**
 * The app command of cdktf.json: runs main.ts as one precompiled CommonJS
 * file. Node loads it in a fraction of the time `tsx` needs, and without
 * tsx's source maps, which double the cost of every stack trace cdktf
 * records for its tokens. The bundle is rebuilt (by esbuild, ~0.1 s) only
 * when main.ts, src/ or the lock file is newer than it; a fresh clone builds
 * it on the first synth.
 *
 * Output is identical to `node --import tsx main.ts` (a test checks it).
 */
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bundle = join(root, '.cdktf-app', 'main.cjs');
const sources = ['main.ts', 'src', 'package-lock.json', 'tsconfig.json'].map((p) => join(root, p));

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), stat.mtimeMs);
}

if (!existsSync(bundle) || Math.max(...sources.filter(existsSync).map(newestChange)) > statSync(bundle).mtimeMs) {
  const { buildSync } = await import('esbuild');
  // Written aside and renamed: two synths at once never read half a file.
  const partial = `${bundle}.${process.pid}`;
  buildSync({
    entryPoints: [join(root, 'main.ts')],
    outfile: partial,
    bundle: true,
    packages: 'external', // node_modules load as they are: deep provider imports stay deep
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  renameSync(partial, bundle);
}

createRequire(import.meta.url)(bundle);
