/**
 * `submit`: one job of an environment's job definition, by name, with
 * parameters, environment overrides, an array size and dependencies.
 */
import { SubmitJobCommand, type BatchClient, type SubmitJobCommandInput } from '@aws-sdk/client-batch';
import { listShares, shareMatches } from '../aws/fair-share';
import { CliError } from '../cli/errors';
import type { JobTarget } from './target';

export interface SubmitOptions {
  readonly jobName: string;
  readonly jobQueue: string;
  readonly jobDefinition: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly environment?: Readonly<Record<string, string>>;
  readonly arraySize?: number;
  /** Job IDs that must succeed first (Batch's own dependsOn). */
  readonly after?: readonly string[];
  /** Required by a fair-share queue, refused by any other (see jobShare). */
  readonly shareIdentifier?: string;
  /** Fair-share queues: overrides the job definition's scheduling priority, within the share. */
  readonly schedulingPriority?: number;
}

/** Batch job names: up to 128 letters, digits, hyphens and underscores, starting with a letter or digit. */
const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Batch limits: arrays of 2 to 10,000 children, and at most 20 dependencies per job. */
const ARRAY_SIZE = { min: 2, max: 10_000 } as const;
const MAX_DEPENDENCIES = 20;
/** SubmitJob's schedulingPriorityOverride range. */
const PRIORITY = { min: 0, max: 9999 } as const;

/** Checks what Batch would reject, so the error comes before the request and names the flag. */
export function submitRequest(options: SubmitOptions): SubmitJobCommandInput {
  if (!JOB_NAME.test(options.jobName)) {
    throw new CliError(`job name "${options.jobName}" is not valid: up to 128 letters, digits, - and _, starting with a letter or digit`);
  }
  for (const name of Object.keys(options.environment ?? {})) {
    if (!ENV_NAME.test(name)) throw new CliError(`--env ${name}: not an environment variable name (letters, digits, _)`);
    // Batch refuses overrides of the variables it sets itself.
    if (name.startsWith('AWS_BATCH')) throw new CliError(`--env ${name}: names starting with AWS_BATCH are reserved for AWS Batch`);
  }
  const size = options.arraySize;
  if (size !== undefined && (!Number.isInteger(size) || size < ARRAY_SIZE.min || size > ARRAY_SIZE.max)) {
    throw new CliError(`--array-size ${size}: an array job has ${ARRAY_SIZE.min} to ${ARRAY_SIZE.max} children`);
  }
  const after = options.after ?? [];
  if (after.length > MAX_DEPENDENCIES) throw new CliError(`--after given ${after.length} times; a Batch job can depend on at most ${MAX_DEPENDENCIES} jobs`);
  const priority = options.schedulingPriority;
  if (priority !== undefined && (!Number.isInteger(priority) || priority < PRIORITY.min || priority > PRIORITY.max)) {
    throw new CliError(`--priority ${priority}: a scheduling priority is a whole number from ${PRIORITY.min} to ${PRIORITY.max}`);
  }
  const environment = Object.entries(options.environment ?? {}).map(([name, value]) => ({ name, value }));
  return {
    jobName: options.jobName,
    jobQueue: options.jobQueue,
    jobDefinition: options.jobDefinition,
    ...(options.parameters && Object.keys(options.parameters).length > 0 ? { parameters: { ...options.parameters } } : {}),
    ...(environment.length > 0 ? { containerOverrides: { environment } } : {}),
    ...(size !== undefined ? { arrayProperties: { size } } : {}),
    ...(after.length > 0 ? { dependsOn: after.map((jobId) => ({ jobId })) } : {}),
    ...(options.shareIdentifier !== undefined ? { shareIdentifier: options.shareIdentifier } : {}),
    ...(priority !== undefined ? { schedulingPriorityOverride: priority } : {}),
  };
}

/**
 * The share to submit under: the one given, else the job definition's
 * default. A queue with a fair-share policy refuses a job without one, a
 * queue without refuses a job with one (docs/aws-batch-facts.md#fair-share-share-identifiers),
 * so both are one-line errors here, before anything is sent. `how` says how
 * the user gives a share (`--share <id>`, or a step's field).
 */
export function jobShare(target: JobTarget, given: string | undefined, how: string): string | undefined {
  const config = `jobDefinitions.${target.jobDefinitionKey}.shareIdentifier in environments/${target.environment}.json`;
  if (target.fairShare === undefined) {
    if (given !== undefined) throw new CliError(`${how}: job queue ${target.jobQueue} has no fair-share scheduling policy, and Batch refuses a share identifier there; leave it out`);
    return undefined;
  }
  const share = given ?? target.shareIdentifier;
  const shares = listShares(target.fairShare);
  if (share === undefined) {
    throw new CliError(`job queue ${target.jobQueue} has a fair-share scheduling policy, so Batch needs a share identifier: give one with ${how} (the policy's shares: ${shares}), or set ${config}`);
  }
  if (!/^[A-Za-z0-9]{1,255}$/.test(share)) throw new CliError(`${how} ${share}: a share identifier is 1-255 letters and digits`);
  if (!shareMatches(share, target.fairShare)) {
    throw new CliError(`${how} ${share}: no share of job queue ${target.jobQueue}'s fair-share policy matches it (shares: ${shares})`);
  }
  return share;
}

export async function submitJob(batch: BatchClient, options: SubmitOptions): Promise<{ jobId: string; jobName: string }> {
  const response = await batch.send(new SubmitJobCommand(submitRequest(options)));
  return { jobId: response.jobId!, jobName: response.jobName ?? options.jobName };
}

/** `k=v` pairs of repeated flags into a record; the first `=` splits, so values may contain `=`. */
export function keyValues(flag: string, values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of values) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliError(`${flag} ${pair}: expected key=value`);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}
