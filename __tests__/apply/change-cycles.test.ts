/**
 * The change matrix (docs/change-matrix.md), applied. Each base of the
 * matrix is deployed to its own emulator, then its edits are applied one
 * after another (each step adds one edit of the matrix's catalogue), and each
 * applied plan must do to the compute environments and the queue what the
 * matrix's row says:
 *
 * - updated in place: the same compute environment ARN afterwards, the queue
 *   exactly as before;
 * - replaced: a new compute environment is created, the queue is moved to it
 *   and the old one deleted, while the queue stays ENABLED and VALID and only
 *   ever points at existing, enabled environments (sampled all through the
 *   apply). The emulator refuses to delete an environment a queue still uses.
 *
 * Each step's plan is compared with the whole row (every resource it
 * changes), so a resource that drifted after the previous apply would show
 * up there; after the last step a `plan -detailed-exitcode` must show no
 * changes. The regression guard: without replace_triggered_by, a launch template edit of a
 * non-updatable environment plans an update in place and the apply fails with
 * "Provider produced inconsistent final plan" (src/compute/compute-environments.ts).
 */
import { describe, it, type ExpectStatic as Expect } from 'vitest';
import type { BatchClient } from '@aws-sdk/client-batch';
import { EmulatedStack } from '../../test-support/emulator/apply.js';
import { added, emulatorBatchClient, startEmulator } from '../../test-support/emulator/emulator.js';
import { withApplySlot } from '../../test-support/emulator/slots.js';
import { regionOf, seedFor } from '../../test-support/emulator/stacks.js';
import type { ChangeKind, PlanJson } from '../../src/plan-review/plan-json.js';
import { changesByAddress } from '../../test-support/terraform/plan-changes.js';
import type { BaseName } from '../../test-support/terraform/safe-changes.js';
import { chain, matrixRow, sample, sampleWhile, withoutReplaceTriggeredBy, type Sample, type Step } from './cycles.js';
import { applySuiteOrSkip } from './support.js';

const ready = applySuiteOrSkip('apply: change cycles');
const CE = 'aws_batch_compute_environment';
const QUEUE = 'aws_batch_job_queue';

/**
 * The edits applied per base. Every compute environment row of the updatable
 * and Fargate bases (and, on the updatable base, a job definition revision
 * and a queue updated in place); for the bases whose environments are
 * replaced, one edit of each kind of field (a set, the launch template, a
 * scalar) and the strategy change (last: it makes the environment updatable).
 * The rows left out are the same mechanisms, proven by the plan-level tests.
 */
const CYCLES: Record<Exclude<BaseName, 'new-vpc' | 'spot-price' | 'workloads' | 'workloads-best-fit' | 'job-workloads'>, readonly string[]> = {
  updatable: ['instance-types', 'subnets', 'security-groups', 'allocation-strategy', 'launch-template', 'image-type', 'max-vcpus', 'job-image', 'queue-priority'],
  fargate: ['subnets', 'security-groups', 'max-vcpus'],
  'best-fit': ['instance-types', 'launch-template', 'max-vcpus', 'allocation-strategy'],
  'custom-role': ['subnets', 'launch-template', 'max-vcpus'],
};

type Json = Record<string, any>;

const kindOf = (kind: ChangeKind | undefined) => (kind === 'replace-create-before-destroy' ? 'replace' : kind === 'no-op' || kind === undefined ? undefined : kind);

/** Every resource the plan changes → its change, in the matrix's words. */
function planned(plan: PlanJson): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [address, kind] of Object.entries(changesByAddress(plan))) {
    const word = kindOf(kind);
    if (word && word !== 'read') out[address] = word;
  }
  return out;
}

/** The row's changes of one resource type, by name. */
function ofType(changes: Record<string, string>, type: string): Record<string, string> {
  return Object.fromEntries(Object.entries(changes).filter(([address]) => address.startsWith(`${type}.`)).map(([address, kind]) => [address.slice(type.length + 1), kind]));
}

async function arns(stack: EmulatedStack, type: string): Promise<Record<string, string>> {
  const state = await stack.state();
  return Object.fromEntries([...state].filter(([address]) => address.startsWith(`${type}.`)).map(([address, values]) => [address.slice(type.length + 1), values.arn as string]));
}

/** Every sample: each queue ENABLED and VALID, pointing only at compute environments that exist, ENABLED and VALID. */
function queueWorkedThroughout(samples: readonly Sample[], expect: Expect): void {
  expect(samples.length).toBeGreaterThan(0);
  for (const [i, s] of samples.entries()) {
    for (const queue of s.queues) {
      expect({ sample: i, queue: queue.jobQueueName, state: queue.state, status: queue.status }).toEqual({ sample: i, queue: queue.jobQueueName, state: 'ENABLED', status: 'VALID' });
      for (const { computeEnvironment } of queue.computeEnvironmentOrder ?? []) {
        const ce = s.computeEnvironments.find((c) => c.computeEnvironmentArn === computeEnvironment);
        expect({ sample: i, computeEnvironment, state: ce?.state, status: ce?.status }).toEqual({ sample: i, computeEnvironment, state: 'ENABLED', status: 'VALID' });
      }
    }
  }
}

