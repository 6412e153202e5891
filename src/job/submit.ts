/**
 * `submit`: one job of an environment's job definition, by name, with
 * parameters, environment overrides, an array size and dependencies.
 */
import { SubmitJobCommand, type BatchClient, type SubmitJobCommandInput } from '@aws-sdk/client-batch';
import { UsageError } from './errors';

export interface SubmitOptions {
  readonly jobName: string;
  readonly jobQueue: string;
  readonly jobDefinition: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly environment?: Readonly<Record<string, string>>;
  readonly arraySize?: number;
  /** Job IDs that must succeed first (Batch's own dependsOn). */
  readonly after?: readonly string[];
}

/** Batch job names: up to 128 letters, digits, hyphens and underscores, starting with a letter or digit. */
const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Batch limits: arrays of 2 to 10,000 children, and at most 20 dependencies per job. */
const ARRAY_SIZE = { min: 2, max: 10_000 } as const;
const MAX_DEPENDENCIES = 20;

/** Checks what Batch would reject, so the error comes before the request and names the flag. */
export function submitRequest(options: SubmitOptions): SubmitJobCommandInput {
  if (!JOB_NAME.test(options.jobName)) {
    throw new UsageError(`job name "${options.jobName}" is not valid: up to 128 letters, digits, - and _, starting with a letter or digit`);
  }
  for (const name of Object.keys(options.environment ?? {})) {
    if (!ENV_NAME.test(name)) throw new UsageError(`--env ${name}: not an environment variable name (letters, digits, _)`);
    // Batch refuses overrides of the variables it sets itself.
    if (name.startsWith('AWS_BATCH')) throw new UsageError(`--env ${name}: names starting with AWS_BATCH are reserved for AWS Batch`);
  }
  const size = options.arraySize;
  if (size !== undefined && (!Number.isInteger(size) || size < ARRAY_SIZE.min || size > ARRAY_SIZE.max)) {
    throw new UsageError(`--array-size ${size}: an array job has ${ARRAY_SIZE.min} to ${ARRAY_SIZE.max} children`);
  }
  const after = options.after ?? [];
  if (after.length > MAX_DEPENDENCIES) throw new UsageError(`--after given ${after.length} times; a Batch job can depend on at most ${MAX_DEPENDENCIES} jobs`);
  const environment = Object.entries(options.environment ?? {}).map(([name, value]) => ({ name, value }));
  return {
    jobName: options.jobName,
    jobQueue: options.jobQueue,
    jobDefinition: options.jobDefinition,
    ...(options.parameters && Object.keys(options.parameters).length > 0 ? { parameters: { ...options.parameters } } : {}),
    ...(environment.length > 0 ? { containerOverrides: { environment } } : {}),
    ...(size !== undefined ? { arrayProperties: { size } } : {}),
    ...(after.length > 0 ? { dependsOn: after.map((jobId) => ({ jobId })) } : {}),
  };
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
    if (at <= 0) throw new UsageError(`${flag} ${pair}: expected key=value`);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}
