/**
 * State per environment: local unless the config names an S3 bucket; with
 * S3, encrypted and locked by Terraform's own lock file (no DynamoDB).
 */
import { describe, expect, it } from 'vitest';
import { baseConfig, loadExample, synth } from '../support/synth';
import { loadConfigFile } from '../../src/index';
import { ROOT } from '../support/synth';

const S3 = { type: 's3', bucket: 'acme-tfstate-123456789012', key: 'batch/prod.tfstate', region: 'ap-northeast-1' } as const;

describe('state backend', () => {
  it('is local by default, next to the project, by a relative path', () => {
    expect(synth(baseConfig(), 'dev').terraform.backend).toEqual({ local: { path: '../../../terraform.dev.tfstate' } });
  });

  it('is S3 with encryption and use_lockfile when the config names a bucket, and no DynamoDB table', () => {
    const backend = synth(baseConfig({ backend: S3 }), 'prod').terraform.backend;
    expect(backend).toEqual({
      s3: { bucket: 'acme-tfstate-123456789012', key: 'batch/prod.tfstate', region: 'ap-northeast-1', encrypt: true, use_lockfile: true },
    });
    expect(JSON.stringify(backend)).not.toMatch(/dynamodb/i);
  });

  it.each([
    ['dev', 'environments/dev.json', { local: { path: '../../../terraform.dev.tfstate' } }],
    ['prod', 'environments/prod.json', { s3: { bucket: 'batch-cdktf-state-123456789012', key: 'batch/prod.tfstate', region: 'ap-northeast-1', encrypt: true, use_lockfile: true } }],
  ])('shipped environment %s: its own config and backend', (env, file, expected) => {
    expect(synth(loadConfigFile(`${ROOT}${file}`), env).terraform.backend).toEqual(expected);
  });

  it('dev and prod are different stacks of different configs', () => {
    const dev = synth(loadExample('default'), 'dev');
    const prod = synth(loadConfigFile(`${ROOT}environments/prod.json`), 'prod');
    expect(Object.keys(prod.resource.aws_batch_job_queue).sort()).toEqual(['bulk', 'critical', 'light']);
    expect(prod.resource.aws_nat_gateway).toBeDefined();
    expect(dev.resource.aws_nat_gateway).toBeUndefined();
  });

  it.each([
    [{ ...S3, key: 'prod.json' }, /backend\.key: got "prod\.json"; must be an object key ending in \.tfstate/],
    [{ ...S3, bucket: 'Bad_Bucket' }, /backend\.bucket: got "Bad_Bucket"; must be an S3 bucket name/],
    [{ ...S3, type: 'gcs' }, /backend\.type: got "gcs"/],
    [{ ...S3, dynamodb_table: 'locks' }, /backend/],
  ])('refuses a bad backend %o', (backend, message) => {
    expect(() => synth(baseConfig({ backend: backend as never }))).toThrow(message);
  });
});