async function applyStep(stack: EmulatedStack, batch: BatchClient, base: BaseName, step: Step, expect: Expect): Promise<void> {
  const row = matrixRow(base, step.edit!);
  const queueNames = Object.values(step.tfJson.resource[QUEUE] as Json).map((q) => q.name as string);
  const ceBefore = await arns(stack, CE);
  const queuesBefore = await sample(batch, queueNames);

  stack.write(step.tfJson);
  const plan = await stack.plan();
  // The plan against the emulator's real state changes exactly what the matrix's row says.
  expect(planned(plan), `${base} / ${row.title}`).toEqual(row.changes);
  const { samples } = await sampleWhile(batch, queueNames, stack.apply());
  const ceAfter = await arns(stack, CE);
  const queuesAfter = await sample(batch, queueNames);

  for (const [key, kind] of Object.entries(ofType(row.changes, CE))) {
    if (kind === 'update') expect(ceAfter[key], `${key} keeps its ARN`).toBe(ceBefore[key]);
    if (kind === 'replace') {
      expect(ceAfter[key], `${key} is a new environment`).not.toBe(ceBefore[key]);
      // Create before destroy: at some point both existed; afterwards only the new one.
      expect(samples.some((s) => [ceBefore[key], ceAfter[key]].every((arn) => s.computeEnvironments.some((c) => c.computeEnvironmentArn === arn)))).toBe(true);
      expect(queuesAfter.computeEnvironments.map((c) => c.computeEnvironmentArn)).not.toContain(ceBefore[key]);
      expect(queuesAfter.queues.flatMap((q) => (q.computeEnvironmentOrder ?? []).map((o) => o.computeEnvironment))).toContain(ceAfter[key]);
    }
  }
  if (Object.keys(ofType(row.changes, QUEUE)).length === 0) expect(queuesAfter.queues).toEqual(queuesBefore.queues);
  queueWorkedThroughout([queuesBefore, ...samples, queuesAfter], expect);
}

describe.skipIf(!ready)('the change matrix, applied to the AWS emulator', () => {
  it.concurrent.for(Object.entries(CYCLES) as [keyof typeof CYCLES, readonly string[]][])('%s: %j', ([base, editIds], { expect }) =>
    withApplySlot(() => cycle(base, editIds, expect)),
  );
});

async function cycle(base: BaseName, editIds: readonly string[], expect: Expect): Promise<void> {
  const steps = chain(base, editIds);
  const region = regionOf(steps[0]!.tfJson);
  const emulator = await startEmulator({ seed: seedFor(steps.map((s) => s.config), region)! });
  const batch = emulatorBatchClient(emulator.endpoint, region);
  const stack = await EmulatedStack.create(steps[0]!.tfJson, emulator.endpoint);
  try {
    const before = await emulator.inventory(region);
    await stack.planAndApply();
    for (const step of steps.slice(1)) {
      if (base === 'custom-role' && step.id === 'launch-template') await regressionGuard(stack, step, expect);
      await applyStep(stack, batch, base, step, expect);
    }
    const replan = await stack.hasChanges();
    expect(replan.changes, replan.output).toBe(false);
    await stack.destroy();
    expect(added(before, await emulator.inventory(region))).toEqual({});
  } finally {
    batch.destroy();
    stack.remove();
    await emulator.stop();
  }
}

/**
 * The trap: a launch template edit of environments that are not updatable,
 * without replace_triggered_by. The plan says "update in place" (the new
 * template version is unknown), and the apply, once it knows the version,
 * fails. Uses another template change than the step that follows, so that
 * step still changes the template.
 */
async function regressionGuard(stack: EmulatedStack, step: Step, expect: Expect): Promise<void> {
  const trap = withoutReplaceTriggeredBy(step.tfJson);
  for (const template of Object.values(trap.resource.aws_launch_template as Json) as Json[]) template.metadata_options.http_put_response_hop_limit = 3;
  const ceBefore = await arns(stack, CE);
  stack.write(trap);
  const plan = await stack.plan();
  expect(ofType(planned(plan), CE)).toEqual(Object.fromEntries(Object.keys(ceBefore).map((key) => [key, 'update'])));
  await expect(stack.apply()).rejects.toThrow(/Provider produced inconsistent final plan/);
  expect(await arns(stack, CE)).toEqual(ceBefore);
}
