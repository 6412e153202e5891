/**
 * A whole Terraform configuration as Terraform itself assembles it: the root
 * module (a file, a cdktf stack folder or a folder of .tf / .tf.json files),
 * the local modules it calls (`source = "./modules/batch"`, `"../.."`),
 * registry and git modules that `terraform init` put on disk
 * (`.terraform/modules/modules.json`), and the root variables' values from
 * terraform.tfvars, *.auto.tfvars, --var-file and --var
 * (docs/aws-batch-facts.md#terraform-modules-and-variable-values).
 *
 * What is not Terraform at all (package.json, `{}`, a Pulumi project, a
 * `terraform show -json` plan) is a TerraformReadError saying so.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { TERRAFORM_TOP_LEVEL } from './blocks';
import { mergeTerraform, readTerraformFile, STACK_FILE, TerraformReadError } from './files';
import type { TerraformJson } from './terraform-json';

/** One module's files, and what each of its module calls leads to. */
export interface LoadedModule {
  /** Absolute folder of the module; undefined for configuration given in memory. */
  readonly dir?: string;
  readonly tf: TerraformJson;
  readonly calls: ReadonlyMap<string, ModuleSource>;
}

export interface ModuleSource {
  readonly source: string;
  /** The module, when its files could be read. */
  readonly module?: LoadedModule;
  /** Why it was not read. */
  readonly notRead?: string;
}

/** A root variable's value from a variables file or --var, with where it came from. */
export interface RootValue {
  readonly value: unknown;
  /** `--var` values are text: they are read as the variable's type asks. */
  readonly text?: boolean;
  readonly origin: string;
}

export interface Configuration {
  readonly root: LoadedModule;
  /** Terraform's working directory: file() and templatefile() paths are relative to it. */
  readonly rootDir?: string;
  readonly variables: ReadonlyMap<string, RootValue>;
}

export type VariableInput = { readonly file: string } | { readonly assignment: string };

export interface LoadOptions {
  /** --var-file and --var in command-line order: later ones win (Terraform's precedence). */
  readonly variables?: readonly VariableInput[];
}

/** A configuration given as one Terraform JSON document (a stack in memory): no files, no modules. */
export function inMemoryConfiguration(tf: TerraformJson): Configuration {
  return { root: { tf, calls: new Map() }, variables: new Map() };
}

export async function loadConfiguration(path: string, options: LoadOptions = {}): Promise<Configuration> {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new TerraformReadError(`cannot read ${path}: no such file or folder`);
  }
  const rootDir = resolve(stat.isDirectory() ? path : dirname(path));
  const files = stat.isDirectory() ? rootFiles(path) : [checkFileKind(path)];
  const parts = await Promise.all(files.map(readChecked));
  const tf = mergeTerraform(parts);
  if (!declaresAnything(tf)) throw new TerraformReadError(`${path} is not a Terraform configuration: it declares no resource, data source, module, variable or output`);
  const loader = new ModuleLoader(rootDir);
  const root: LoadedModule = { dir: rootDir, tf, calls: await loader.calls(tf, rootDir, [], [rootDir]) };
  const variables = new Map<string, RootValue>();
  // Only a folder is a root module with its own variables files; a single file is read alone.
  if (stat.isDirectory()) for (const file of autoVariableFiles(path)) await readVariableFile(file, variables);
  for (const input of options.variables ?? []) {
    if ('file' in input) await readVariableFile(input.file, variables);
    else readAssignment(input.assignment, variables);
  }
  return { root, rootDir, variables };
}

/** The files Terraform reads in a folder; a cdktf stack folder is its cdk.tf.json alone. */
function rootFiles(dir: string): string[] {
  const stack = join(dir, STACK_FILE);
  if (existsSync(stack)) return [stack];
  const files = terraformFiles(dir);
  if (files.length === 0) {
    const hint = existsSync(join(dir, 'Pulumi.yaml')) ? ' (it is a Pulumi project)' : existsSync(join(dir, 'package.json')) ? ' (it holds a package.json)' : '';
    throw new TerraformReadError(`${dir} is not a Terraform configuration: it holds no ${STACK_FILE}, .tf or .tf.json file${hint}`);
  }
  return files;
}

function terraformFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => (f.endsWith('.tf') || f.endsWith('.tf.json')) && !isOverride(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Override files change blocks of the other files; the doctor reads the configuration without them. */
function isOverride(file: string): boolean {
  return /(^|_)override\.tf(\.json)?$/.test(file);
}

function checkFileKind(file: string): string {
  if (file.endsWith('.tf') || file.endsWith('.json')) return file;
  const what = /Pulumi\.[\w.-]*ya?ml$/.test(basename(file)) ? ' (a Pulumi project file)' : '';
  throw new TerraformReadError(`${file} is not a Terraform configuration${what}: the doctor reads .tf and .tf.json files, or a folder of them`);
}

/** A file, checked to be Terraform: JSON files must use Terraform's top-level blocks only. */
async function readChecked(file: string): Promise<TerraformJson> {
  const tf = await readTerraformFile(file);
  if (file.endsWith('.tf')) return tf;
  const keys = Object.keys(tf);
  if (isPlanOrState(tf)) {
    throw new TerraformReadError(`${file} is not a Terraform configuration: it is the JSON of a plan or state (terraform show -json); to review a plan, run npm run plan-summary -- ${file}`);
  }
  const foreign = keys.filter((k) => !TERRAFORM_TOP_LEVEL.has(k));
  if (foreign.length > 0) {
    const hint = keys.includes('dependencies') || keys.includes('scripts') || (keys.includes('name') && keys.includes('version'))
      ? ' (it looks like a package.json)'
      : keys.includes('runtime') || keys.includes('deployment') || keys.includes('checkpoint') ? ' (it looks like a Pulumi file)' : '';
    throw new TerraformReadError(`${file} is not a Terraform configuration${hint}: top-level ${foreign.slice(0, 3).map((k) => JSON.stringify(k)).join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not Terraform blocks (resource, data, module, variable, output, locals, provider, terraform)`);
  }
  return tf;
}

function isPlanOrState(tf: TerraformJson): boolean {
  return 'format_version' in tf && ('planned_values' in tf || 'resource_changes' in tf || 'values' in tf || 'terraform_version' in tf);
}

function declaresAnything(tf: TerraformJson): boolean {
  return ['resource', 'data', 'module', 'variable', 'output', 'locals', 'provider', 'terraform'].some((k) => {
    const v = tf[k];
    return v !== undefined && v !== null && (typeof v !== 'object' || Object.keys(v).length > 0);
  });
}

// ---------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------

/** `.terraform/modules/modules.json`, written by terraform init: module call keys ("a.b") to folders. */
interface InitModules {
  readonly dirs: ReadonlyMap<string, string>;
}

const MAX_DEPTH = 16;

class ModuleLoader {
  private readonly parsed = new Map<string, Promise<TerraformJson | TerraformReadError>>();
  private readonly init: InitModules;

  constructor(private readonly rootDir: string) {
    this.init = readInitModules(rootDir);
  }

  /** Every module call of a module, resolved: `path` is the call names leading here, `stack` the folders. */
  async calls(tf: TerraformJson, dir: string, path: readonly string[], stack: readonly string[]): Promise<Map<string, ModuleSource>> {
    const out = new Map<string, ModuleSource>();
    const calls = tf['module'];
    if (calls === null || typeof calls !== 'object') return out;
    for (const name of Object.keys(calls).sort()) {
      const raw = (calls as Record<string, unknown>)[name];
      const body = Array.isArray(raw) ? raw[0] : raw;
      const source = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['source'] : undefined;
      out.set(name, await this.resolve(typeof source === 'string' ? source : '', dir, [...path, name], stack));
    }
    return out;
  }

  private async resolve(source: string, dir: string, path: readonly string[], stack: readonly string[]): Promise<ModuleSource> {
    if (source === '') return { source, notRead: 'the module call has no literal source' };
    let target: string | undefined;
    if (isLocal(source)) {
      target = resolve(dir, source);
      if (!existsSync(target) || !statSync(target).isDirectory()) return { source, notRead: `local module path ${relativeTo(this.rootDir, target)} does not exist` };
    } else {
      const installed = this.init.dirs.get(path.join('.'));
      if (installed && existsSync(installed)) target = installed;
      else return { source, notRead: `${sourceKind(source)}: not on disk (run terraform init, or point the doctor at the module's source)` };
    }
    if (stack.includes(target)) return { source, notRead: 'the module calls itself' };
    if (path.length > MAX_DEPTH) return { source, notRead: `modules nested more than ${MAX_DEPTH} deep` };
    const tf = await this.read(target);
    if (tf instanceof TerraformReadError) return { source, notRead: tf.message };
    return { source, module: { dir: target, tf, calls: await this.calls(tf, target, path, [...stack, target]) } };
  }

  private read(dir: string): Promise<TerraformJson | TerraformReadError> {
    let known = this.parsed.get(dir);
    if (!known) {
      known = (async () => {
        const files = terraformFiles(dir);
        if (files.length === 0) return new TerraformReadError(`${relativeTo(this.rootDir, dir)} holds no .tf or .tf.json file`);
        try {
          return mergeTerraform(await Promise.all(files.map((f) => readTerraformFile(f))));
        } catch (e) {
          if (e instanceof TerraformReadError) return e;
          throw e;
        }
      })();
      this.parsed.set(dir, known);
    }
    return known;
  }
}

/** Terraform reads a source as a local path only when it starts with ./ or ../ (https://developer.hashicorp.com/terraform/language/modules/sources#local-paths). */
function isLocal(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

function sourceKind(source: string): string {
  if (/^git::|^git@|\.git(\/\/|\?|$)/.test(source)) return 'git module';
  if (/^(github\.com|bitbucket\.org)\//.test(source)) return `${source.split('/')[0]} module`;
  if (/^(https?|s3|gcs)::|^https?:\/\//.test(source)) return 'remote module';
  if (/^([\w.-]+\/)?[\w-]+\/[\w-]+\/[\w-]+(\/\/.*)?$/.test(source)) return 'registry module';
  return 'module';
}

function relativeTo(root: string, path: string): string {
  const rel = relative(root, path);
  return rel === '' ? '.' : rel;
}

function readInitModules(rootDir: string): InitModules {
  const dirs = new Map<string, string>();
  const file = join(rootDir, '.terraform', 'modules', 'modules.json');
  if (!existsSync(file)) return { dirs };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { Modules?: Array<{ Key?: unknown; Dir?: unknown }> };
    for (const m of parsed.Modules ?? []) {
      if (typeof m.Key === 'string' && m.Key !== '' && typeof m.Dir === 'string') dirs.set(m.Key, isAbsolute(m.Dir) ? m.Dir : resolve(rootDir, m.Dir));
    }
  } catch {
    // An unreadable modules.json leaves registry modules unread, as without terraform init.
  }
  return { dirs };
}

// ---------------------------------------------------------------------------
// Root variable values
// ---------------------------------------------------------------------------

/** terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in lexical order: Terraform loads them so. */
function autoVariableFiles(dir: string): string[] {
  const names = readdirSync(dir);
  const auto = names.filter((f) => f.endsWith('.auto.tfvars') || f.endsWith('.auto.tfvars.json')).sort();
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter((f) => names.includes(f)), ...auto].map((f) => join(dir, f));
}

async function readVariableFile(file: string, into: Map<string, RootValue>): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TerraformReadError(`cannot read variables file ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e)}`);
  }
  let values: unknown;
  if (file.endsWith('.json')) {
    try {
      values = JSON.parse(text);
    } catch (e) {
      throw new TerraformReadError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
  } else {
    const { parse } = await import('@cdktf/hcl2json');
    try {
      values = await parse(basename(file), text);
    } catch (e) {
      throw new TerraformReadError(`${file} is not a valid variables file: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
    }
  }
  if (values === null || typeof values !== 'object' || Array.isArray(values)) throw new TerraformReadError(`${file} is not a variables file: expected name = value assignments`);
  for (const [name, value] of Object.entries(values)) into.set(name, { value, origin: file });
}

function readAssignment(assignment: string, into: Map<string, RootValue>): void {
  const eq = assignment.indexOf('=');
  const name = eq > 0 ? assignment.slice(0, eq).trim() : '';
  if (!/^[A-Za-z_][\w-]*$/.test(name)) throw new TerraformReadError(`--var ${assignment}: expected name=value`);
  into.set(name, { value: assignment.slice(eq + 1), text: true, origin: `--var ${name}` });
}
