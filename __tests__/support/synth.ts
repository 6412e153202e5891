/** Builds stacks from configs and returns their Terraform JSON, for assertions. */
import { readdirSync } from 'node:fs';
import { Testing } from 'cdktf';
import { scratchApp } from '../../test-support/terraform/scratch-app';
import { BatchStack, loadConfigFile, type BatchConfig } from '../../src/index';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** Every example environment: the default (environments/dev.json) and examples/*.json. */
export const EXAMPLES: Record<string, string> = {
  default: `${ROOT}environments/dev.json`,
  ...Object.fromEntries(
    readdirSync(`${ROOT}examples`)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [f.replace(/\.json$/, ''), `${ROOT}examples/${f}`]),
  ),
};

/** The file each loaded example came from, so that a ConfigError of synth() names it. */
const exampleFiles = new WeakMap<BatchConfig, string>();

export function loadExample(name: string): BatchConfig {
  const file = EXAMPLES[name];
  if (!file) throw new Error(`no example ${name}`);
  const config = loadConfigFile(file);
  exampleFiles.set(config, file.slice(ROOT.length));
  return config;
}

export interface Synthesized {
  readonly json: string;
  readonly resource: Record<string, Record<string, Record<string, any>>>;
  readonly output: Record<string, { value: string }>;
  readonly provider: Record<string, any[]>;
  readonly terraform: Record<string, any>;
}

export function synth(config: BatchConfig, id = 'test'): Synthesized {
  const file = exampleFiles.get(config);
  const stack = new BatchStack(scratchApp(), id, config, file ? { file } : {});
  const json = Testing.synth(stack);
  return { json, ...JSON.parse(json) };
}

/** `type.name` of every resource. */
export function addresses(s: Synthesized): string[] {
  return Object.entries(s.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();
}

/** A small valid config to vary in tests. */
export function baseConfig(overrides: Partial<BatchConfig> = {}): BatchConfig {
  return {
    name: 'unit',
    accountId: '123456789012',
    computeEnvironments: { ondemand: { type: 'EC2', maxVcpus: 16 } },
    jobQueues: { main: { computeEnvironments: ['ondemand'] } },
    jobDefinitions: {
      hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello:1', vcpus: 1, memoryMiB: 2048 },
    },
    ...overrides,
  };
}
