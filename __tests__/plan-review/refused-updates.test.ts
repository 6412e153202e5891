/**
 * Updates the provider plans but AWS refuses at apply
 * (docs/aws-batch-facts.md#what-replaces-a-compute-environment,
 * docs/aws-batch-facts.md#job-queues), planned with the real provider against
 * the converged state of the deployed config:
 *
 * - switching `serviceRole`: the stack replaces the compute environments
 *   (create before destroy) instead; hand-written Terraform that updates the
 *   role in place, or keeps a role the plan deletes, is flagged as a danger;
 * - adding or removing a queue's fair-share policy: no safe replacement exists
 *   (a queue has a fixed name and a replacement loses its jobs), so the update
 *   is flagged as a danger with the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizePlan } from '../../src/plan-review/plan-risk';
import { planScenarios, type HarnessRun } from '../../test-support/terraform/harness';
import { removeStackDirs } from '../../test-support/terraform/run';
import { changesByAddress } from '../../test-support/terraform/plan-changes';
import { baseConfig, changeScenarios, EDITS, synthesize } from '../../test-support/terraform/safe-changes';
import { terraformOrSkip } from '../support/terraform';

type Json = Record<string, any>;
const tf = terraformOrSkip('refused updates');

/** The stack's JSON with every compute environment's name prefix as the service-linked stack writes it: Terraform written by hand. */
function withPrefixOf(json: Json, prefixes: Json): Json {
  const copy = structuredClone(json);
  for (const [key, ce] of Object.entries(copy.resource.aws_batch_compute_environment as Json)) ce.compute_environment_name_prefix = prefixes.resource.aws_batch_compute_environment[key].compute_environment_name_prefix;
  return copy;
}

describe.skipIf(!tf)('updates AWS refuses', () => {
  let run: HarnessRun;
  const stack = changeScenarios(EDITS.filter((e) => ['service-role-custom', 'service-role-service-linked', 'fair-share-added', 'fair-share-removed', 'fair-share-weights'].includes(e.id)));
  const serviceLinked = synthesize(baseConfig('updatable'));
  const custom = synthesize(baseConfig('custom-role'));
  const byHand = [
    { id: 'by-hand/to-custom', before: serviceLinked, after: withPrefixOf(custom, serviceLinked) },
    { id: 'by-hand/to-service-linked', before: withPrefixOf(custom, serviceLinked), after: serviceLinked },
  ];

  beforeAll(async () => {
    run = await planScenarios([...stack, ...byHand]);
  }, 300_000);
  afterAll(removeStackDirs);

  const plan = (id: string) => run.results.get(id)!.plan;

  it.each(['updatable/service-role-custom', 'custom-role/service-role-service-linked'])('%s: the stack replaces every compute environment, create before destroy; nothing dangerous', (id) => {
    const changes = changesByAddress(plan(id));
    expect(changes['aws_batch_compute_environment.ondemand']).toBe('replace-create-before-destroy');
    expect(changes['aws_batch_compute_environment.spot']).toBe('replace-create-before-destroy');
    expect(summarizePlan(plan(id))).toMatchObject({ dangerous: false });
  });

  it('by hand, service-linked → custom in place: the provider plans an update, plan-summary calls it a danger and says how to replace', () => {
    expect(changesByAddress(plan('by-hand/to-custom'))['aws_batch_compute_environment.ondemand']).toBe('update');
    const risk = summarizePlan(plan('by-hand/to-custom'));
    expect(risk.dangerous).toBe(true);
    expect(risk.findings.filter((f) => f.level === 'danger').map((f) => f.address).sort()).toEqual(['aws_batch_compute_environment.ondemand', 'aws_batch_compute_environment.spot']);
    expect(risk.findings[0]!.message).toMatch(/from the service-linked service role to a custom one, which Batch refuses .*compute_environment_name_prefix \(with create_before_destroy\)/);
  });

  it('by hand, custom → service-linked: the provider plans no change of the environments and deletes their role; plan-summary calls it a danger', () => {
    const changes = changesByAddress(plan('by-hand/to-service-linked'));
    expect(changes['aws_batch_compute_environment.ondemand']).toBe('no-op');
    expect(changes['aws_iam_role.batch_service']).toBe('delete');
    const risk = summarizePlan(plan('by-hand/to-service-linked'));
    expect(risk.findings.filter((f) => f.level === 'danger').map((f) => f.address).sort()).toEqual(['aws_batch_compute_environment.ondemand', 'aws_batch_compute_environment.spot']);
    expect(risk.findings[0]!.message).toMatch(/keeps its service role arn:aws:iam::123456789012:role\/safe-batch-service, which this plan deletes \(aws_iam_role.batch_service\)/);
  });

  it.each([
    ['updatable/fair-share-added', /adds a fair-share policy to a queue created without one/],
    ['fair-share/fair-share-removed', /removes the queue's fair-share policy/],
  ])('%s: planned as an update of the queue, which plan-summary calls a danger, with the fix', (id, message) => {
    expect(changesByAddress(plan(id))['aws_batch_job_queue.main']).toBe('update');
    const risk = summarizePlan(plan(id));
    expect(risk.dangerous).toBe(true);
    const [finding] = risk.findings.filter((f) => f.address === 'aws_batch_job_queue.main');
    expect(finding).toMatchObject({ level: 'danger', message: expect.stringMatching(message) });
    expect(finding!.message).toContain('a new key in jobQueues');
  });

  it('fair-share weights changed: the policy is updated in place, the queue untouched, nothing dangerous', () => {
    const changes = changesByAddress(plan('fair-share/fair-share-weights'));
    expect(changes['aws_batch_scheduling_policy.main']).toBe('update');
    expect(changes['aws_batch_job_queue.main']).toBe('no-op');
    expect(summarizePlan(plan('fair-share/fair-share-weights')).dangerous).toBe(false);
  });
});
