/**
 * `npm run pr-comment -- [--commit SHA] [--run-url URL] [--out FILE] <environment folders...>`:
 * the pull request comment body from each environment's plan results (see
 * inputs.ts for what a folder holds).
 *
 * Exit codes: 0 written, 2 bad usage or unreadable input.
 */
import { buildComment } from '../plan-review/comment';
import { readEnvironmentDir } from '../plan-review/inputs';
import { CliError, runCommand, writeOutputFile } from './errors';

const USAGE = `Usage: npm run pr-comment -- [options] <environment folders...>

Writes the pull request comment (Markdown) for the plans in the given
folders, one per environment, named after it. A folder holds plan.txt and,
when they exist, plan.json, doctor.json and cdk.tf.json. The risk summary is
plan-summary's, computed from plan.json.

Options:
  --commit SHA      the commit that was planned
  --run-url URL     link to the workflow run (its artifacts hold the full plans)
  --out FILE        write to FILE instead of standard output (its folder must exist)
  -h, --help        show this help
`;

interface Options {
  commit?: string;
  runUrl?: string;
  out?: string;
  dirs: string[];
}

function parseArgs(argv: readonly string[]): Options | 'help' {
  const options: Options = { dirs: [] };
  const flags = { '--commit': 'commit', '--run-url': 'runUrl', '--out': 'out' } as const;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg in flags) {
      const value = argv[++i];
      if (!value) throw new CliError(`${arg} needs a value`);
      options[flags[arg as keyof typeof flags]] = value;
    } else if (arg === '--') continue;
    else if (arg.startsWith('-')) throw new CliError(`unknown option ${arg} (see --help)`);
    else options.dirs.push(arg);
  }
  if (options.dirs.length === 0) throw new CliError('no environment folders given (see --help)');
  return options;
}

function main(argv: readonly string[]): number {
  const options = parseArgs(argv);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const body = buildComment({
    environments: options.dirs.map(readEnvironmentDir),
    ...(options.commit ? { commit: options.commit } : {}),
    ...(options.runUrl ? { runUrl: options.runUrl } : {}),
  });
  if (options.out) writeOutputFile(options.out, body);
  else process.stdout.write(body);
  return 0;
}

void runCommand('pr-comment', () => main(process.argv.slice(2)));
