/**
 * `npm run diagram -- [stack folders or cdk.tf.json files...] [--out FILE]`:
 * a Mermaid flowchart of each synthesized stack (network → compute
 * environments → job queues → job definitions, with schedules and
 * notifications), as Markdown that GitHub renders.
 *
 * Exit codes: 0 written, 2 bad usage or unreadable input.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { diagramsMarkdown } from '../diagram/mermaid';
import type { StackJson } from '../diagram/terraform-json';
import { readTerraformJsonFile, STACK_FILE, TerraformReadError } from '../doctor/terraform/files';
import { CliError, runCommand, writeOutputFile } from './errors';

const USAGE = `Usage: npm run diagram -- [options] [paths...]

Draws each synthesized stack as a Mermaid flowchart (Markdown).

Paths (default: every stack folder under cdktf.out/stacks; run "npx cdktf synth" first):
  a cdktf stack folder   (reads its cdk.tf.json)
  a .tf.json file

Options:
  --out FILE   write the Markdown to FILE instead of standard output (its folder must exist)
  -h, --help   show this help

Stacks without AWS Batch resources (the bootstrap stack) are left out.
`;

function parseArgs(argv: readonly string[]): { out?: string; paths: string[] } | 'help' {
  let out: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--out') {
      out = argv[++i];
      if (!out) throw new CliError('--out needs a file name');
    } else if (arg === '--') continue;
    else if (arg.startsWith('-')) throw new CliError(`unknown option ${arg} (see --help)`);
    else paths.push(arg);
  }
  return { ...(out ? { out } : {}), paths };
}

function defaultPaths(): string[] {
  const stacks = join('cdktf.out', 'stacks');
  if (!existsSync(stacks)) throw new CliError(`no ${stacks} folder: run "npx cdktf synth" first, or pass stack folders`);
  return readdirSync(stacks, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(stacks, d.name))
    .sort();
}

/**
 * Stack name (the folder's name) and its Terraform JSON, read by the
 * doctor's loader. A folder is a cdktf stack folder: only its cdk.tf.json is
 * drawn. A missing file is said here, in the words this command always used.
 */
function load(path: string): { name: string; tf: StackJson } {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, STACK_FILE) : path;
  if (!existsSync(file)) throw new CliError(`cannot read ${file}: no such file`);
  try {
    return { name: basename(dirname(file)), tf: readTerraformJsonFile(file) as StackJson };
  } catch (error) {
    if (error instanceof TerraformReadError) throw new CliError(error.message);
    throw error;
  }
}

function main(argv: readonly string[]): number {
  const options = parseArgs(argv);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const paths = options.paths.length ? options.paths : defaultPaths();
  const markdown = diagramsMarkdown(paths.map(load));
  if (!markdown) throw new CliError(`no AWS Batch resources in ${paths.join(', ')}`);
  if (options.out) writeOutputFile(options.out, markdown);
  else process.stdout.write(markdown);
  return 0;
}

void runCommand('diagram', () => main(process.argv.slice(2)));
