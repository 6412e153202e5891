/**
 * Resolves `<env> <jobDefinition>` to the names AWS knows: the job queue and
 * job definition names (and the region), so nobody copies ARNs. The
 * synthesized stack (cdktf.out/stacks/<env>/cdk.tf.json) is read when it
 * exists — it holds the names that are deployed; the environment's config
 * (environments/<env>.json) says which queue each job definition is for.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config/parse';
import { loadConfigFile } from '../config/load';
import { configSource } from '../config/errors';
import type { ResolvedConfig } from '../config/schema';
import { UsageError } from './errors';

export interface JobTarget {
  readonly environment: string;
  readonly region: string;
  readonly jobDefinitionKey: string;
  /** Names, not ARNs: SubmitJob takes either, and without a revision Batch uses the latest ACTIVE one. */
  readonly jobQueue: string;
  readonly jobDefinition: string;
  /** Where the names came from. */
  readonly source: 'stack' | 'config';
}

interface StackJson {
  readonly provider?: { aws?: Array<{ region?: string }> };
  readonly resource?: Record<string, Record<string, { name?: string }>>;
}

/** Environments the CLI can resolve: those with a config file. */
export function knownEnvironments(root: string): string[] {
  const dir = join(root, 'environments');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort() : [];
}

export function loadEnvironment(root: string, environment: string): ResolvedConfig {
  const file = join(root, 'environments', `${environment}.json`);
  if (!existsSync(file)) {
    const known = knownEnvironments(root);
    throw new UsageError(`unknown environment "${environment}": no ${join('environments', `${environment}.json`)}${known.length ? `; known environments: ${known.join(', ')}` : ''}`);
  }
  return parseConfig(loadConfigFile(file), configSource(join('environments', `${environment}.json`), environment));
}

export function resolveJobTarget(root: string, environment: string, jobDefinitionKey: string): JobTarget {
  const config = loadEnvironment(root, environment);
  const job = config.jobDefinitions[jobDefinitionKey];
  if (!job) {
    const known = Object.keys(config.jobDefinitions);
    throw new UsageError(`unknown job definition "${jobDefinitionKey}" in environment ${environment}; ${known.length ? `job definitions: ${known.join(', ')}` : 'it has no job definitions'}`);
  }
  const stack = readStack(root, environment);
  const fromStack = (type: string, key: string) => stack?.resource?.[type]?.[key]?.name;
  const queueName = fromStack('aws_batch_job_queue', job.queue);
  const definitionName = fromStack('aws_batch_job_definition', jobDefinitionKey);
  const region = stack?.provider?.aws?.[0]?.region;
  if (queueName && definitionName && region) {
    return { environment, region, jobDefinitionKey, jobQueue: queueName, jobDefinition: definitionName, source: 'stack' };
  }
  // Not synthesized yet (or synthesized before this job existed): the stack names them this way (src/stack.ts).
  return { environment, region: config.region, jobDefinitionKey, jobQueue: `${config.name}-${job.queue}`, jobDefinition: `${config.name}-${jobDefinitionKey}`, source: 'config' };
}

function readStack(root: string, environment: string): StackJson | undefined {
  const file = join(root, 'cdktf.out', 'stacks', environment, 'cdk.tf.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackJson;
  } catch {
    return undefined;
  }
}
