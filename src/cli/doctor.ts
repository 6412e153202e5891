/**
 * `npm run doctor -- [paths...]`: the preflight doctor over synthesized
 * stacks or hand-written Terraform.
 *
 * Exit codes: 0 no errors (warnings allowed), 1 at least one error,
 * 2 bad usage or unreadable input.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  applySuppressions,
  doctorReport,
  findingsJson,
  formatFindings,
  hasErrors,
  parseSuppressions,
  sortFindings,
  sortSkipped,
  SuppressionsError,
  type Configuration,
  type Finding,
  type Report,
  type Suppression,
} from '../doctor/index';
import { loadConfiguration, type VariableInput } from '../doctor/terraform/configuration';
import { TerraformReadError } from '../doctor/terraform/files';
import { CliError, runCommand } from './errors';

const USAGE = `Usage: npm run doctor -- [options] [paths...]

Checks AWS Batch Terraform for problems that only show up after apply
(jobs stuck in RUNNABLE, failing applies, hanging destroys).

Paths (default: every stack folder under cdktf.out/stacks):
  a cdktf stack folder     (reads its cdk.tf.json)
  a .tf.json file
  a .tf file               (HCL, converted with @cdktf/hcl2json)
  a folder of .tf / .tf.json files (a root module, as Terraform reads it:
                           its local modules are followed, and installed ones
                           when terraform init wrote .terraform/modules;
                           terraform.tfvars and *.auto.tfvars are read)

Options:
  --var-file FILE       a variables file (.tfvars or .tfvars.json) for the root
                        module, after terraform.tfvars and *.auto.tfvars
  --var NAME=VALUE      one root variable (as terraform -var); --var-file and
                        --var apply in the order given, later ones win
  --format human|json   output format (default human); json prints
                        {"findings":[{"rule","severity","address","message","fix","link"}],
                         "skipped":[{"rule","address","reason"}],
                         "modules":[{"address","source","read","reason"}],
                         "summary":{"errors","warnings","suppressed","skipped","unreadModules"}}
                        (and "suppressed":{"reason"} on a suppressed finding)
  --suppressions FILE   accepted findings, each with its reason, for every path:
                        {"suppressions":[{"rule","address","reason"}]}; without it,
                        each path's .batch-doctor.json (in the folder, or beside
                        the file) is read when there is one
  -h, --help            show this help

Exit status: 0 no errors, 1 errors found, 2 invalid input or usage.
`;

interface Options {
  readonly format: 'human' | 'json';
  readonly paths: readonly string[];
  readonly suppressions?: string;
  readonly variables: readonly VariableInput[];
}

function parseArgs(argv: readonly string[]): Options | 'help' {
  let format: 'human' | 'json' = 'human';
  let suppressions: string | undefined;
  const paths: string[] = [];
  const variables: VariableInput[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? argv[++i] : arg.slice('--format='.length);
      if (value !== 'human' && value !== 'json') throw new CliError(`--format must be human or json, got ${value ?? 'nothing'}`);
      format = value;
    } else if (arg === '--suppressions' || arg.startsWith('--suppressions=')) {
      const value = arg === '--suppressions' ? argv[++i] : arg.slice('--suppressions='.length);
      if (!value) throw new CliError('--suppressions needs a file name');
      suppressions = value;
    } else if (arg === '--var-file' || arg.startsWith('--var-file=')) {
      const value = arg === '--var-file' ? argv[++i] : arg.slice('--var-file='.length);
      if (!value) throw new CliError('--var-file needs a file name');
      variables.push({ file: value });
    } else if (arg === '--var' || arg.startsWith('--var=')) {
      const value = arg === '--var' ? argv[++i] : arg.slice('--var='.length);
      if (!value || !/^[A-Za-z_][\w-]*=/.test(value)) throw new CliError(`--var needs NAME=VALUE, got ${value ?? 'nothing'}`);
      variables.push({ assignment: value });
    } else if (arg === '--') continue;
    else if (arg.startsWith('-')) throw new CliError(`unknown option ${arg} (see --help)`);
    else paths.push(arg);
  }
  return { format, paths, variables, ...(suppressions ? { suppressions } : {}) };
}

/** One configuration to check: a stack, a file, or a folder; with the suppressions that apply to it. */
interface Input {
  readonly label: string;
  readonly configuration: Configuration;
  readonly suppressions?: SuppressionFile;
}

/** The suppression file read next to a checked path when no --suppressions is given. */
const SUPPRESSIONS_FILE = '.batch-doctor.json';

interface SuppressionFile {
  readonly file: string;
  readonly list: readonly Suppression[];
}

