/**
 * `cdktf synth --hcl` of every stack this project emits (dev, prod, bootstrap
 * and every example) against its JSON: the same documents for the doctor,
 * `terraform fmt` layout, `terraform validate`, and the same planned changes
 * with the real provider, from nothing and against the state the JSON leaves.
 * JSON and HCL of all stacks are child modules of one workspace: one
 * validate, and one plan per round for all of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor, type TerraformJson } from '../../src/doctor/index';
import { decodeJsonAttribute } from '../../src/doctor/terraform/encoded-json';
import { parseHcl } from '../../src/doctor/terraform/files';
import { BatchStack, loadConfigFile } from '../../src/index';
import { appliedState } from '../../test-support/terraform/harness';
import { resourceSchemas, terraform, validate, type PlanJson, type ResourceChange, type ValidateResult } from '../../test-support/terraform/run';
import { resourceSchema, type ResourceSchemas } from '../../test-support/terraform/schema';
import type { StateFile } from '../../test-support/terraform/state-file';
import { MultiStackWorkspace } from '../../test-support/terraform/workspace';
import { ROOT } from '../support/synth';
import { terraformOrSkip } from '../support/terraform';
import { bothFormats, bothFormatsOfEveryStack, documentPairs, removeTestApps, testApp, type Json } from './support';

const stacks = bothFormatsOfEveryStack();
const ids = stacks.map((s) => s.id);
const hclJson = new Map<string, Json>();

beforeAll(async () => {
  for (const stack of stacks) hclJson.set(stack.id, (await parse('cdk.tf', stack.hcl)) as Json);
});
afterAll(removeTestApps);

describe('HCL of every stack, as a reviewer and the doctor read it', () => {
  it.each(ids)('%s: every JSON document is jsonencode({...}), and the doctor decodes the same value from it', (id) => {
    const stack = stacks.find((s) => s.id === id)!;
    const pairs = documentPairs(stack.json, hclJson.get(id)!);
    expect(pairs.length).toBeGreaterThan(0);
    for (const pair of pairs) {
      expect(pair.hcl, pair.path).toMatch(/^\$\{jsonencode\(\{\n/);
      expect(decodeJsonAttribute(pair.hcl), pair.path).toEqual(JSON.parse(pair.json));
    }
  });

  it.each(ids)('%s: references are bare expressions, never quoted ("${...}", "aws_x.y")', (id) => {
    for (const line of stacks.find((s) => s.id === id)!.hcl.split('\n')) {
      expect(line, line).not.toMatch(/= "\$\{[^"]*\}"$/);
      expect(line, line).not.toMatch(/^\s*(depends_on|ignore_changes|replace_triggered_by) += \[.*"/);
    }
  });

  it('the doctor finds the same in both formats, findings read from documents included', async () => {
    const config = loadConfigFile(join(ROOT, 'environments/dev.json')) as any;
    config.jobDefinitions.hello.privileged = true; // container_properties
    config.jobDefinitions.hello.vcpus = 128; // container_properties' resourceRequirements
    config.jobDefinitions.hello.jobRoleStatements = [{ effect: 'Allow', actions: ['s3:*'], resources: ['*'] }]; // a policy document
    const flawed = bothFormats(new BatchStack(testApp(), 'dev', config), 'flawed dev');
    for (const stack of [...stacks, flawed]) {
      // As the doctor reads a cdk.tf (npm run doctor): its queue hints come from the `# queue:` comments.
      const fromHcl = await parseHcl('cdk.tf', stack.hcl);
      const summary = (json: TerraformJson) => runDoctor(json).map((f) => `${f.severity} ${f.rule} ${f.address}`);
      expect(summary(fromHcl), stack.id).toEqual(summary(stack.json as TerraformJson));
    }
    expect(runDoctor(await parseHcl('cdk.tf', flawed.hcl)).map((f) => f.rule)).toEqual(
      expect.arrayContaining(['BATCH_JOB_VCPU_ABOVE_MAX_VCPUS', 'BATCH_SEC_PRIVILEGED', 'BATCH_SEC_IAM_SERVICE_WILDCARD']),
    );
  });
});

const tf = terraformOrSkip('HCL output');

describe.skipIf(!tf)('HCL of every stack with the real provider', () => {
  let workspace: MultiStackWorkspace;
  let validation: ValidateResult;
  let fromNothing: Map<string, PlanJson>;
  let fromJsonState: Map<string, PlanJson>;
  let schemas: ResourceSchemas;

  beforeAll(async () => {
    schemas = await resourceSchemas();
    workspace = await MultiStackWorkspace.create(stacks.flatMap((s) => [{ id: `json:${s.id}`, tfJson: s.json }, { id: `hcl:${s.id}`, hcl: s.hcl }]));
    validation = await validate(workspace.dir);
    fromNothing = await workspace.plan();
    // The state each JSON plan leaves once applied; both formats planned against it.
    const states = new Map<string, StateFile>();
    for (const s of stacks) {
      const state = appliedState(fromNothing.get(`json:${s.id}`)!, s.json, schemas);
      states.set(`json:${s.id}`, state).set(`hcl:${s.id}`, state);
    }
    fromJsonState = await workspace.plan(states);
  }, 240_000);
  afterAll(() => workspace?.remove());

  it('every HCL file validates with no error and no warning', () => {
    const hclModules = new Set(stacks.map((s) => workspace.moduleAddress(`hcl:${s.id}`).replace('module.', '')));
    const inHcl = validation.diagnostics.filter((d) => hclModules.has(d.range?.filename.split('/')[0] ?? ''));
    expect(inHcl).toEqual([]);
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validation.valid).toBe(true);
  });

  it.each(ids)('%s: the HCL plans exactly the JSON\'s changes and outputs, from nothing', (id) => {
    expect(changes(fromNothing.get(`hcl:${id}`)!)).toEqual(changes(fromNothing.get(`json:${id}`)!));
    expect(changes(fromNothing.get(`json:${id}`)!).length).toBeGreaterThan(0);
    expect(fromNothing.get(`hcl:${id}`)!.output_changes).toEqual(fromNothing.get(`json:${id}`)!.output_changes);
    expect(Object.keys(fromNothing.get(`json:${id}`)!.output_changes ?? {}).length).toBeGreaterThan(0);
  });

  it.each(ids)('%s: against the state the JSON leaves, the HCL plans what the JSON plans, outputs included (references known)', (id) => {
    const hcl = fromJsonState.get(`hcl:${id}`)!;
    expect(changes(hcl)).toEqual(changes(fromJsonState.get(`json:${id}`)!));
    expect(hcl.output_changes).toEqual(fromJsonState.get(`json:${id}`)!.output_changes);
    // The values themselves are compared (outputs are re-exported as sensitive, which the plan marks but shows).
    expect(Object.values(hcl.output_changes ?? {}).filter((c) => typeof c.after === 'string' && c.after.startsWith('arn:aws:')).length).toBeGreaterThan(0);
    expect(hcl.resource_changes!.length).toBeGreaterThan(0);
    expect(hcl.resource_changes!.every((rc) => rc.change.before !== null)).toBe(true);
  });

  it('references inside JSON documents name string attributes: jsonencode writes them as the JSON text does', () => {
    const references = new Set<string>();
    for (const stack of stacks) {
      for (const { json } of documentPairs(stack.json, hclJson.get(stack.id)!)) {
        for (const [, ref] of json.matchAll(/\$\{([^}]*)\}/g)) references.add(ref!);
      }
    }
    expect(references.size).toBeGreaterThan(0);
    for (const ref of references) {
      const [type, , attribute] = ref.split('.');
      expect(resourceSchema(schemas, type!).block.attributes?.[attribute!]?.type, ref).toBe('string');
    }
  });

  it('terraform fmt would change nothing in any HCL file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batch-hcl-fmt-'));
    try {
      stacks.forEach((s, i) => writeFileSync(join(dir, `s${i}.tf`), s.hcl));
      const { stdout } = await terraform(['fmt', '-check', '-list=true', '-no-color', '.'], dir, [3]);
      expect(stdout.trim()).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Planned changes by address; everything Terraform records about each. */
function changes(plan: PlanJson): ResourceChange[] {
  return [...(plan.resource_changes ?? [])].sort((a, b) => (a.address < b.address ? -1 : 1));
}
