/**
 * Every example environment is synthesized, `terraform validate`d and
 * `terraform plan`ned with the real AWS provider 5.100.0 from the local
 * mirror: unit tests alone do not prove that AWS's own provider accepts the JSON.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { countActions, init, plan, prepareStackDir, removeStackDirs, validate } from '../../src/terraform/run';
import { terraformOrSkip } from '../terraform/support';
import { EXAMPLES, addresses, loadExample, synth } from '../support/synth';

const tf = terraformOrSkip('example environments');
afterAll(removeStackDirs);

describe.skipIf(!tf).concurrent.each(Object.keys(EXAMPLES))('example %s', (name) => {
  it('validates and plans only creations, one per resource, with the real provider', async () => {
    const stack = synth(loadExample(name), name);
    const dir = await prepareStackDir(JSON.parse(stack.json));
    await init(dir);

    const validation = await validate(dir);
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validation.valid).toBe(true);

    const planned = await plan(dir, { refresh: false });
    expect(countActions(planned)).toEqual({ create: addresses(stack).length });
    expect(planned.resource_changes!.map((c) => `${c.type}.${c.name}`).sort()).toEqual(addresses(stack));
  });
});
