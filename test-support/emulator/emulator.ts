/**
 * Starts and stops the AWS emulator: moto's server with this project's
 * corrections (serve.py, corrections.py), one process per caller, each on
 * its own loopback port with its own state. See README.md in this folder.
 *
 *   const emulator = await startEmulator();            // corrected moto on 127.0.0.1:<free port>
 *   emulator.endpoint                                  // http://127.0.0.1:41234
 *   await emulator.inventory('ap-northeast-1')          // what exists, by kind
 *   await emulator.stop();
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { BatchClient } from '@aws-sdk/client-batch';

const HERE = new URL('.', import.meta.url).pathname;
/** The moto release the corrections wrap (corrections.py refuses others). */
export const MOTO_VERSION = '5.2.1';

export interface EmulatorFound {
  /** The Python interpreter that has moto[server] installed. */
  readonly python: string;
  readonly motoVersion: string;
}

export type EmulatorLookup = EmulatorFound | { readonly missing: string };

/**
 * Finds a Python with moto[server] 5.2.x ($EMULATOR_PYTHON, else python3).
 * Synchronous, for `describe.skipIf` at load time; never throws.
 */
export function findEmulator(env: NodeJS.ProcessEnv = process.env): EmulatorLookup {
  const python = env.EMULATOR_PYTHON ?? 'python3';
  const probe = spawnSync(
    python,
    ['-c', "import importlib.metadata as m, importlib.util as u; print(m.version('moto')); print(all(u.find_spec(p) for p in ('flask', 'werkzeug', 'boto3')))"],
    { encoding: 'utf8' },
  );
  const install = `pip install "moto[server]==${MOTO_VERSION}"`;
  if (probe.error) return { missing: `${python} not found (set EMULATOR_PYTHON to a Python with moto[server]: ${install})` };
  if (probe.status !== 0) return { missing: `moto is not installed for ${python} (${install}, or set EMULATOR_PYTHON)` };
  const [version = '', server = ''] = probe.stdout.trim().split('\n');
  if (!version.startsWith('5.2.')) return { missing: `moto ${version} is installed for ${python}; the emulator needs moto 5.2.x (${install})` };
  if (server !== 'True') return { missing: `moto is installed without its server extras for ${python} (${install})` };
  return { python, motoVersion: version };
}

/** A network that already exists in the account, with fixed IDs (for configs in `existing` network mode). */
export interface SeedNetwork {
  readonly region: string;
  readonly vpcCidr?: string;
  readonly subnets?: readonly string[];
  readonly securityGroups?: readonly string[];
}

export interface EmulatorOptions {
  /** moto as installed, without the corrections. */
  readonly raw?: boolean;
  /** Only these corrections (names from corrections.py). */
  readonly only?: readonly string[];
  readonly seed?: SeedNetwork;
  /** Every submitted job ends FAILED (moto's MOTO_SIMPLE_BATCH_FAIL_AFTER=0). */
  readonly failJobs?: boolean;
}

export type Inventory = Record<string, string[]>;

export interface Emulator {
  readonly endpoint: string;
  readonly port: number;
  /** Corrections in effect. */
  readonly corrections: readonly string[];
  /** Every resource of the kinds the stacks create, listed through the public APIs (inventory.py). */
  inventory(region: string): Promise<Inventory>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export async function startEmulator(options: EmulatorOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<Emulator> {
  const found = findEmulator(env);
  if ('missing' in found) throw new Error(`AWS emulator unavailable: ${found.missing}`);
  const args = [join(HERE, 'serve.py')];
  if (options.raw) args.push('--raw');
  if (options.only) args.push('--only', options.only.join(','));
  if (options.seed) args.push('--seed', JSON.stringify(options.seed));
  if (options.failJobs) args.push('--fail-jobs');
  // stdin stays open: serve.py exits when it closes, so an emulator never outlives its parent.
  const child = spawn(found.python, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...env, PYTHONUNBUFFERED: '1' } });
  running.add(child);
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const ready = await new Promise<{ port: number; corrections: string[] }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line) as { port: number; corrections: string[] });
      } catch {
        reject(new Error(`the emulator printed "${line}" instead of its ready line`));
      }
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready:\n${stderr.join('').slice(-4000)}`)));
    child.once('error', reject);
  });
  const endpoint = `http://127.0.0.1:${ready.port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint,
    port: ready.port,
    corrections: ready.corrections,
    inventory: (region) => inventory(found.python, endpoint, region),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin!.end();
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(child);
    },
  };
}

function inventory(python: string, endpoint: string, region: string): Promise<Inventory> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [join(HERE, 'inventory.py'), endpoint, region], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as Inventory);
      else reject(new Error(`inventory.py failed (${code}): ${Buffer.concat(err).toString('utf8').slice(-4000)}`));
    });
  });
}

/** Resources in `after` that were not in `before`, by kind (empty kinds left out). */
export function added(before: Inventory, after: Inventory): Inventory {
  const out: Inventory = {};
  for (const [kind, ids] of Object.entries(after)) {
    const extra = ids.filter((id) => !(before[kind] ?? []).includes(id));
    if (extra.length > 0) out[kind] = extra;
  }
  return out;
}

/** REQUIRE_EMULATOR=1 (CI sets it): a missing emulator fails the suite instead of skipping it. */
export function emulatorRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.REQUIRE_EMULATOR === '1';
}

/** Gate for emulator-backed test files: warns and returns undefined (skip), or throws when required. */
export function emulatorOrSkip(suite: string, env: NodeJS.ProcessEnv = process.env): EmulatorFound | undefined {
  const found = findEmulator(env);
  if (!('missing' in found)) return found;
  const reason = `${suite}: the apply suite needs the AWS emulator: ${found.missing}`;
  if (emulatorRequired(env)) throw new Error(`${reason} (required because REQUIRE_EMULATOR=1)`);
  console.warn(`SKIPPED ${reason}`);
  return undefined;
}

/** Fake credentials the emulator accepts (moto checks no signature). */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'AKIAFAKEEMULATOR0000', secretAccessKey: 'fake-secret-for-the-emulator' } as const;

/** The AWS SDK's Batch client, pointed at an emulator. */
export function emulatorBatchClient(endpoint: string, region: string): BatchClient {
  return new BatchClient({ endpoint, region, credentials: EMULATOR_CREDENTIALS, maxAttempts: 3 });
}
