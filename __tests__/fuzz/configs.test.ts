/**
 * Bad input never crashes, never lies, never loses output: every generated
 * config either synthesizes or fails with a ConfigError whose paths exist in
 * the input; and a seeded sample of accepted configs is planned by the real
 * AWS provider, so nothing we accept produces Terraform AWS would reject.
 *
 * FUZZ_RUNS (default 1000) and FUZZ_SEED (default fixed) make longer or other
 * runs: `FUZZ_RUNS=20000 npx vitest run __tests__/fuzz`.
 */
import fc from 'fast-check';
import { scratchApp } from '../../test-support/terraform/scratch-app';
import { describe, expect, it } from 'vitest';
import { BatchStack, ConfigError, type BatchConfig } from '../../src/index';
import { countActions, validate } from '../../test-support/terraform/run';
import { MultiStackWorkspace } from '../../test-support/terraform/workspace';
import { terraformOrSkip } from '../support/terraform';
import { mutatedConfig, validConfig } from './arbitraries';
import { securityFindings, type TerraformJson } from '../../src/doctor/index';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const PLANNED_SAMPLE = 20;

type Outcome = { ok: true; json: Record<string, any> } | { ok: false; error: unknown };

function build(config: unknown): Outcome {
  try {
    // toTerraform(): the same JSON as synth, without writing files.
    const stack = new BatchStack(scratchApp(), 'fuzz', config as BatchConfig);
    return { ok: true, json: stack.toTerraform() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Whether a dotted config path (`a.b[0].c`) names something in `input`. Keys
 * may themselves contain dots, so at each level the longest matching key wins.
 * A missing required field names a path whose parent exists.
 */
function pathExists(input: unknown, path: string, allowMissingLeaf: boolean): boolean {
  if (path === '') return true;
  let node = input as Record<string, unknown> | unknown[] | undefined;
  let rest = path;
  while (rest.length > 0) {
    if (node === null || typeof node !== 'object') return false;
    const index = /^\[(\d+)\]/.exec(rest);
    if (index && Array.isArray(node)) {
      const i = Number(index[1]);
      if (i >= node.length) return allowMissingLeaf && rest === index[0];
      node = node[i] as typeof node;
      rest = rest.slice(index[0].length).replace(/^\./, '');
      continue;
    }
    const keys = Object.keys(node)
      .filter((k) => rest === k || rest.startsWith(`${k}.`) || rest.startsWith(`${k}[`))
      .sort((a, b) => b.length - a.length);
    if (keys.length === 0) return allowMissingLeaf && !/[.[]/.test(rest);
    const key = keys[0]!;
    node = (node as Record<string, unknown>)[key] as typeof node;
    rest = rest.slice(key.length).replace(/^\./, '');
  }
  return true;
}

const accepted: BatchConfig[] = [];

describe('generated configs', () => {
  it(`either synthesize, keeping the security invariants, or fail with a ConfigError naming paths of the input (${RUNS} runs, seed ${SEED})`, () => {
    // cdktf records a full stack trace for every token it creates and keeps
    // every token for the life of the process: under vitest's source-mapping
    // formatter that is 4x the cost of a synth, and over 20,000 runs it fills
    // the heap. The traces only serve cdktf's own token errors, so they are
    // left empty for the duration of the property.
    const formatter = Error.prepareStackTrace;
    Error.prepareStackTrace = () => '';
    let rejected = 0;
    try {
      fc.assert(
        fc.property(fc.oneof(validConfig, mutatedConfig, mutatedConfig), (config) => {
          const outcome = build(config);
          if (outcome.ok) {
            expect(Object.keys(outcome.json.resource.aws_batch_compute_environment ?? {}).length).toBeGreaterThan(0);
            // Every accepted config keeps the security invariants (README, Security).
            expect(securityFindings(outcome.json as TerraformJson)).toEqual([]);
            if (accepted.length < PLANNED_SAMPLE * 5) accepted.push(config as BatchConfig);
            return;
          }
          rejected++;
          if (!(outcome.error instanceof ConfigError)) throw outcome.error;
          const error = outcome.error;
          expect(error.problems.length).toBeGreaterThan(0);
          expect(error.message).not.toMatch(/\n\s+at /);
          for (const problem of error.problems) {
            const missing = /^(is )?missing\b/.test(problem.message);
            expect(pathExists(config, problem.path, missing), `"${problem.path}" in ${JSON.stringify(config).slice(0, 300)}`).toBe(true);
            expect(problem.fix.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true }
      );
    } finally {
      Error.prepareStackTrace = formatter;
    }
    // Both kinds were exercised, not just one.
    expect(rejected).toBeGreaterThan(RUNS / 10);
    expect(accepted.length).toBeGreaterThanOrEqual(PLANNED_SAMPLE);
  }, 300_000);
});

/** The Step 11 keys, by where they sit in a config: the generator must produce accepted configs with each. */
const STEP_11_KEYS = {
  fileSystems: ['fileSystemId', 'throughputMode', 'iamAuthorization', 'accessPoints'],
  jobDefinitions: [
    'volumes', 'sharedMemoryMiB', 'tmpfs', 'initProcess', 'swap', 'ulimits', 'user', 'readonlyRootFilesystem',
    'ephemeralStorageGiB', 'cpuArchitecture', 'platformVersion', 'multiNode', 'retryRules', 'parameters', 'deregisterOnNewRevision',
  ],
  computeEnvironments: ['rootVolume', 'userData', 'imageId', 'instanceTags', 'placementGroup', 'availabilityZones', 'subnetIds'],
} as const;

describe('the generator', () => {
  it('produces accepted configs with every Step 11 key, host and EFS volumes among them (500 configs)', () => {
    const seen = new Set<string>();
    const formatter = Error.prepareStackTrace;
    Error.prepareStackTrace = () => ''; // as above: cdktf's token traces
    const accepted = fc.sample(validConfig, { numRuns: 500, seed: SEED }).filter((config) => build(config).ok);
    Error.prepareStackTrace = formatter;
    for (const config of accepted) {
      for (const [section, keys] of Object.entries(STEP_11_KEYS)) {
        for (const entry of Object.values((config as Record<string, any>)[section] ?? {}) as Record<string, any>[]) {
          for (const key of keys) if (entry[key] !== undefined) seen.add(`${section}.${key}`);
          for (const volume of Object.values(entry.volumes ?? {}) as Record<string, unknown>[]) seen.add(`volumes.${volume.efs ? 'efs' : 'host'}`);
        }
      }
    }
    const expected = [...Object.entries(STEP_11_KEYS).flatMap(([section, keys]) => keys.map((k) => `${section}.${k}`)), 'volumes.efs', 'volumes.host'];
    expect(expected.filter((k) => !seen.has(k))).toEqual([]);
  });
});

const tf = terraformOrSkip('fuzzed configs planned');

describe.skipIf(!tf)('a seeded sample of accepted configs', () => {
  it(`validates and plans with the real AWS provider (${PLANNED_SAMPLE} configs, one plan)`, async () => {
    // All sampled stacks as modules of one root: one provider start, one
    // plan, instead of twenty.
    const sample = accepted.slice(0, PLANNED_SAMPLE);
    expect(sample).toHaveLength(PLANNED_SAMPLE);
    const stacks = sample.map((config, i) => {
      const outcome = build(config);
      if (!outcome.ok) throw outcome.error;
      return { id: `s${i}`, tfJson: outcome.json };
    });
    const workspace = await MultiStackWorkspace.create(stacks);
    try {
      const validation = await validate(workspace.dir);
      expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const plans = await workspace.plan();
      for (const { id, tfJson } of stacks) {
        const resources = Object.values(tfJson.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
        expect(countActions(plans.get(id)!), id).toEqual({ create: resources });
      }
    } finally {
      workspace.remove();
    }
  }, 240_000);
});
