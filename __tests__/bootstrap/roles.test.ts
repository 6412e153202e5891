/**
 * What the bootstrap's roles may do, decided request by request (a model of
 * IAM's evaluation, __tests__/support/iam-eval.ts) and checked against AWS's
 * own list of actions (__tests__/support/iam-data.ts):
 * - plan (any pull request): refresh every resource type the Batch stacks
 *   emit, read its state keys and take their lock files; read no data;
 * - apply (the deployment environments): administrator, capped by a
 *   permissions boundary that keeps the CI's own identities, the state
 *   bucket and the boundary itself out of reach.
 */
import { Testing } from 'cdktf';
import { scratchApp } from '../../test-support/terraform/scratch-app';
import { describe, expect, it } from 'vitest';
import { BootstrapStack } from '../../src/bootstrap/stack';
import type { BootstrapConfig } from '../../src/bootstrap/config';
import { DATA_READ_ACTIONS, OBJECT_READ_ACTIONS, PLAN_READ_ACTIONS, REFRESH_ACTIONS } from '../../src/bootstrap/plan-access';
import type { PolicyDocument } from '../../src/bootstrap/policies';
import { loadConfigFile } from '../../src/index';
import { ADMINISTRATOR_ACCESS, decide, type IamRequest } from '../support/iam-eval';
import { expand } from '../support/iam-data';
import { EXAMPLES, ROOT, loadExample, synth as synthBatch } from '../support/synth';

const ACCOUNT = '123456789012';
const BUCKET = 'acme-tfstate-123456789012';
const CONFIG: BootstrapConfig = {
  accountId: ACCOUNT,
  region: 'ap-northeast-1',
  repository: 'acme/batch',
  stateBucket: BUCKET,
  stateKeys: ['batch/prod.tfstate', 'batch/staging.tfstate'],
};

const stack = JSON.parse(Testing.synth(new BootstrapStack(scratchApp(), 'bootstrap', CONFIG))) as { resource: Record<string, Record<string, any>> };
const r = stack.resource;
const doc = (text: string) => JSON.parse(text) as PolicyDocument;
const inline = (role: string) =>
  Object.values(r.aws_iam_role_policy)
    .filter((p: any) => p.role === `\${aws_iam_role.${role}.id}`)
    .map((p: any) => doc(p.policy));
const managed = (role: string) => Object.values(r.aws_iam_role_policy_attachment).filter((a: any) => a.role === `\${aws_iam_role.${role}.name}`);

