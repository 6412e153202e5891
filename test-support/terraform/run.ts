/**
 * Drives the real `terraform` binary offline: provider from the local mirror,
 * fake credentials, local state. Used by the Terraform-backed tests and the
 * plan-against-state harness. No dependencies beyond Node.
 *
 *   const dir = await prepareStackDir(tfJson);   // cdk.tf.json + offline override
 *   await init(dir);                              // ~0 s: links a shared init
 *   const { valid, diagnostics } = await validate(dir);
 *   const plan = await plan(dir);                 // parsed `terraform show -json`
 *   countActions(plan)                            // { create: 1, ... }
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { AWS_PROVIDER, cacheDir, findTerraform, type TerraformFound } from './find.js';
import { needsOwnInit } from './offline.js';
import type { PlanJson } from '../../src/plan-review/plan-json.js';
import { awsResourceSchemas, type ResourceSchemas } from './schema.js';

export { findTerraform, AWS_PROVIDER, type TerraformFound, type TerraformLookup } from './find.js';
export { prepareStackDir, removeStackDirs, offlineOverride, OVERRIDE_FILE, STACK_FILE } from './offline.js';
export * from '../../src/plan-review/plan-json.js';
export * from './plan-changes.js';

/** A failed terraform command, carrying terraform's own diagnostics. */
export class TerraformError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly cwd: string,
    readonly exitCode: number | null,
    readonly stderr: string,
    readonly stdout: string,
  ) {
    super(`terraform ${args.join(' ')} failed (exit ${exitCode}) in ${cwd}:\n${stderr.trim() || stdout.trim()}`);
    this.name = 'TerraformError';
  }
}

interface Session {
  readonly found: TerraformFound;
  readonly env: NodeJS.ProcessEnv;
}

let session: Session | undefined;

/** CLI config: the AWS provider only from the mirror, never from the registry. */
export function cliConfig(mirror: string): string {
  const source = JSON.stringify(AWS_PROVIDER.source);
  // No plugin_cache_dir: an unpacked filesystem mirror is already linked, not
  // copied, by init, and stack dirs link the shared init below, so a cache
  // would add a copy step and save nothing.
  return `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = [${source}]
  }
  direct {
    exclude = [${source}]
  }
}
`;
}

/**
 * The environment for every terraform call. Built from process.env minus
 * anything that could make a test reach AWS or change Terraform's behaviour
 * (profiles, session tokens, TF_LOG, TF_CLI_ARGS*, a foreign TF_DATA_DIR).
 */
function offlineEnv(cliConfigFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(AWS_|TF_)/.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    // Fake, well-formed credentials: the provider needs some to configure,
    // and skip_credentials_validation keeps it from checking them.
    AWS_ACCESS_KEY_ID: 'AKIAFAKEOFFLINETESTS',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-for-offline-plans',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  };
}

/**
 * Finds terraform and writes the CLI config once per process, to a path named
 * by its content so that concurrent test workers share one file and nothing
 * is left behind per run. Throws with the reason when terraform or the mirror
 * is missing.
 */
export function terraformSession(): Session {
  if (session) return session;
  const found = findTerraform();
  if ('missing' in found) throw new Error(`offline terraform unavailable: ${found.missing}`);
  const text = cliConfig(found.mirror);
  const file = join(cacheDir(), `batch-cdktf-terraform-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.rc`);
  if (!existsSync(file)) {
    const scratch = `${file}.${process.pid}`;
    writeFileSync(scratch, text);
    renameSync(scratch, file); // atomic: a reader never sees a partial file
  }
  session = { found, env: offlineEnv(file) };
  return session;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
}

/**
 * Runs `terraform <args>` in `cwd` with the offline environment. Rejects with
 * TerraformError (stderr included) on a non-zero exit, unless `allowExit`
 * lists that code (validate exits 1 on an invalid config but still prints JSON).
 */
export function terraform(args: readonly string[], cwd: string, allowExit: readonly number[] = []): Promise<RunResult> {
  const { found, env } = terraformSession();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(found.bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const result = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode };
      if (exitCode === 0 || (exitCode !== null && allowExit.includes(exitCode))) resolvePromise(result);
      else reject(new TerraformError(args, cwd, exitCode, result.stderr, result.stdout));
    });
  });
}

const INIT_ARGS = ['init', '-input=false', '-backend=true', '-no-color'];

/** Minimal root module whose init every aws-only stack dir can share. */
const TEMPLATE_CONFIG = {
  terraform: {
    required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER.version } },
    backend: { local: { path: 'terraform.tfstate' } },
  },
};

let templatePromise: Promise<string> | undefined;

function templateIsComplete(dir: string): boolean {
  return (
    existsSync(join(dir, '.terraform.lock.hcl')) &&
    existsSync(join(dir, '.terraform', 'terraform.tfstate')) &&
    existsSync(join(dir, '.terraform', 'providers', AWS_PROVIDER.source, AWS_PROVIDER.version))
  );
}

/**
 * One real `terraform init` per machine (per terraform binary + mirror), in
 * cacheDir() (the OS temp dir), shared by all test processes. Built in a scratch dir and
 * renamed into place, so concurrent workers never see a half-initialised one.
 */
