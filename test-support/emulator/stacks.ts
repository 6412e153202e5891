/**
 * Every stack this project ships, as the apply suite deploys them: the
 * environments synthesized by the app itself (main.ts through the app
 * command of cdktf.json, into a temp outdir), and each example config.
 * A config in `existing` network mode names subnets and security groups that
 * must already exist: they become the emulator's seed network.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Testing } from 'cdktf';
import { BatchStack, loadConfigFile, type BatchConfig } from '../../src/index.js';
import type { SeedNetwork } from './emulator.js';

export const ROOT = new URL('../../', import.meta.url).pathname;

type Json = Record<string, unknown>;

export interface DeployableStack {
  /** `environments/dev.json`, `examples/nat.json`, ... */
  readonly id: string;
  readonly tfJson: Json;
  /** Region of the stack's provider. */
  readonly region: string;
  readonly seed?: SeedNetwork;
}

/** The network a config expects to exist already (`existing` mode), or undefined. */
export function seedFor(configs: readonly BatchConfig[], region: string): SeedNetwork | undefined {
  const subnets = new Set<string>();
  const securityGroups = new Set<string>();
  for (const config of configs) {
    if (config.network?.mode !== 'existing') continue;
    config.network.subnetIds.forEach((id) => subnets.add(id));
    config.network.securityGroupIds.forEach((id) => securityGroups.add(id));
  }
  return subnets.size + securityGroups.size > 0 ? { region, subnets: [...subnets].sort(), securityGroups: [...securityGroups].sort() } : undefined;
}

export function regionOf(tfJson: Json): string {
  const providers = (tfJson.provider as { aws?: { region?: string }[] } | undefined)?.aws ?? [];
  return providers[0]?.region ?? 'us-east-1';
}

/** `cdktf synth` as users run it (the app command, CHECKPOINT_DISABLE=1): stack name → Terraform JSON. */
export function synthesizeApp(): Map<string, Json> {
  const outdir = mkdtempSync(join(tmpdir(), 'batch-cdktf-app-'));
  try {
    const app = (JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app.split(' ');
    execFileSync(app[0]!, app.slice(1), { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const stacks = join(outdir, 'stacks');
    return new Map(readdirSync(stacks).sort().map((name) => [name, JSON.parse(readFileSync(join(stacks, name, 'cdk.tf.json'), 'utf8')) as Json]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function deployableStacks(): DeployableStack[] {
  const environments = [...synthesizeApp()].map(([name, tfJson]) => {
    const file = join(ROOT, 'environments', `${name}.json`);
    // The bootstrap stack's config has no network; every other environment is a BatchConfig.
    const config = name !== 'bootstrap' && existsSync(file) ? [loadConfigFile(file)] : [];
    return { id: `environments/${name}.json`, tfJson, region: regionOf(tfJson), seed: seedFor(config, regionOf(tfJson)) };
  });
  // Testing.app() would make a temp folder per app and leave it: one folder for all, removed after.
  const outdir = mkdtempSync(join(tmpdir(), 'batch-cdktf-examples-'));
  try {
    const examples = readdirSync(join(ROOT, 'examples'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((file) => {
        const config = loadConfigFile(join(ROOT, 'examples', file));
        const tfJson = JSON.parse(Testing.synth(new BatchStack(Testing.app({ outdir }), basename(file, '.json'), config))) as Json;
        return { id: `examples/${file}`, tfJson, region: regionOf(tfJson), seed: seedFor([config], regionOf(tfJson)) };
      });
    return [...environments, ...examples];
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** How many resources of a type the stack declares. */
export function declared(tfJson: Json, type: string): number {
  return Object.keys(((tfJson.resource as Json | undefined)?.[type] ?? {}) as Json).length;
}
