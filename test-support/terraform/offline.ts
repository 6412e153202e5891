/**
 * Writes a stack's Terraform JSON into a working dir that plans offline.
 *
 * The stack JSON is written unchanged except for what an override file cannot
 * neutralise (see stripForOffline); everything test-only lives in a separate
 * override file, so production JSON never carries fake credentials.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const STACK_FILE = 'cdk.tf.json';
/** `_override` suffix: Terraform merges it over cdk.tf.json (https://developer.hashicorp.com/terraform/language/files/override). */
export const OVERRIDE_FILE = 'zz_offline_override.tf.json';
/** Only when the stack has no aws provider block at all (an override needs a block to merge into). */
const PROVIDER_FILE = 'zz_offline_provider.tf.json';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Settings that let the AWS provider configure and plan without an account. */
export const OFFLINE_PROVIDER: Readonly<Json> = {
  access_key: 'AKIAFAKEOFFLINETESTS',
  secret_key: 'fake-secret-for-offline-plans',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
  // Measured with provider 5.100.0: with skip_requesting_account_id the
  // provider cannot learn the account, and `allowed_account_ids` then fails
  // configuration ("AWS account ID not allowed: "). A null in the override
  // unsets it; the production JSON keeps its guard.
  allowed_account_ids: null,
  forbidden_account_ids: null,
  profile: null,
  shared_config_files: null,
  shared_credentials_files: null,
  token: null,
};

/** The stack's aws provider configurations, whichever JSON shape it uses (array or single object). */
export function awsProviders(tfJson: Json): Json[] {
  const providers = isObject(tfJson.provider) ? tfJson.provider.aws : undefined;
  if (Array.isArray(providers)) return providers.filter(isObject);
  return isObject(providers) ? [providers] : [];
}

/** The override file: offline provider settings per aws provider (matched by alias) and a local backend. */
export function offlineOverride(tfJson: object): Json {
  const providers = awsProviders(tfJson as Json).map((p) => ({
    ...(typeof p.alias === 'string' ? { alias: p.alias } : {}),
    ...OFFLINE_PROVIDER,
  }));
  return {
    // Replaces whatever backend the stack declares: tests never touch real state.
    terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    ...(providers.length ? { provider: { aws: providers } } : {}),
  };
}

/**
 * The copy of the stack written to the working dir. Overrides can replace
 * attributes but cannot delete nested blocks (measured: `"assume_role": []`
 * in an override leaves the original block, and the provider then calls STS),
 * and a `cloud` block conflicts with any backend. So those, and only those,
 * are removed from the copy.
 */
export function stripForOffline(tfJson: Json): Json {
  const copy = structuredClone(tfJson);
  for (const p of awsProviders(copy)) {
    delete p.assume_role;
    delete p.assume_role_with_web_identity;
  }
  if (isObject(copy.terraform)) delete copy.terraform.cloud;
  return copy;
}

const createdDirs = new Set<string>();

/**
 * Removes the temp dirs prepareStackDir made in this process (kept when
 * KEEP_TF_DIRS=1, for debugging). Also runs at exit, but test workers are
 * killed rather than exited, so test files call it in afterAll.
 */
export function removeStackDirs(): void {
  if (process.env.KEEP_TF_DIRS === '1') return;
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
  createdDirs.clear();
}
process.once('exit', removeStackDirs);

/**
 * Writes `cdk.tf.json` and the offline override into `dir` (default: a new
 * temp dir, see removeStackDirs) and returns it.
 */
export async function prepareStackDir(tfJson: object, dir?: string): Promise<string> {
  let target = dir;
  if (target) mkdirSync(target, { recursive: true });
  else {
    target = mkdtempSync(join(tmpdir(), 'batch-cdktf-stack-'));
    createdDirs.add(target);
  }
  const json = tfJson as Json;
  writeFileSync(join(target, STACK_FILE), `${JSON.stringify(stripForOffline(json), null, 2)}\n`);
  writeFileSync(join(target, OVERRIDE_FILE), `${JSON.stringify(offlineOverride(json), null, 2)}\n`);
  const providerFile = join(target, PROVIDER_FILE);
  if (awsProviders(json).length === 0) {
    writeFileSync(providerFile, `${JSON.stringify({ provider: { aws: [OFFLINE_PROVIDER] } }, null, 2)}\n`);
  } else rmSync(providerFile, { force: true });
  return target;
}

/** Provider sources that are the pinned hashicorp/aws (Terraform's short and long forms). */
const AWS_SOURCES = new Set(['aws', 'hashicorp/aws', 'registry.terraform.io/hashicorp/aws']);

/**
 * True when the stack in `dir` cannot reuse the shared aws-only init: it has
 * modules, requires another provider, or uses resources of one (prefix other
 * than `aws_` or the built-in `terraform_`), or is not a prepared stack dir.
 */
export function needsOwnInit(dir: string): boolean {
  const file = join(dir, STACK_FILE);
  if (!existsSync(file)) return true;
  const tfJson = JSON.parse(readFileSync(file, 'utf8')) as Json;
  if (tfJson.module !== undefined) return true;
  const terraformBlock = isObject(tfJson.terraform) ? tfJson.terraform : {};
  const required = isObject(terraformBlock.required_providers) ? terraformBlock.required_providers : {};
  for (const [name, spec] of Object.entries(required)) {
    const source = isObject(spec) && typeof spec.source === 'string' ? spec.source : name;
    if (!AWS_SOURCES.has(source.toLowerCase())) return true;
  }
  for (const kind of ['resource', 'data'] as const) {
    const blocks = isObject(tfJson[kind]) ? Object.keys(tfJson[kind] as Json) : [];
    if (blocks.some((type) => !type.startsWith('aws_') && !type.startsWith('terraform_'))) return true;
  }
  return false;
}
