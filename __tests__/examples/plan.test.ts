/**
 * Every example environment is synthesized, `terraform validate`d and
 * `terraform plan`ned with the real AWS provider 5.100.0 from the local
 * mirror: unit tests alone do not prove that AWS's own provider accepts the JSON.
 * All examples are child modules of one workspace: one validate, one plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countActions, validate, type PlanJson, type ValidateResult } from '../../test-support/terraform/run';
import { MultiStackWorkspace } from '../../test-support/terraform/workspace';
import { terraformOrSkip } from '../support/terraform';
import { EXAMPLES, addresses, loadExample, synth, type Synthesized } from '../support/synth';

const tf = terraformOrSkip('example environments');

describe.skipIf(!tf)('example environments with the real provider', () => {
  const stacks = new Map<string, Synthesized>(Object.keys(EXAMPLES).map((name) => [name, synth(loadExample(name), name)]));
  let workspace: MultiStackWorkspace;
  let validation: ValidateResult;
  let plans: Map<string, PlanJson>;

  beforeAll(async () => {
    workspace = await MultiStackWorkspace.create([...stacks].map(([id, s]) => ({ id, tfJson: JSON.parse(s.json) })));
    validation = await validate(workspace.dir);
    plans = await workspace.plan();
  });
  afterAll(() => workspace?.remove());

  it('all validate', () => {
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validation.valid).toBe(true);
  });

  it.each([...stacks.keys()])('%s plans only creations, one per resource', (name) => {
    const stack = stacks.get(name)!;
    const planned = plans.get(name)!;
    expect(countActions(planned)).toEqual({ create: addresses(stack).length });
    expect(planned.resource_changes!.map((c) => `${c.type}.${c.name}`).sort()).toEqual(addresses(stack));
  });
});
