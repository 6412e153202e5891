/**
 * The bootstrap stack and the prod environment planned offline with the
 * real AWS provider 5.100.0. prod also proves that the offline runner's
 * local-backend override replaces an S3 backend (tests never touch real state).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { scratchApp } from '../../test-support/terraform/scratch-app';
import { afterAll, describe, expect, it } from 'vitest';
import { countActions, init, plan, prepareStackDir, removeStackDirs } from '../../test-support/terraform/run';
import { BootstrapStack } from '../../src/bootstrap/stack';
import { loadBootstrapConfig } from '../../src/bootstrap/config';
import { loadConfigFile } from '../../src/index';
import { terraformOrSkip } from '../support/terraform';
import { ROOT, addresses, synth } from '../support/synth';

const tf = terraformOrSkip('bootstrap and prod plans');
afterAll(removeStackDirs);

function bootstrapJson(): any {
  return JSON.parse(Testing.synth(new BootstrapStack(scratchApp(), 'bootstrap', loadBootstrapConfig(`${ROOT}environments/bootstrap.json`))));
}

describe.skipIf(!tf).concurrent('planned with the real provider', () => {
  // No separate `validate`: it would start the provider once more, and plan reports the same errors.
  it('bootstrap: plans exactly its resources as creations', async () => {
    const json = bootstrapJson();
    const dir = await prepareStackDir(json);
    await init(dir);
    const planned = await plan(dir);
    const expected = Object.entries(json.resource as Record<string, object>).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)).sort();
    expect(planned.resource_changes!.map((c) => c.address).sort()).toEqual(expected);
    expect(countActions(planned)).toEqual({ create: expected.length });
  });

  it('prod: plans with its S3 backend replaced by the offline local one', async () => {
    const stack = synth(loadConfigFile(`${ROOT}environments/prod.json`), 'prod');
    expect(stack.terraform.backend.s3.use_lockfile).toBe(true);
    const dir = await prepareStackDir(JSON.parse(stack.json));
    await init(dir);
    // The stack file keeps the real backend; only the override file differs.
    expect(JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')).terraform.backend.s3.bucket).toBe('batch-cdktf-state-123456789012');
    const planned = await plan(dir);
    expect(countActions(planned)).toEqual({ create: addresses(stack).length });
  });
});
