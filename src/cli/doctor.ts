/**
 * `npm run doctor -- [paths...]`: the preflight doctor over synthesized
 * stacks or hand-written Terraform.
 *
 * Exit codes: 0 no errors (warnings allowed), 1 at least one error,
 * 2 bad usage or unreadable input.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findingsJson, formatFindings, hasErrors, runDoctor, sortFindings, type TerraformJson } from '../doctor/index';
import { loadTerraform, TerraformReadError } from '../doctor/terraform/files';
import { InputError, runCommand } from './input-error';

const USAGE = `Usage: npm run doctor -- [options] [paths...]

Checks AWS Batch Terraform for problems that only show up after apply
(jobs stuck in RUNNABLE, failing applies, hanging destroys).

Paths (default: every stack folder under cdktf.out/stacks):
  a cdktf stack folder     (reads its cdk.tf.json)
  a .tf.json file
  a .tf file               (HCL, converted with @cdktf/hcl2json)
  a folder of .tf / .tf.json files (merged, as Terraform does)

Options:
  --format human|json   output format (default human); json prints
                        {"findings":[{"rule","severity","address","message","fix","link"}]}
  -h, --help            show this help

Exit status: 0 no errors, 1 errors found, 2 invalid input or usage.
`;

interface Options {
  readonly format: 'human' | 'json';
  readonly paths: readonly string[];
}

function parseArgs(argv: readonly string[]): Options | 'help' {
  let format: 'human' | 'json' = 'human';
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? argv[++i] : arg.slice('--format='.length);
      if (value !== 'human' && value !== 'json') throw new InputError(`--format must be human or json, got ${value ?? 'nothing'}`);
      format = value;
    } else if (arg === '--') continue;
    else if (arg.startsWith('-')) throw new InputError(`unknown option ${arg} (see --help)`);
    else paths.push(arg);
  }
  return { format, paths };
}

/** One configuration to check: a stack, a file, or a folder. */
interface Input {
  readonly label: string;
  readonly tf: TerraformJson;
}

function defaultPaths(): string[] {
  const stacks = join('cdktf.out', 'stacks');
  if (!existsSync(stacks)) throw new InputError(`no ${stacks} folder: run "npx cdktf synth" first, or pass paths to check`);
  const dirs = readdirSync(stacks, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(stacks, d.name)).sort();
  if (dirs.length === 0) throw new InputError(`no stacks under ${stacks}: run "npx cdktf synth" first, or pass paths to check`);
  return dirs;
}

async function load(path: string): Promise<Input> {
  try {
    return { label: path, tf: await loadTerraform(path) };
  } catch (e) {
    if (e instanceof TerraformReadError) throw new InputError(e.message);
    throw e;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const paths = options.paths.length > 0 ? options.paths : defaultPaths();
  const inputs: Input[] = [];
  for (const p of paths) inputs.push(await load(p));
  const results = inputs.map((input) => ({ input, findings: runDoctor(input.tf) }));
  const all = results.flatMap((r) => r.findings);
  if (options.format === 'json') {
    process.stdout.write(findingsJson(inputs.length === 1 ? all : sortFindings(all)));
  } else {
    for (const { input, findings } of results) {
      if (results.length > 1) process.stdout.write(`== ${input.label} ==\n`);
      process.stdout.write(formatFindings(findings));
      if (results.length > 1) process.stdout.write('\n');
    }
  }
  return hasErrors(all) ? 1 : 0;
}

// Anything unexpected is reported in one line too: the doctor may be pointed
// at any Terraform, and a crash on odd input must still read as exit 2.
void runCommand('doctor', () =>
  main(process.argv.slice(2)).catch((e: unknown) => {
    if (e instanceof InputError) throw e;
    throw new InputError(`unexpected failure: ${(e as Error)?.message ?? String(e)}`);
  }),
);
