import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  OVERRIDE_FILE,
  STACK_FILE,
  TerraformError,
  changesByAddress,
  countActions,
  init,
  plan,
  prepareStackDir,
  removeStackDirs,
  validate,
} from '../../../test-support/terraform/run.js';
import { MultiStackWorkspace } from '../../../test-support/terraform/workspace.js';
import { batchFixture } from './fixtures.js';
import { terraformOrSkip, terraformRequired } from '../../support/terraform.js';

const tf = terraformOrSkip('terraform/run');
afterAll(removeStackDirs);

/** The smallest stack shaped like cdktf output: a guarded provider, a remote backend, one role. */
function stack(role: Record<string, unknown> = {}) {
  return {
    terraform: {
      required_providers: { aws: { source: 'aws', version: '5.100.0' } },
      backend: { s3: { bucket: 'real-state-bucket', key: 'batch.tfstate', region: 'eu-west-1' } },
    },
    provider: {
      aws: [
        {
          region: 'eu-west-1',
          allowed_account_ids: ['123456789012'],
          assume_role: [{ role_arn: 'arn:aws:iam::123456789012:role/deployer' }],
        },
      ],
    },
    resource: {
      aws_iam_role: {
        batch_instance: {
          name: 'batch-instance',
          assume_role_policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }],
          }),
          ...role,
        },
      },
    },
  };
}

describe('terraform support gate', () => {
  it('skips without terraform, but fails when terraform is required', () => {
    const env = { PATH: '/nonexistent' };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(terraformOrSkip('gate', env)).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^SKIPPED gate: .*terraform is not on PATH/));
    warn.mockRestore();
    expect(() => terraformOrSkip('gate', { ...env, CI: 'true' })).toThrow(/terraform is not on PATH/);
    expect(terraformRequired({ REQUIRE_TERRAFORM: '1' })).toBe(true);
  });
});

describe('prepareStackDir', () => {
  it('keeps fake credentials out of the stack JSON and overrides the backend and account guard', async () => {
    const dir = await prepareStackDir(stack());
    const written = readFileSync(join(dir, STACK_FILE), 'utf8');
    const override = JSON.parse(readFileSync(join(dir, OVERRIDE_FILE), 'utf8'));
    expect(written).not.toMatch(/AKIA|skip_/);
    expect(written).toContain('allowed_account_ids');
    expect(written).not.toContain('assume_role"'); // removed: an override cannot delete a block
    expect(override.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
    expect(override.provider.aws[0]).toMatchObject({ skip_credentials_validation: true, allowed_account_ids: null });
  });
});

// Concurrent: each test has its own dir, and terraform is CPU-bound on a provider start.
describe.skipIf(!tf).concurrent('offline terraform (real AWS provider 5.100.0)', () => {
  it('inits, validates and plans one create for a guarded stack with a remote backend', async () => {
    const dir = await prepareStackDir(stack());
    await init(dir);
    const result = await validate(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);

    const planned = await plan(dir);
    expect(countActions(planned)).toEqual({ create: 1 });
    expect(changesByAddress(planned)).toEqual({ 'aws_iam_role.batch_instance': 'create' });
  });

  it('surfaces a validate error with its diagnostic', async () => {
    const dir = await prepareStackDir(stack({ max_session_duration: 'one hour' }));
    await init(dir);
    const result = await validate(dir);
    expect(result.valid).toBe(false);
    expect(result.errorCount).toBe(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'Incorrect attribute value type' });
    expect(result.diagnostics[0]?.detail).toMatch(/"max_session_duration": a number is required/);
    expect(result.diagnostics[0]?.range?.filename).toBe(STACK_FILE);
  });

  it('throws with terraform stderr when a plan fails', async () => {
    const dir = await prepareStackDir(stack({ name: 'x'.repeat(65) }));
    await init(dir);
    const failure = await plan(dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TerraformError);
    expect((failure as TerraformError).stderr).toMatch(/expected length of name to be in the range \(1 - 64\)/);
  });

  it('plans a stack as a child module of a multi-stack workspace exactly as at the root', async () => {
    const tfJson = batchFixture();
    const dir = await prepareStackDir(tfJson);
    await init(dir);
    const [atRoot, workspace] = await Promise.all([plan(dir), MultiStackWorkspace.create([{ id: 'only', tfJson }])]);
    const inModule = (await workspace.plan().finally(() => workspace.remove())).get('only')!;
    const shape = (p: typeof atRoot) => p.resource_changes!.map(({ address, change }) => ({ address, change: { actions: change.actions, after: change.after, after_unknown: change.after_unknown } }));
    expect(shape(inModule)).toEqual(shape(atRoot));
    expect(inModule.resource_changes!.length).toBe(6);
  });
});
