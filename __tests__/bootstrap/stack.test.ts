/**
 * The bootstrap stack: a state bucket nobody can read in clear or make
 * public, and roles that only the configured repository's pull requests
 * (plan) or its GitHub deployment environments (apply) can assume. What the
 * roles may do is in roles.test.ts.
 */
import { Testing } from 'cdktf';
import { scratchApp } from '../../test-support/terraform/scratch-app';
import { describe, expect, it } from 'vitest';
import { BootstrapStack } from '../../src/bootstrap/stack';
import { loadBootstrapConfig, type BootstrapConfig } from '../../src/bootstrap/config';
import { loadConfigFile } from '../../src/index';
import { ROOT } from '../support/synth';

const CONFIG: BootstrapConfig = {
  accountId: '123456789012',
  region: 'ap-northeast-1',
  repository: 'acme/batch',
  stateBucket: 'acme-tfstate-123456789012',
  stateKeys: ['batch/prod.tfstate'],
};

function synth(config: BootstrapConfig = CONFIG) {
  const json = Testing.synth(new BootstrapStack(scratchApp(), 'bootstrap', config));
  return JSON.parse(json) as { resource: Record<string, Record<string, any>>; terraform: any; output: Record<string, any> };
}

const policy = (text: string) => JSON.parse(text);
const trust = (stack: ReturnType<typeof synth>, role: string) => policy(stack.resource.aws_iam_role[role].assume_role_policy).Statement;

describe('state bucket', () => {
  const stack = synth();
  const r = stack.resource;

  it('is versioned, encrypted, ACL-free, fully blocked from public access, and never destroyed by Terraform', () => {
    expect(r.aws_s3_bucket.state).toMatchObject({ bucket: 'acme-tfstate-123456789012', force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(r.aws_s3_bucket_versioning.state.versioning_configuration).toEqual({ status: 'Enabled' });
    expect(r.aws_s3_bucket_server_side_encryption_configuration.state.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
    expect(r.aws_s3_bucket_public_access_block.state).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(r.aws_s3_bucket_ownership_controls.state.rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  it('denies every request that does not use TLS, on the bucket and its objects', () => {
    const statements = policy(r.aws_s3_bucket_policy.state_tls_only.policy).Statement;
    expect(statements).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::acme-tfstate-123456789012', 'arn:aws:s3:::acme-tfstate-123456789012/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  it('keeps its own state locally: the bucket cannot hold the state of the stack that creates it', () => {
    expect(stack.terraform.backend).toEqual({ local: { path: '../../../terraform.bootstrap.tfstate' } });
  });
});

describe('GitHub OIDC provider', () => {
  it("is GitHub Actions' issuer with the STS audience", () => {
    expect(synth().resource.aws_iam_openid_connect_provider.github).toMatchObject({
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
    });
  });

  it('is not created when the account already has one; the roles trust the existing one', () => {
    const arn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const stack = synth({ ...CONFIG, existingOidcProviderArn: arn });
    expect(stack.resource.aws_iam_openid_connect_provider).toBeUndefined();
    expect(trust(stack, 'plan')[0].Principal).toEqual({ Federated: arn });
    expect(trust(stack, 'apply')[0].Principal).toEqual({ Federated: arn });
  });
});

describe('trust policies', () => {
  const stack = synth();

  it('plan role: only pull requests of the configured repository, exact match, STS audience', () => {
    expect(trust(stack, 'plan')).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: '${aws_iam_openid_connect_provider.github.arn}' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:acme/batch:pull_request',
          },
        },
      },
    ]);
  });

  it('apply role: only jobs in the prod deployment environment of the configured repository, not a branch or any workflow', () => {
    expect(trust(stack, 'apply')).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: '${aws_iam_openid_connect_provider.github.arn}' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:acme/batch:environment:prod',
          },
        },
      },
    ]);
  });

  it('never uses wildcards or StringLike, which would let other branches or repositories in', () => {
    for (const role of ['plan', 'apply']) {
      const text = stack.resource.aws_iam_role[role].assume_role_policy as string;
      expect(text).not.toContain('StringLike');
      expect(text).not.toContain('*');
      expect(text).not.toContain(':ref:');
    }
  });

  it('follows the configured environments', () => {
    const custom = synth({ ...CONFIG, applyEnvironments: ['staging', 'prod'] });
    expect(trust(custom, 'apply')[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/batch:environment:staging',
      'repo:acme/batch:environment:prod',
    ]);
  });
});

describe('bootstrap config', () => {
  it('the shipped environments/bootstrap.json is valid and names the bucket prod keeps its state in', () => {
    const bootstrap = loadBootstrapConfig(`${ROOT}environments/bootstrap.json`);
    const prod = loadConfigFile(`${ROOT}environments/prod.json`);
    expect(prod.backend).toMatchObject({ type: 's3', bucket: bootstrap.stateBucket, region: bootstrap.region });
    expect(prod.accountId).toBe(bootstrap.accountId);
  });

  it('refuses a repository that is not owner/name, with the path and the value', () => {
    expect(() => synth({ ...CONFIG, repository: 'batch' })).toThrow(/repository: got "batch"; must be a GitHub repository as "owner\/name"/);
  });

  it('requires the state keys the plan role may read, and refuses keys that are not state files', () => {
    const { stateKeys: _, ...withoutKeys } = CONFIG;
    expect(() => synth(withoutKeys as BootstrapConfig)).toThrow(/stateKeys: missing: stateKeys is required\n +fix: add "stateKeys" to the top level of the config: the backend.key of every environment kept in stateBucket, e.g. \["batch\/prod.tfstate"\]/);
    expect(() => synth({ ...CONFIG, stateKeys: [] })).toThrow(/stateKeys: got \[\]; must list the backend.key of every environment kept in stateBucket/);
    expect(() => synth({ ...CONFIG, stateKeys: ['batch/*'] })).toThrow(/stateKeys\[0\]: got "batch\/\*"; must be an object key ending in .tfstate/);
  });

  it('refuses a wildcard repository', () => {
    expect(() => synth({ ...CONFIG, repository: 'acme/*' })).toThrow(/repository: got "acme\/\*"/);
  });
});
