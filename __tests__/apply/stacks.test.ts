/**
 * Every stack this project ships (the app's environments and every example)
 * is applied with the real terraform and AWS provider 5.100.0 to its own
 * AWS emulator, planned again (`plan -detailed-exitcode` must show no
 * changes: nothing the provider reads back differs from what it wrote), and
 * destroyed, after which the emulator holds exactly what it held before.
 */
import { describe, it, type ExpectStatic } from 'vitest';
import { EmulatedStack } from '../../test-support/emulator/apply.js';
import { added, startEmulator } from '../../test-support/emulator/emulator.js';
import { withApplySlot } from '../../test-support/emulator/slots.js';
import { declared, deployableStacks, type DeployableStack } from '../../test-support/emulator/stacks.js';
import { applySuiteOrSkip } from './support.js';

const ready = applySuiteOrSkip('apply: every stack');
const stacks: DeployableStack[] = ready ? deployableStacks() : [];
const BATCH_KINDS = {
  'batch:compute-environment': 'aws_batch_compute_environment',
  'batch:job-queue': 'aws_batch_job_queue',
  'batch:job-definition': 'aws_batch_job_definition',
  'batch:scheduling-policy': 'aws_batch_scheduling_policy',
} as const;

describe.skipIf(!ready)('every environment and example against the AWS emulator', () => {
  it('covers the environments the app synthesizes and every example', ({ expect }) => {
    expect(stacks.map((s) => s.id)).toEqual(
      expect.arrayContaining(['environments/dev.json', 'environments/prod.json', 'environments/bootstrap.json', 'examples/nat.json', 'examples/ml-training.json', 'examples/genomics.json']),
    );
    expect(stacks.length).toBeGreaterThanOrEqual(11);
  });

  it.concurrent.for(stacks.map((s) => [s.id, s] as const))('%s: applies, plans no changes, destroys to nothing', ([, stack], { expect }) =>
    withApplySlot(() => applyPlanDestroy(stack, expect)),
  );
});

async function applyPlanDestroy(stack: DeployableStack, expect: ExpectStatic): Promise<void> {
  const emulator = await startEmulator(stack.seed ? { seed: stack.seed } : {});
  const deployed = await EmulatedStack.create(stack.tfJson, emulator.endpoint);
  try {
    const before = await emulator.inventory(stack.region);

    await deployed.applyNow();

    // Nothing drifts: the provider reads back exactly what the config says.
    const replan = await deployed.hasChanges();
    expect(replan.changes, replan.output).toBe(false);

    // The emulator holds what the stack declares (the Batch resources, counted).
    const created = added(before, await emulator.inventory(stack.region));
    for (const [kind, type] of Object.entries(BATCH_KINDS)) {
      expect(created[kind]?.length ?? 0, `${kind} in the emulator`).toBe(declared(stack.tfJson, type));
    }

    const guarded = deployed.preventDestroy();
    if (guarded.length > 0) {
      // prevent_destroy holds (the bootstrap's state bucket); lifted by a test-only override to clean up.
      await expect(deployed.destroy()).rejects.toThrow(/Instance cannot be destroyed/);
      deployed.allowDestroy(guarded);
    }
    await deployed.destroy();
    expect(added(before, await emulator.inventory(stack.region))).toEqual({});
  } finally {
    deployed.remove();
    await emulator.stop();
  }
}