function sharedTemplate(): Promise<string> {
  templatePromise ??= (async () => {
    const { found } = terraformSession();
    const key = createHash('sha256').update(`${found.bin}\0${found.mirror}\0${AWS_PROVIDER.version}`).digest('hex').slice(0, 12);
    const dir = join(cacheDir(), `batch-cdktf-tfinit-${key}`);
    if (templateIsComplete(dir)) return dir;
    const scratch = mkdtempSync(`${dir}.tmp-`);
    writeFileSync(join(scratch, 'main.tf.json'), JSON.stringify(TEMPLATE_CONFIG, null, 2));
    await terraform(INIT_ARGS, scratch);
    try {
      renameSync(scratch, dir);
    } catch {
      // Another worker won the race (or a stale incomplete dir is in the way).
      if (!templateIsComplete(dir)) {
        rmSync(dir, { recursive: true, force: true });
        renameSync(scratch, dir);
      } else rmSync(scratch, { recursive: true, force: true });
    }
    return dir;
  })();
  templatePromise.catch(() => (templatePromise = undefined));
  return templatePromise;
}

export interface InitOptions {
  /** Link the shared init instead of running `terraform init` here. @default true when the stack only uses hashicorp/aws */
  readonly shared?: boolean;
}

/**
 * Initialises a stack dir written by prepareStackDir. For stacks that use only
 * the AWS provider and no modules, it links the shared init: copies the lock
 * file and backend record, symlinks `.terraform/providers` (measured: 0 s
 * against ~1 s for `init` with a lock file present and ~2 s without, most of
 * it hashing the 675 MB provider). Anything else gets a real `terraform init`.
 */
export async function init(dir: string, options: InitOptions = {}): Promise<void> {
  const shared = options.shared ?? !needsOwnInit(dir);
  if (shared) await linkSharedInit(dir);
  else await terraform(INIT_ARGS, dir);
}

/**
 * The shared part of init on its own, for generated root modules whose
 * providers are only hashicorp/aws (local child modules then need just
 * `terraform get`, ~0.1 s).
 */
export async function linkSharedInit(dir: string): Promise<void> {
  const template = await sharedTemplate();
  const data = join(dir, '.terraform');
  mkdirSync(data, { recursive: true });
  copyFileSync(join(template, '.terraform.lock.hcl'), join(dir, '.terraform.lock.hcl'));
  // The backend record's hash matches because the offline override always
  // sets the same local backend as the template.
  copyFileSync(join(template, '.terraform', 'terraform.tfstate'), join(data, 'terraform.tfstate'));
  rmSync(join(data, 'providers'), { recursive: true, force: true });
  symlinkSync(join(template, '.terraform', 'providers'), join(data, 'providers'), 'dir');
}

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
}

export interface ValidateResult {
  readonly valid: boolean;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly diagnostics: readonly Diagnostic[];
}

/** `terraform validate -json`, parsed. Does not throw on an invalid config: check `valid`. */
export async function validate(dir: string): Promise<ValidateResult> {
  const { stdout } = await terraform(['validate', '-json', '-no-color'], dir, [1]);
  const parsed = JSON.parse(stdout) as {
    valid: boolean;
    error_count: number;
    warning_count: number;
    diagnostics: Diagnostic[];
  };
  return {
    valid: parsed.valid,
    errorCount: parsed.error_count,
    warningCount: parsed.warning_count,
    diagnostics: parsed.diagnostics,
  };
}

export interface PlanOptions {
  /** Refresh needs AWS, so offline plans default to false. */
  readonly refresh?: boolean;
  /** Prior state (a version-4 state file) to plan against; default: the dir's own, if any. */
  readonly stateFile?: string;
  /** Where to keep the binary plan; default `<dir>/tfplan`. */
  readonly out?: string;
  /** Plan a destroy of everything in the state. */
  readonly destroy?: boolean;
}

/** `terraform plan -out`, then the saved plan as `terraform show -json` (the stable, documented format). */
export async function plan(dir: string, options: PlanOptions = {}): Promise<PlanJson> {
  const out = options.out ? resolve(dir, options.out) : join(dir, 'tfplan');
  const args = ['plan', '-input=false', '-lock=false', '-no-color', `-refresh=${options.refresh ?? false}`, `-out=${out}`];
  if (options.stateFile) args.push(`-state=${isAbsolute(options.stateFile) ? options.stateFile : resolve(options.stateFile)}`);
  if (options.destroy) args.push('-destroy');
  await terraform(args, dir);
  return show(dir, out);
}

/** `terraform show -json <planfile>`, parsed. Costs a provider start (~2.3 s): it needs the schema to decode values. */
export async function show(dir: string, planFile: string): Promise<PlanJson> {
  const { stdout } = await terraform(['show', '-json', '-no-color', planFile], dir);
  return JSON.parse(stdout) as PlanJson;
}

/** The AWS provider's resource schemas, from the shared init (cached on disk per provider version). */
export async function resourceSchemas(): Promise<ResourceSchemas> {
  return awsResourceSchemas(async () => {
    const { stdout } = await terraform(['providers', 'schema', '-json'], await sharedTemplate());
    return stdout;
  });
}
