/** Checks across the environments of one app: valid each on its own, colliding once both are deployed. */
import { describe, expect, it } from 'vitest';
import { environmentErrors, type AppEnvironment } from '../../../src/config/checks/environments';
import { parseConfig, type BatchConfig } from '../../../src/index';
import { baseConfig } from '../../support/synth';

const env = (id: string, config: BatchConfig): AppEnvironment => ({ id, file: `environments/${id}.json`, config: parseConfig(config) });
const backend = (key: string) => ({ type: 's3' as const, bucket: 'state-123456789012', key, region: 'ap-northeast-1' });

describe('environmentErrors', () => {
  it('refuses two environments with the same name in one account and region, naming the later file and the earlier one', () => {
    const errors = environmentErrors([env('dev', baseConfig({ name: 'batch' })), env('prod', baseConfig({ name: 'batch' }))]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.source).toBe('environments/prod.json, stack "prod"');
    expect(errors[0]!.problems).toEqual([
      {
        path: 'name',
        message:
          'got "batch", the same as environments/dev.json, stack "dev" in account 123456789012: both stacks would create the IAM roles batch-execution, batch-instance... (IAM names are account-wide, whatever the region), and in ap-northeast-1 the same job queues, job definitions, compute environment prefixes and log group /aws/batch/batch; the second apply fails with EntityAlreadyExists, or takes over the other stack\'s resources',
        fix: 'give each environment its own "name", e.g. "batch-prod"',
      },
    ]);
  });

  it('refuses the same name in another region of the same account too: IAM names are global', () => {
    const [error] = environmentErrors([env('dev', baseConfig({ name: 'batch-dev' })), env('prod', baseConfig({ name: 'batch-dev', region: 'us-east-1', availabilityZones: ['us-east-1a', 'us-east-1b'], network: { mode: 'nat' } }))]);
    expect(error!.problems[0]!.message).toContain('(IAM names are account-wide, whatever the region); the second apply');
    expect(error!.problems[0]!.fix).toBe('give each environment its own "name", e.g. "batch-prod"');
  });

  it('accepts the same name in another account', () => {
    expect(environmentErrors([env('dev', baseConfig({ name: 'batch' })), env('prod', baseConfig({ name: 'batch', accountId: '210987654321' }))])).toEqual([]);
  });

  it('refuses two environments sharing one S3 state object', () => {
    const [error] = environmentErrors([env('dev', baseConfig({ name: 'a', backend: backend('batch/x.tfstate') })), env('prod', baseConfig({ name: 'b', backend: backend('batch/x.tfstate') }))]);
    expect(error!.problems).toEqual([expect.objectContaining({ path: 'backend.key', fix: 'give each environment its own state key, e.g. "batch/prod.tfstate"' })]);
  });

  it('accepts the shipped environments together', async () => {
    const { loadConfigFile } = await import('../../../src/index');
    const { ROOT } = await import('../../support/synth');
    const shipped = ['dev', 'prod'].map((id) => ({ id, file: `environments/${id}.json`, config: parseConfig(loadConfigFile(`${ROOT}environments/${id}.json`)) }));
    expect(environmentErrors(shipped)).toEqual([]);
  });
});
