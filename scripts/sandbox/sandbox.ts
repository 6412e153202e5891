/**
 * `npm run sandbox -- up <env> | jobs | down`: a rehearsal of `cdktf deploy`
 * with no AWS account. `up` starts the AWS emulator (moto with this
 * project's corrections, test-support/emulator), synthesizes the app and
 * applies the environment's stack to it with the real terraform and AWS
 * provider; `jobs` submits every job definition of the environment with the
 * job CLI and watches them finish; `down` destroys the stack and stops the
 * emulator. State (terraform's and the emulator's address) lives in .sandbox/
 * (gitignored); one environment at a time.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runJobCli } from '../../src/cli/job.js';
import { loadConfigFile } from '../../src/config/load.js';
import { TerraformError } from '../../test-support/terraform/run.js';
import { EmulatedStack } from '../../test-support/emulator/apply.js';
import { EMULATOR_CREDENTIALS, findEmulator, isRunning, startDetachedEmulator, stopDetached } from '../../test-support/emulator/emulator.js';
import { ROOT, regionOf, seedFor, synthesizeApp } from '../../test-support/emulator/stacks.js';

/** .sandbox/ in the project (gitignored); SANDBOX_DIR moves it (the tests use a temp dir). */
export const sandboxDir = (env: NodeJS.ProcessEnv = process.env) => env.SANDBOX_DIR ?? join(ROOT, '.sandbox');

export const DISCLAIMER =
  'Sandbox: this proves wiring (the stack applies, its resources reference each other, jobs reach its queues), not AWS capacity or permissions: ' +
  'no IAM policy is evaluated, no instance starts, no container runs (jobs end at once), quotas and Spot do not exist.';

