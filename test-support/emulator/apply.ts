/**
 * Applies a stack's Terraform JSON to the emulator with the real terraform
 * and AWS provider 5.100.0 (from the local mirror), plans it again and
 * destroys it. The stack JSON is written unchanged (minus what
 * stripForOffline removes: assume_role, a cloud block); everything that
 * points it at the emulator is in a test-only override file.
 *
 *   const stack = await EmulatedStack.create(tfJson, emulator.endpoint);
 *   const plan = await stack.plan();           // saved plan, as `terraform show -json`
 *   await stack.apply();                       // applies exactly that plan (or: applyNow())
 *   await stack.hasChanges()                   // `plan -detailed-exitcode` after apply: false
 *   await stack.destroy();
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsProviders, stripForOffline } from '../terraform/offline.js';
import { init, show, STACK_FILE, terraform, type PlanJson, type RunResult } from '../terraform/run.js';

/** `_override` suffix: Terraform merges it over cdk.tf.json (https://developer.hashicorp.com/terraform/language/files/override). */
export const EMULATOR_OVERRIDE_FILE = 'zz_emulator_override.tf.json';
const EXTRA_OVERRIDE_FILE = 'zz_test_override.tf.json';

type Json = Record<string, unknown>;

/**
 * The provider's endpoint key for each resource type this project emits.
 * An unknown type throws: every call must reach the emulator, never AWS.
 */
const SERVICES: readonly [RegExp, string][] = [
  [/^aws_batch_/, 'batch'],
  [/^aws_(vpc|subnet|route|security_group|eip|nat_gateway|internet_gateway|launch_template|network_acl|instance|placement_group)/, 'ec2'],
  [/^aws_efs_/, 'efs'],
  [/^aws_iam_/, 'iam'],
  [/^aws_cloudwatch_log_/, 'logs'],
  [/^aws_cloudwatch_event_/, 'events'],
  [/^aws_cloudwatch_metric_alarm$/, 'cloudwatch'],
  [/^aws_scheduler_/, 'scheduler'],
  [/^aws_s3_/, 's3'],
  [/^aws_kms_/, 'kms'],
  [/^aws_sns_/, 'sns'],
  [/^aws_sqs_/, 'sqs'],
];

/** Endpoints for every service the stack's resources use, and STS (the provider asks it for the account). */
export function emulatorEndpoints(tfJson: object, endpoint: string): Record<string, string> {
  const services = new Set(['sts']);
  for (const kind of ['resource', 'data'] as const) {
    for (const type of Object.keys(((tfJson as Json)[kind] ?? {}) as Json)) {
      const service = SERVICES.find(([pattern]) => pattern.test(type))?.[1];
      if (!service) throw new Error(`${type}: no emulator endpoint for its service; add it to SERVICES in test-support/emulator/apply.ts`);
      services.add(service);
    }
  }
  return Object.fromEntries([...services].sort().map((service) => [service, endpoint]));
}

/**
 * The override file: a local backend, and per aws provider (matched by
 * alias) the emulator's endpoints and fake credentials. Unlike the offline
 * plans, the provider asks STS (the emulator's) for the account, so the
 * stack's allowed_account_ids guard stays in force.
 */
export function emulatorOverride(tfJson: object, endpoint: string): Json {
  const endpoints = emulatorEndpoints(tfJson, endpoint);
  const providers = awsProviders(tfJson as Json).map((p) => ({
    ...(typeof p.alias === 'string' ? { alias: p.alias } : {}),
    access_key: 'AKIAFAKEEMULATOR0000',
    secret_key: 'fake-secret-for-the-emulator',
    token: null,
    profile: null,
    shared_config_files: null,
    shared_credentials_files: null,
    skip_metadata_api_check: true,
    // moto serves every bucket under one host: path-style addressing.
    s3_use_path_style: true,
    endpoints: [endpoints],
  }));
  if (providers.length === 0) throw new Error('the stack has no aws provider block to point at the emulator');
  return { terraform: { backend: { local: { path: 'terraform.tfstate' } } }, provider: { aws: providers } };
}

export class EmulatedStack {
  private constructor(
    readonly dir: string,
    private readonly endpoint: string,
  ) {}

