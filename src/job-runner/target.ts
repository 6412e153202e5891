/**
 * Resolves `<env> <jobDefinition>` to the names AWS knows: the job queue and
 * job definition names (and the region), so nobody copies ARNs. The
 * synthesized stack (cdktf.out/stacks/<env>/cdk.tf.json) is read when it
 * exists — it holds the names that are deployed; the environment's config
 * (environments/<env>.json) says which queue each job definition is for.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config/parse';
import { loadConfigFile } from '../config/load';
import { awsName } from '../aws/names';
import { configSource } from '../config/errors';
import { readTerraformJsonFile, STACK_FILE } from '../doctor/terraform/files';
import { block, firstObject, TerraformModel } from '../doctor/terraform/model';
import type { ResolvedConfig } from '../config/schema';
import { CliError } from '../cli/errors';

export interface JobTarget {
  readonly environment: string;
  readonly region: string;
  readonly jobDefinitionKey: string;
  /** Names, not ARNs: SubmitJob takes either, and without a revision Batch uses the latest ACTIVE one. */
  readonly jobQueue: string;
  readonly jobDefinition: string;
  /** Where the names came from. */
  readonly source: 'stack' | 'config';
  /**
   * The share identifiers of the queue's fair-share policy ([] when it lists
   * none); undefined when the queue has no scheduling policy.
   */
  readonly fairShare?: readonly string[];
  /** The job definition's default share (`shareIdentifier` in the config). */
  readonly shareIdentifier?: string;
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
    throw new CliError(`unknown environment "${environment}": no ${join('environments', `${environment}.json`)}${known.length ? `; known environments: ${known.join(', ')}` : ''}`);
  }
  return parseConfig(loadConfigFile(file), configSource(join('environments', `${environment}.json`), environment));
}

export function resolveJobTarget(root: string, environment: string, jobDefinitionKey: string): JobTarget {
  const config = loadEnvironment(root, environment);
  const job = config.jobDefinitions[jobDefinitionKey];
  if (!job) {
    const known = Object.keys(config.jobDefinitions);
    throw new CliError(`unknown job definition "${jobDefinitionKey}" in environment ${environment}; ${known.length ? `job definitions: ${known.join(', ')}` : 'it has no job definitions'}`);
  }
  const stack = readStack(root, environment);
  const fromStack = (type: string, key: string) => stringOrUndefined(stack?.get(`${type}.${key}`)?.body['name']);
  const queueName = fromStack('aws_batch_job_queue', job.queue);
  const definitionName = fromStack('aws_batch_job_definition', jobDefinitionKey);
  const region = stringOrUndefined(firstObject(stack?.tf.provider?.['aws'])?.['region']);
  const share = job.shareIdentifier !== undefined ? { shareIdentifier: job.shareIdentifier } : {};
  if (queueName && definitionName && region) {
    const fairShare = stackFairShare(stack!, job.queue);
    return { environment, region, jobDefinitionKey, jobQueue: queueName, jobDefinition: definitionName, source: 'stack', ...share, ...(fairShare ? { fairShare } : {}) };
  }
  // Not synthesized yet (or synthesized before this job existed): the stack names them this way (src/stack.ts).
  const policy = config.jobQueues[job.queue]?.fairShare;
  return {
    environment,
    region: config.region,
    jobDefinitionKey,
    jobQueue: awsName(config.name, job.queue),
    jobDefinition: awsName(config.name, jobDefinitionKey),
    source: 'config',
    ...share,
    ...(policy ? { fairShare: Object.keys(policy.shares).sort() } : {}),
  };
}

/**
 * The shares of the stack's queue's scheduling policy (what is deployed, or
 * about to be): the queue's scheduling_policy_arn names an
 * aws_batch_scheduling_policy of the stack. Undefined when it has none.
 */
function stackFairShare(stack: TerraformModel, queueKey: string): string[] | undefined {
  const arn = stack.get(`aws_batch_job_queue.${queueKey}`)?.body['scheduling_policy_arn'];
  if (arn === undefined || arn === null || arn === '') return undefined;
  const target = stack.resolve(arn);
  const policy = target.kind === 'resource' && target.resource.type === 'aws_batch_scheduling_policy' && target.attr === 'arn' ? target.resource : undefined;
  const distribution = block(policy?.body, 'fair_share_policy')?.['share_distribution'];
  const entries = Array.isArray(distribution) ? distribution : distribution ? [distribution] : [];
  return entries.map((e) => (e as Record<string, unknown>)['share_identifier']).filter((s): s is string => typeof s === 'string').sort();
}

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The synthesized stack, through the doctor's Terraform loader and model; undefined when absent or unreadable. */
function readStack(root: string, environment: string): TerraformModel | undefined {
  const file = join(root, 'cdktf.out', 'stacks', environment, STACK_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return new TerraformModel(readTerraformJsonFile(file));
  } catch {
    return undefined;
  }
}