export interface SandboxRecord {
  readonly environment: string;
  readonly pid: number;
  readonly endpoint: string;
  readonly region: string;
  /** The stack's terraform dir (state included). */
  readonly dir: string;
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `usage: npm run sandbox -- up <env> | jobs | down

  up <env>   start the AWS emulator, deploy environments/<env>.json to it (terraform apply)
  jobs       submit every job definition of the environment and watch them finish
  down       destroy the stack and stop the emulator

${DISCLAIMER}`;

export function readRecord(env: NodeJS.ProcessEnv = process.env): SandboxRecord | undefined {
  const file = join(sandboxDir(env), 'sandbox.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SandboxRecord) : undefined;
}

export async function sandbox(argv: readonly string[], output: Output, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;
  try {
    switch (command) {
      case 'up':
        if (rest.length !== 1) return usage(output);
        return await up(rest[0]!, output, env);
      case 'jobs':
        if (rest.length !== 0) return usage(output);
        return await jobs(output, env);
      case 'down':
        if (rest.length !== 0) return usage(output);
        return await down(output, env);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        output.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        return usage(output);
    }
  } catch (error) {
    output.err(`error: ${error instanceof TerraformError ? error.message : (error as Error).message}`);
    return 2;
  }
}

function usage(output: Output): number {
  output.err(USAGE);
  return 2;
}

async function up(environment: string, output: Output, env: NodeJS.ProcessEnv): Promise<number> {
  const current = readRecord(env);
  if (current) {
    output.err(`error: the sandbox already runs environment ${current.environment} (${current.endpoint}); npm run sandbox -- down first`);
    return 2;
  }
  const found = findEmulator(env);
  if ('missing' in found) {
    output.err(`error: the sandbox needs the AWS emulator: ${found.missing}`);
    return 2;
  }
  output.out(DISCLAIMER);
  output.out('synthesizing the app (cdktf synth)...');
  const stacks = synthesizeApp();
  const tfJson = stacks.get(environment);
  if (!tfJson) {
    output.err(`error: no stack "${environment}" in the app; stacks: ${[...stacks.keys()].join(', ')}`);
    return 2;
  }
  const region = regionOf(tfJson);
  const configFile = join(ROOT, 'environments', `${environment}.json`);
  const seed = environment !== 'bootstrap' && existsSync(configFile) ? seedFor([loadConfigFile(configFile)], region) : undefined;
  const dir = sandboxDir(env);
  mkdirSync(dir, { recursive: true });
  const emulator = await startDetachedEmulator({ ...(seed ? { seed } : {}) }, join(dir, 'emulator.log'), env);
  // The stack's files and terraform state in .sandbox/<env>, next to the record.
  const stack = await EmulatedStack.create(tfJson, emulator.endpoint, join(dir, environment));
  const record: SandboxRecord = { environment, pid: emulator.pid, endpoint: emulator.endpoint, region, dir: stack.dir };
  writeFileSync(join(dir, 'sandbox.json'), `${JSON.stringify(record, null, 2)}\n`);
  output.out(`emulator ${emulator.endpoint} (pid ${emulator.pid}, corrections: ${emulator.corrections.join(', ')})`);
  output.out(`terraform plan and apply of ${environment} in ${stack.dir} ...`);
  const plan = await stack.planAndApply();
  const created = (plan.resource_changes ?? []).filter((c) => c.change.actions.includes('create')).length;
  output.out(`applied: ${created} resources created`);
  const { changes } = await stack.hasChanges();
  output.out(changes ? 'warning: a plan after apply still shows changes (a perpetual diff)' : 'a plan after apply shows no changes');
  output.out('next: npm run sandbox -- jobs   (then: npm run sandbox -- down)');
  return changes ? 1 : 0;
}

async function jobs(output: Output, env: NodeJS.ProcessEnv): Promise<number> {
  const record = readRecord(env);
  if (!record) {
    output.err('error: no sandbox is up; npm run sandbox -- up <env> first');
    return 2;
  }
  if (!isRunning(record.pid)) {
    output.err(`error: the sandbox's emulator (pid ${record.pid}) is not running; npm run sandbox -- down, then up again`);
    return 2;
  }
  output.out(DISCLAIMER);
  const deployed = JSON.parse(readFileSync(join(record.dir, 'cdk.tf.json'), 'utf8')) as { resource?: { aws_batch_job_definition?: object } };
  if (!deployed.resource?.aws_batch_job_definition) {
    output.out(`environment ${record.environment} has no job definitions`);
    return 0;
  }
  // The job CLI reads the deployed stack's names from cdktf.out: a project folder holding exactly what the sandbox deployed.
  const project = join(sandboxDir(env), 'project');
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, 'cdktf.out', 'stacks', record.environment), { recursive: true });
  cpSync(join(ROOT, 'environments'), join(project, 'environments'), { recursive: true });
  cpSync(join(record.dir, 'cdk.tf.json'), join(project, 'cdktf.out', 'stacks', record.environment, 'cdk.tf.json'));
  const config = loadConfigFile(join(ROOT, 'environments', `${record.environment}.json`));
  const keys = Object.keys(config.jobDefinitions ?? {});
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey, AWS_REGION: record.region });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  const context = { root: project, output };
  const ids: string[] = [];
  for (const key of keys) {
    const lines: string[] = [];
    const code = await runJobCli(['submit', record.environment, key, '--endpoint-url', record.endpoint], { root: project, output: { out: (l) => (lines.push(l), output.out(l)), err: output.err } });
    if (code !== 0) return code;
    const id = /\(([^)]+)\) to job queue/.exec(lines[0] ?? '')?.[1];
    if (id) ids.push(id);
  }
  return runJobCli(['watch', ...ids, '--interval', '1', '--no-logs', '--endpoint-url', record.endpoint], context);
}

async function down(output: Output, env: NodeJS.ProcessEnv): Promise<number> {
  const record = readRecord(env);
  if (!record) {
    output.out('no sandbox is up; nothing to do');
    return 0;
  }
  if (isRunning(record.pid) && existsSync(record.dir)) {
    output.out(`terraform destroy of ${record.environment} ...`);
    const stack = EmulatedStack.existing(record.dir, record.endpoint);
    const guarded = stack.preventDestroy();
    if (guarded.length > 0) {
      // The bootstrap's state bucket refuses destruction (prevent_destroy); in the sandbox it goes too.
      output.out(`lifting prevent_destroy in the sandbox only: ${guarded.join(', ')}`);
      stack.allowDestroy(guarded);
    }
    try {
      await stack.destroy();
      output.out('destroyed');
    } catch (error) {
      // Left up for a look (terraform state in the record's dir); stopping the emulator and running down again clears it.
      output.err(`error: ${(error as Error).message}`);
      output.err(`the sandbox stays up: ${record.endpoint}, state in ${record.dir}; to drop it: kill ${record.pid}, then npm run sandbox -- down`);
      return 1;
    }
  } else output.out('the emulator is no longer running: nothing to destroy');
  await stopDetached(record.pid);
  output.out('emulator stopped');
  rmSync(sandboxDir(env), { recursive: true, force: true });
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  sandbox(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => {
    process.exitCode = code;
  });
}
