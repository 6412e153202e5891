/**
 * `node scripts/cli.mjs <command> [args...]`: the npm scripts doctor, job,
 * diagram, pr-comment and plan-summary, each run as one precompiled
 * CommonJS file instead of TypeScript compiled at every start by tsx (which
 * costs most of a second; docs/benchmarks.md). The bundle of a command is
 * built by esbuild (~0.1 s) on its first run and again whenever one of the
 * files it was built from, package-lock.json or this launcher changes: the
 * check hashes their contents (a few milliseconds), so a checkout, a copy
 * with old timestamps or an edit are all noticed. A fresh clone therefore
 * builds each command on first use; nothing runs at `npm ci`.
 *
 * The command runs in this process with the same arguments, standard input
 * and exit code as `tsx src/cli/<command>.ts` (a test compares them).
 *
 * One V8 setting, when this Node.js has it: `--liftoff-only`. Reading HCL
 * starts @cdktf/hcl2json's Go WebAssembly module (~8 MB); V8 compiles it
 * with its baseline compiler and then compiles it again, optimized, on
 * background threads, which a command that parses a few files and exits
 * never profits from, and which on a busy machine is most of the time the
 * doctor takes on a .tf file (docs/aws-batch-facts.md#command-start-up).
 * It changes how WebAssembly is compiled, never what it computes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const COMMANDS = ['doctor', 'job', 'diagram', 'pr-comment', 'plan-summary'];
/** Besides the bundle's own inputs: what changes how they compile or which packages they load. */
const ALWAYS = ['package-lock.json', 'tsconfig.json', 'scripts/cli.mjs'];

const command = process.argv[2];
if (!COMMANDS.includes(command ?? '')) {
  process.stderr.write(`cli: unknown command ${JSON.stringify(command ?? '')}; one of ${COMMANDS.join(', ')}\n`);
  process.exit(2);
}

const dir = join(root, '.cdktf-app', 'cli');
const bundle = join(dir, `${command}.cjs`);
const manifest = join(dir, `${command}.json`);

/** One hash over the contents of the given files (relative to the root) and the Node.js version; a missing file counts as changed. */
function contentHash(files) {
  const hash = createHash('sha256');
  hash.update(`${process.version}\0`);
  for (const file of files) {
    hash.update(file);
    hash.update('\0');
    try {
      hash.update(readFileSync(join(root, file)));
    } catch {
      hash.update('missing');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The manifest of a bundle that is up to date, else undefined. */
function current() {
  if (!existsSync(bundle) || !existsSync(manifest)) return undefined;
  try {
    const read = JSON.parse(readFileSync(manifest, 'utf8'));
    return read.hash === contentHash([...ALWAYS, ...read.inputs]) ? read : undefined;
  } catch {
    return undefined;
  }
}

let built = current();
if (!built) {
  const { buildSync } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed: two commands starting at once never read half a file.
  const partial = `${bundle}.${process.pid}`;
  const result = buildSync({
    entryPoints: [join(root, 'src', 'cli', `${command}.ts`)],
    outfile: partial,
    bundle: true,
    packages: 'external', // node_modules load as they are: deep provider imports stay deep
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    metafile: true,
    logLevel: 'error',
    // The job and plan-summary CLIs run their main only when they are the
    // program (`import.meta.url` is process.argv[1]); CommonJS has no
    // import.meta, so the bundle's own file URL stands in for it.
    define: { 'import.meta.url': '__cliFileUrl' },
    banner: { js: "const __cliFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(root, join(process.cwd(), p))).sort();
  renameSync(partial, bundle);
  // Asked of this Node.js once per build: an unknown flag would print an error at every start.
  const v8Flags = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).includes('--liftoff-only') ? ['--liftoff-only'] : [];
  built = { hash: contentHash([...ALWAYS, ...inputs]), inputs, v8Flags };
  const partialManifest = `${manifest}.${process.pid}`;
  writeFileSync(partialManifest, `${JSON.stringify(built, null, 1)}\n`);
  renameSync(partialManifest, manifest);
}

for (const flag of built.v8Flags ?? []) setFlagsFromString(flag);

// The command sees the arguments it would see as `tsx src/cli/<command>.ts ...`.
process.argv.splice(1, 2, bundle);
createRequire(import.meta.url)(bundle);