function defaultPaths(): string[] {
  const stacks = join('cdktf.out', 'stacks');
  if (!existsSync(stacks)) throw new CliError(`no ${stacks} folder: run "npx cdktf synth" first, or pass paths to check`);
  const dirs = readdirSync(stacks, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(stacks, d.name)).sort();
  if (dirs.length === 0) throw new CliError(`no stacks under ${stacks}: run "npx cdktf synth" first, or pass paths to check`);
  return dirs;
}

async function load(path: string, suppressions: SuppressionFile | undefined, variables: readonly VariableInput[]): Promise<Input> {
  let configuration: Configuration;
  try {
    configuration = await loadConfiguration(path, { variables });
  } catch (e) {
    if (e instanceof TerraformReadError) throw new CliError(e.message);
    throw e;
  }
  const beside = suppressions ?? besideSuppressions(path);
  return { label: path, configuration, ...(beside ? { suppressions: beside } : {}) };
}

/** Read once per file, so that paths sharing a file share its suppressions (and judge them together). */
const suppressionFiles = new Map<string, SuppressionFile>();

function readSuppressions(file: string, option: boolean): SuppressionFile {
  const known = suppressionFiles.get(resolve(file));
  if (known) return known;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${option ? '--suppressions ' : ''}${file}: ${code === 'ENOENT' ? 'no such file' : code ?? String(e)}`);
  }
  let list: Suppression[];
  try {
    list = parseSuppressions(JSON.parse(text), file);
  } catch (e) {
    if (e instanceof SuppressionsError) throw new CliError(e.message);
    throw new CliError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const read = { file, list };
  suppressionFiles.set(resolve(file), read);
  return read;
}

/** The .batch-doctor.json in a checked folder, or beside a checked file. */
function besideSuppressions(path: string): SuppressionFile | undefined {
  const file = join(statSync(path).isDirectory() ? path : dirname(path), SUPPRESSIONS_FILE);
  return existsSync(file) ? readSuppressions(file, false) : undefined;
}

/**
 * Each input's findings with its suppressions applied. A suppression file
 * used by one input reports its own problems (no reason, matches nothing)
 * among that input's findings; one shared by several inputs reports them
 * once, judged over all of them, in a block of its own.
 */
function suppress(inputs: readonly Input[], raw: readonly Finding[][]): { findings: Finding[][]; extra: Array<{ label: string; findings: Finding[] }> } {
  const findings = raw.map((f) => [...f]);
  const extra: Array<{ label: string; findings: Finding[] }> = [];
  const groups = new Map<SuppressionFile, number[]>();
  inputs.forEach((input, i) => {
    if (input.suppressions) groups.set(input.suppressions, [...(groups.get(input.suppressions) ?? []), i]);
  });
  for (const [file, indexes] of groups) {
    const applied = applySuppressions(indexes.map((i) => raw[i]!), file.list);
    indexes.forEach((i, k) => (findings[i] = applied.findings[k]!));
    if (indexes.length === 1) findings[indexes[0]!] = sortFindings([...findings[indexes[0]!]!, ...applied.problems]);
    else if (applied.problems.length > 0) extra.push({ label: file.file, findings: sortFindings(applied.problems) });
  }
  return { findings, extra };
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const paths = options.paths.length > 0 ? options.paths : defaultPaths();
  const shared = options.suppressions ? readSuppressions(options.suppressions, true) : undefined;
  const inputs: Input[] = [];
  for (const p of paths) inputs.push(await load(p, shared, options.variables));
  const reports: Report[] = inputs.map((input) => doctorReport(input.configuration));
  const suppressed = suppress(inputs, reports.map((r) => [...r.findings]));
  const results = [
    ...inputs.map((input, i) => ({ label: input.label, findings: suppressed.findings[i]!, report: reports[i] })),
    ...suppressed.extra.map((e) => ({ ...e, report: undefined })),
  ];
  const all = results.flatMap((r) => r.findings);
  if (options.format === 'json') {
    const skipped = sortSkipped(reports.flatMap((r) => r.skipped));
    const modules = reports.flatMap((r) => r.modules);
    process.stdout.write(findingsJson(results.length === 1 ? all : sortFindings(all), { skipped, modules }));
  } else {
    for (const { label, findings, report } of results) {
      if (results.length > 1) process.stdout.write(`== ${label} ==\n`);
      process.stdout.write(formatFindings(findings, report ? { skipped: report.skipped, modules: report.modules, noBatchResources: report.batchResources === 0 } : {}));
      if (results.length > 1) process.stdout.write('\n');
    }
  }
  return hasErrors(all) ? 1 : 0;
}

// Anything unexpected is reported in one line too: the doctor may be pointed
// at any Terraform, and a crash on odd input must still read as exit 2.
void runCommand('doctor', () => main(process.argv.slice(2)), (e) => `unexpected failure: ${(e as Error)?.message ?? String(e)}`);