  /** Writes the stack and its override into `dir` (default: a new temp dir) and links the shared `terraform init`. */
  static async create(tfJson: object, endpoint: string, dir?: string): Promise<EmulatedStack> {
    if (dir) mkdirSync(dir, { recursive: true });
    const stack = new EmulatedStack(dir ?? mkdtempSync(join(tmpdir(), 'batch-cdktf-apply-')), endpoint);
    stack.write(tfJson);
    await init(stack.dir);
    return stack;
  }

  /** A stack create() wrote earlier (the sandbox's, from another process). */
  static existing(dir: string, endpoint: string): EmulatedStack {
    return new EmulatedStack(dir, endpoint);
  }

  /** Replaces the stack's JSON (an edit of the config); state stays. */
  write(tfJson: object): void {
    writeFileSync(join(this.dir, STACK_FILE), `${JSON.stringify(stripForOffline(tfJson as Json), null, 1)}\n`);
    writeFileSync(join(this.dir, EMULATOR_OVERRIDE_FILE), `${JSON.stringify(emulatorOverride(tfJson, this.endpoint), null, 1)}\n`);
  }

  /** `type.name` of the resources with lifecycle.prevent_destroy (the bootstrap's state bucket). */
  preventDestroy(): string[] {
    const tfJson = JSON.parse(readFileSync(join(this.dir, STACK_FILE), 'utf8')) as { resource?: Record<string, Record<string, { lifecycle?: { prevent_destroy?: boolean } }>> };
    return Object.entries(tfJson.resource ?? {}).flatMap(([type, byName]) =>
      Object.entries(byName)
        .filter(([, body]) => body.lifecycle?.prevent_destroy === true)
        .map(([name]) => `${type}.${name}`),
    );
  }

  /**
   * Lifts prevent_destroy on these resources with a further override file
   * (Terraform merges lifecycle argument by argument), so a test or the
   * sandbox can clean up after proving the guard holds.
   */
  allowDestroy(addresses: readonly string[]): void {
    const resource: Record<string, Record<string, Json>> = {};
    for (const address of addresses) {
      const [type, name] = address.split('.') as [string, string];
      resource[type] = { ...resource[type], [name]: { lifecycle: { prevent_destroy: false } } };
    }
    writeFileSync(join(this.dir, EXTRA_OVERRIDE_FILE), JSON.stringify({ resource }, null, 1));
  }

  /** `terraform plan -out` (with refresh, against the emulator), returned as `terraform show -json`. */
  async plan(): Promise<PlanJson> {
    await this.run(['plan', '-input=false', '-no-color', '-out=tfplan']);
    return show(this.dir, 'tfplan');
  }

  /** Applies the plan saved by plan(): exactly the actions it showed, or a TerraformError. */
  async apply(): Promise<RunResult> {
    return this.run(['apply', '-input=false', '-no-color', '-auto-approve', 'tfplan']);
  }

  /** `terraform apply -auto-approve`: plan and apply in one run (one provider start less than plan() + apply()). */
  async applyNow(): Promise<RunResult> {
    return this.run(['apply', '-input=false', '-no-color', '-auto-approve']);
  }

  /** plan() then apply(); returns the plan that was applied. */
  async planAndApply(): Promise<PlanJson> {
    const planned = await this.plan();
    await this.apply();
    return planned;
  }

  /** `terraform plan -detailed-exitcode`: false when the deployed stack matches its config (exit 0), true on changes (exit 2). */
  async hasChanges(): Promise<{ changes: boolean; output: string }> {
    const result = await this.run(['plan', '-input=false', '-no-color', '-detailed-exitcode'], [2]);
    return { changes: result.exitCode === 2, output: result.stdout };
  }

  async destroy(): Promise<RunResult> {
    return this.run(['destroy', '-input=false', '-no-color', '-auto-approve']);
  }

  /** `terraform show -json` of the state: resources by address with their attributes. */
  async state(): Promise<Map<string, Record<string, unknown>>> {
    const { stdout } = await this.run(['show', '-json', '-no-color']);
    const values = (JSON.parse(stdout) as { values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } } }).values;
    return new Map((values?.root_module?.resources ?? []).map((r) => [r.address, r.values]));
  }

  remove(): void {
    if (process.env.KEEP_TF_DIRS !== '1') rmSync(this.dir, { recursive: true, force: true });
  }

  private run(args: readonly string[], allowExit: readonly number[] = []): Promise<RunResult> {
    return terraform(args, this.dir, allowExit);
  }
}
