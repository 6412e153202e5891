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
import { closeSync, openSync, readFileSync } from 'node:fs';
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
  /** Every resource of the kinds the stacks create, listed through the public APIs (inventory.py, served by the emulator). */
  inventory(region: string): Promise<Inventory>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

function serveArgs(options: EmulatorOptions): string[] {
  const args = [join(HERE, 'serve.py')];
  if (options.raw) args.push('--raw');
  if (options.only) args.push('--only', options.only.join(','));
  if (options.seed) args.push('--seed', JSON.stringify(options.seed));
  if (options.failJobs) args.push('--fail-jobs');
  return args;
}

function pythonFor(env: NodeJS.ProcessEnv): string {
  const found = findEmulator(env);
  if ('missing' in found) throw new Error(`AWS emulator unavailable: ${found.missing}`);
  return found.python;
}

/** Resolves with serve.py's ready line, or rejects with its stderr if it exits first. */
function readyLine(child: ChildProcess, stderr: () => string): Promise<{ port: number; corrections: string[] }> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      lines.close();
      try {
        resolve(JSON.parse(line) as { port: number; corrections: string[] });
      } catch {
        reject(new Error(`the emulator printed "${line}" instead of its ready line`));
      }
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready:\n${stderr().slice(-4000)}`)));
    child.once('error', reject);
  });
}

export async function startEmulator(options: EmulatorOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<Emulator> {
  // stdin stays open: serve.py exits when it closes, so an emulator never outlives its parent.
  const child = spawn(pythonFor(env), serveArgs(options), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...env, PYTHONUNBUFFERED: '1' } });
  running.add(child);
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const ready = await readyLine(child, () => stderr.join(''));
  const endpoint = `http://127.0.0.1:${ready.port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint,
    port: ready.port,
    corrections: ready.corrections,
    inventory: (region) => inventory(endpoint, region),
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

export interface DetachedEmulator {
  readonly pid: number;
  readonly endpoint: string;
  readonly corrections: readonly string[];
}

/**
 * An emulator that outlives this process (the sandbox keeps one between
 * commands): no stdin, its requests logged to `logFile`, stopped only by
 * stopDetached(pid).
 */
export async function startDetachedEmulator(options: EmulatorOptions, logFile: string, env: NodeJS.ProcessEnv = process.env): Promise<DetachedEmulator> {
  const log = openSync(logFile, 'a');
  const child = spawn(pythonFor(env), [...serveArgs(options), '--detach'], { stdio: ['ignore', 'pipe', log], detached: true, env: { ...env, PYTHONUNBUFFERED: '1' } });
  closeSync(log);
  const ready = await readyLine(child, () => readFileSync(logFile, 'utf8'));
  // Nothing more comes on stdout; let this process exit without it.
  child.stdout!.destroy();
  child.unref();
  return { pid: child.pid!, endpoint: `http://127.0.0.1:${ready.port}`, corrections: ready.corrections };
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function stopDetached(pid: number): Promise<void> {
  if (!isRunning(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 10_000 && isRunning(pid); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isRunning(pid)) process.kill(pid, 'SIGKILL');
}

export function emulatorInventory(endpoint: string, region: string): Promise<Inventory> {
  return inventory(endpoint, region);
}

async function inventory(endpoint: string, region: string): Promise<Inventory> {
  const response = await fetch(`${endpoint}/_emulator/inventory?region=${encodeURIComponent(region)}`);
  if (!response.ok) throw new Error(`inventory failed (${response.status}): ${(await response.text()).slice(-4000)}`);
  return (await response.json()) as Inventory;
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
