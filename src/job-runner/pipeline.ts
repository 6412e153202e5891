/**
 * `pipeline <file>`: named steps with `dependsOn`, submitted in dependency
 * order with Batch's own dependsOn, so Batch (not this process) holds each
 * step until the ones before it succeed, and a failed step fails the steps
 * after it. Everything is checked before the first job is submitted.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CliError } from '../cli/errors';

const STEP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

const StepSchema = z.strictObject({
  /** Key of `jobDefinitions` in the environment's config. */
  jobDefinition: z.string().min(1),
  dependsOn: z.array(z.string()).max(20).default([]),
  parameters: z.record(z.string(), z.string()).default({}),
  environment: z.record(z.string(), z.string()).default({}),
  arraySize: z.number().int().optional(),
  /** Fair-share queues: the share this step's job runs under. @default the job definition's shareIdentifier */
  shareIdentifier: z.string().optional(),
  /** Fair-share queues: the job's scheduling priority within its share (0-9999). @default the job definition's */
  schedulingPriority: z.number().int().optional(),
});

export const PipelineSchema = z.strictObject({
  /** The environment whose queues and job definitions the steps use. */
  environment: z.string().min(1),
  steps: z.record(z.string().regex(STEP_NAME, { message: 'step names become job names: letters, digits, - and _' }), StepSchema),
});

export type Pipeline = z.output<typeof PipelineSchema>;
export type Step = Pipeline['steps'][string];

export function loadPipeline(file: string): Pipeline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new CliError(e.code === 'ENOENT' ? `pipeline file ${file} does not exist` : `pipeline file ${file} is not valid JSON: ${e.message}`);
  }
  const parsed = PipelineSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new CliError(`pipeline file ${file} is not valid:\n${lines.join('\n')}`);
  }
  if (Object.keys(parsed.data.steps).length === 0) throw new CliError(`pipeline file ${file} has no steps`);
  return parsed.data;
}

/**
 * Steps in an order where every step comes after the steps it depends on
 * (file order among independent steps). Unknown steps and cycles are errors
 * naming the steps involved.
 */
export function submissionOrder(steps: Readonly<Record<string, Pick<Step, 'dependsOn'>>>): string[] {
  const names = Object.keys(steps);
  for (const [name, step] of Object.entries(steps)) {
    step.dependsOn.forEach((dep, i) => {
      if (!(dep in steps)) throw new CliError(`steps.${name}.dependsOn[${i}]: unknown step "${dep}"; steps are: ${names.join(', ')}`);
      if (dep === name) throw new CliError(`steps.${name}.dependsOn[${i}]: a step cannot depend on itself`);
    });
  }
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < names.length) {
    const next = names.find((n) => !done.has(n) && steps[n]!.dependsOn.every((d) => done.has(d)));
    if (next === undefined) throw new CliError(`the steps depend on each other in a cycle: ${findCycle(steps, names.filter((n) => !done.has(n))).join(' -> ')}`);
    order.push(next);
    done.add(next);
  }
  return order;
}

/** A cycle among the remaining steps, as a closed path (a -> b -> a). */
function findCycle(steps: Readonly<Record<string, Pick<Step, 'dependsOn'>>>, remaining: readonly string[]): string[] {
  const path: string[] = [];
  let current = remaining[0]!;
  // Every remaining step has a remaining dependency, so following them must revisit a step.
  while (!path.includes(current)) {
    path.push(current);
    current = steps[current]!.dependsOn.find((d) => remaining.includes(d))!;
  }
  return [...path.slice(path.indexOf(current)), current];
}