const PLAN = inline('plan');
const BOUNDARY = doc(r.aws_iam_policy.boundary.policy);
const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/github-batch-cdktf-apply-boundary`;
const APPLY_ROLE = `arn:aws:iam::${ACCOUNT}:role/github-batch-cdktf-apply`;
const PLAN_ROLE = `arn:aws:iam::${ACCOUNT}:role/github-batch-cdktf-plan`;
/** The apply role as deployed by default: AdministratorAccess and its state policy, under the boundary. */
const apply = (request: IamRequest) => decide({ ...request, context: { 'aws:PrincipalArn': APPLY_ROLE, ...request.context } }, [ADMINISTRATOR_ACCESS, ...inline('apply')], BOUNDARY);
const plan = (action: string, resource = '*') => decide({ action, resource }, PLAN);
const object = (key: string, bucket = BUCKET) => `arn:aws:s3:::${bucket}/${key}`;

/** Characters IAM counts against its size quotas: everything but whitespace. */
const size = (docs: readonly PolicyDocument[]) => docs.reduce((n, d) => n + JSON.stringify(d).replace(/\s/g, '').length, 0);

describe('plan role', () => {
  it('has no managed policy: ReadOnlyAccess would read every object, secret and log event in the account', () => {
    expect(managed('plan')).toEqual([]);
  });

  it('reads the listed state keys and their lock files, and no other object anywhere', () => {
    for (const key of ['batch/prod.tfstate', 'batch/staging.tfstate', 'batch/prod.tfstate.tflock']) expect([key, plan('s3:GetObject', object(key))]).toEqual([key, 'allow']);
    expect(plan('s3:ListBucket', `arn:aws:s3:::${BUCKET}`)).toBe('allow');
    // An explicit Deny: still refused if someone attaches ReadOnlyAccess to the role later.
    for (const target of [object('batch/dev.tfstate'), object('other/notes.txt'), object('part-0000.parquet', 'example-prod-datalake')]) {
      for (const action of OBJECT_READ_ACTIONS) expect([action, target, decide({ action, resource: target }, [...PLAN, ADMINISTRATOR_ACCESS])]).toEqual([action, target, 'deny']);
    }
  });

  it('takes and releases only the lock files of the listed keys (<key>.tflock), and never writes a state', () => {
    for (const action of ['s3:PutObject', 's3:DeleteObject']) {
      expect(plan(action, object('batch/prod.tfstate.tflock'))).toBe('allow');
      expect(plan(action, object('batch/staging.tfstate.tflock'))).toBe('allow');
      expect(plan(action, object('batch/prod.tfstate'))).toBe('implicit-deny');
      expect(plan(action, object('batch/dev.tfstate.tflock'))).toBe('implicit-deny');
      expect(plan(action, object('x.tflock'))).toBe('implicit-deny');
    }
  });

  it('may make every read call the provider makes to refresh the resources the Batch stacks emit', () => {
    for (const [type, actions] of Object.entries(REFRESH_ACTIONS)) for (const action of actions) expect([type, action, plan(action)]).toEqual([type, action, 'allow']);
  });

  it('is denied the calls that return data, even with AdministratorAccess attached', () => {
    for (const action of DATA_READ_ACTIONS) expect([action, decide({ action, resource: '*' }, [...PLAN, ADMINISTRATOR_ACCESS])]).toEqual([action, 'deny']);
  });

  it('changes nothing: no Write, Tagging or Permissions management action is allowed', async () => {
    for (const pattern of PLAN_READ_ACTIONS) {
      const actions = await expand(pattern);
      expect([pattern, actions.length > 0]).toEqual([pattern, true]);
      const writes = actions.filter((a) => a.accessLevel !== 'Read' && a.accessLevel !== 'List').map((a) => `${a.name} (${a.accessLevel})`);
      expect([pattern, writes]).toEqual([pattern, []]);
      const data = actions.filter((a) => [...DATA_READ_ACTIONS, ...OBJECT_READ_ACTIONS].some((d) => d.toLowerCase() === a.name.toLowerCase()));
      expect([pattern, data]).toEqual([pattern, []]);
    }
  });

  it('names only actions that exist (a typo would silently grant or deny nothing)', async () => {
    for (const action of [...Object.values(REFRESH_ACTIONS).flat(), ...DATA_READ_ACTIONS, ...OBJECT_READ_ACTIONS]) {
      expect([action, (await expand(action)).map((a) => a.name.toLowerCase())]).toEqual([action, [action.toLowerCase()]]);
    }
  });

  it('knows the read calls of every resource type any example or environment emits', () => {
    const configs = [...Object.keys(EXAMPLES).map((name) => [name, loadExample(name)] as const), ['prod', loadConfigFile(`${ROOT}environments/prod.json`)] as const];
    const types = new Set(configs.flatMap(([name, config]) => Object.keys(synthBatch(config, name).resource)));
    expect([...types].filter((t) => !REFRESH_ACTIONS[t])).toEqual([]);
    expect(types.size).toBeGreaterThan(20);
  });

  it('fits IAM\'s 10,240-character quota for a role\'s inline policies', () => {
    expect(size(PLAN)).toBeLessThan(10_240);
  });
});

describe('apply role', () => {
  it('is capped by the boundary policy the stack creates', () => {
    expect(r.aws_iam_role.apply.permissions_boundary).toBe('${aws_iam_policy.boundary.arn}');
    expect(r.aws_iam_policy.boundary.name).toBe('github-batch-cdktf-apply-boundary');
    expect(managed('apply').map((a: any) => a.policy_arn)).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
  });

  it('deploys the Batch stacks: creates resources, and roles that carry the boundary', () => {
    expect(apply({ action: 'batch:CreateComputeEnvironment', resource: '*' })).toBe('allow');
    expect(apply({ action: 'ec2:CreateVpc', resource: '*' })).toBe('allow');
    const role = `arn:aws:iam::${ACCOUNT}:role/batch-prod-job-etl`;
    const bounded = { 'iam:PermissionsBoundary': BOUNDARY_ARN };
    for (const action of ['iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy']) {
      expect([action, apply({ action, resource: role, context: bounded })]).toEqual([action, 'allow']);
    }
    expect(apply({ action: 'iam:PassRole', resource: role })).toBe('allow');
    expect(apply({ action: 'iam:DeleteRole', resource: role, context: bounded })).toBe('allow');
    expect(apply({ action: 's3:PutObject', resource: object('batch/prod.tfstate') })).toBe('allow');
  });

  it('cannot create a role or user without the boundary, swap it, remove it, or grant to a principal without it', () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/anything`;
    for (const context of [{}, { 'iam:PermissionsBoundary': `arn:aws:iam::${ACCOUNT}:policy/other` }] as Record<string, string>[]) {
      for (const action of ['iam:CreateRole', 'iam:CreateUser', 'iam:PutRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:AttachUserPolicy', 'iam:PutUserPolicy']) {
        expect([action, context, apply({ action, resource: role, context })]).toEqual([action, context, 'deny']);
      }
    }
    for (const action of ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary']) expect(apply({ action, resource: role, context: { 'iam:PermissionsBoundary': BOUNDARY_ARN } })).toBe('deny');
  });

  it('cannot change the CI identities: the plan and apply roles and the boundary policy (reading them is fine)', () => {
    for (const target of [APPLY_ROLE, PLAN_ROLE, BOUNDARY_ARN]) {
      for (const action of ['iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRole', 'iam:TagRole', 'iam:PassRole', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy', 'sts:AssumeRole']) {
        expect([action, target, apply({ action, resource: target, context: { 'iam:PermissionsBoundary': BOUNDARY_ARN } })]).toEqual([action, target, 'deny']);
      }
      expect(apply({ action: 'iam:GetRole', resource: target })).toBe('allow');
    }
  });

  it('cannot add or change identity providers, or mint long-lived credentials', () => {
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    for (const action of ['iam:CreateOpenIDConnectProvider', 'iam:UpdateOpenIDConnectProviderThumbprint', 'iam:AddClientIDToOpenIDConnectProvider', 'iam:DeleteOpenIDConnectProvider', 'iam:CreateSAMLProvider']) {
      expect([action, apply({ action, resource: provider })]).toEqual([action, 'deny']);
    }
    for (const action of ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:CreateServiceSpecificCredential']) {
      expect([action, apply({ action, resource: `arn:aws:iam::${ACCOUNT}:user/admin` })]).toEqual([action, 'deny']);
    }
  });

  it("cannot change the state bucket's settings or delete old state versions, only read and write state", () => {
    const bucket = `arn:aws:s3:::${BUCKET}`;
    for (const action of ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:DeleteBucket', 's3:PutBucketVersioning', 's3:PutEncryptionConfiguration', 's3:PutBucketPublicAccessBlock', 's3:PutBucketOwnershipControls', 's3:PutLifecycleConfiguration']) {
      expect([action, apply({ action, resource: bucket })]).toEqual([action, 'deny']);
      expect([action, apply({ action, resource: 'arn:aws:s3:::some-other-bucket' })]).toEqual([action, 'allow']);
    }
    expect(apply({ action: 's3:ListBucket', resource: bucket })).toBe('allow');
    expect(apply({ action: 's3:DeleteObjectVersion', resource: object('batch/prod.tfstate') })).toBe('deny');
    expect(apply({ action: 's3:DeleteObject', resource: object('batch/prod.tfstate.tflock') })).toBe('allow');
  });

  it('cannot assume another role (one trusting the account would carry it past the boundary); roles it creates still can', () => {
    expect(apply({ action: 'sts:AssumeRole', resource: 'arn:aws:iam::210987654321:role/anything' })).toBe('deny');
    // The same boundary on a job role the apply role created: its own cross-account AssumeRole is the job's business.
    const job = decide(
      { action: 'sts:AssumeRole', resource: 'arn:aws:iam::210987654321:role/reader', context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/batch-prod-job-etl` } },
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::210987654321:role/reader' }] }],
      BOUNDARY,
    );
    expect(job).toBe('allow');
  });

  it('cannot blind CloudTrail, close the account or leave the organization', () => {
    for (const action of ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'account:CloseAccount', 'organizations:LeaveOrganization']) {
      expect([action, apply({ action, resource: '*' })]).toEqual([action, 'deny']);
    }
  });

  it('boundary: every action it names exists, and every conditioned Deny uses a key its actions take', async () => {
    for (const s of BOUNDARY.Statement) {
      for (const pattern of [s.Action ?? [], s.NotAction ?? []].flat()) {
        if (pattern !== '*') expect([s.Sid, pattern, (await expand(pattern)).length > 0]).toEqual([s.Sid, pattern, true]);
      }
      const keys = Object.values(s.Condition ?? {}).flatMap((k) => Object.keys(k)).filter((k) => !k.startsWith('aws:'));
      for (const key of keys) {
        for (const pattern of [s.Action ?? []].flat()) {
          for (const action of await expand(pattern)) expect([s.Sid, action.name, action.conditionKeys.includes(key)]).toEqual([s.Sid, action.name, true]);
        }
      }
    }
  });

  it("fits IAM's 6,144-character quota for a managed policy", () => {
    expect(size([BOUNDARY])).toBeLessThan(6_144);
  });
});
