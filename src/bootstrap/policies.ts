/**
 * IAM and bucket policy documents of the bootstrap stack, as plain data so
 * the conditions that keep other repositories and branches out can be read
 * and tested on their own.
 */

import { DATA_READ_ACTIONS, OBJECT_READ_ACTIONS, PLAN_READ_ACTIONS } from './plan-access';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The audience aws-actions/configure-aws-credentials requests by default. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: unknown;
  /** Exactly one of Action and NotAction. */
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  /** At most one of Resource and NotResource (none in a trust policy). */
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

/**
 * The subject GitHub puts in the token of a pull request workflow's job that
 * names no environment (docs/aws-batch-facts.md#github-oidc-subjects).
 */
export const pullRequestSubject = (repository: string) => `repo:${repository}:pull_request`;
/**
 * A job that names a GitHub environment, whatever its event or branch: the
 * environment's deployment-branch rule is what keeps other branches out.
 */
export const environmentSubject = (repository: string, environment: string) => `repo:${repository}:environment:${environment}`;

/**
 * Trust for GitHub Actions' OIDC tokens with exactly these subjects.
 * StringEquals, not StringLike: a wildcard in a subject is how other
 * branches, forks' pull requests or other repositories get in.
 */
export function githubTrustPolicy(oidcProviderArn: string, subjects: readonly string[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
            [`${GITHUB_OIDC_HOST}:sub`]: subjects.length === 1 ? subjects[0]! : [...subjects],
          },
        },
      },
    ],
  };
}

const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
const objectArn = (bucket: string, key: string) => `${bucketArn(bucket)}/${key}`;

/**
 * Terraform's S3 lock file of a state key: `<key>.tflock`, written with a
 * conditional PutObject, read back (GetObject) and deleted (DeleteObject) on
 * unlock (docs/aws-batch-facts.md#terraform-s3-lock-file).
 */
export const lockKey = (stateKey: string) => `${stateKey}.tflock`;

/** The ARN of the permissions boundary the bootstrap stack creates. */
export const boundaryPolicyArn = (accountId: string, name: string) => `arn:aws:iam::${accountId}:policy/${name}`;
const roleArn = (accountId: string, name: string) => `arn:aws:iam::${accountId}:role/${name}`;

/**
 * The plan role's state access: list the bucket, read the listed state keys,
 * take and release their lock files; nothing else in the bucket, and no
 * object read anywhere else (an explicit Deny, so a policy attached later
 * cannot widen it).
 */
export function planStatePolicy(bucket: string, stateKeys: readonly string[]): PolicyDocument {
  const states = stateKeys.map((key) => objectArn(bucket, key));
  const locks = stateKeys.map((key) => objectArn(bucket, lockKey(key)));
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ListState', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn(bucket) },
      { Sid: 'ReadState', Effect: 'Allow', Action: 's3:GetObject', Resource: [...states, ...locks] },
      { Sid: 'LockState', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: locks },
      { Sid: 'DenyObjectReadsOutsideState', Effect: 'Deny', Action: [...OBJECT_READ_ACTIONS], NotResource: [...states, ...locks] },
    ],
  };
}

/** The apply role reads and writes the state and its lock files anywhere in the bucket. */
export function applyStatePolicy(bucket: string): PolicyDocument {
  const objects = `${bucketArn(bucket)}/*`;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ListState', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn(bucket) },
      { Sid: 'ReadState', Effect: 'Allow', Action: 's3:GetObject', Resource: objects },
      { Sid: 'WriteStateAndLock', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: objects },
    ],
  };
}

/**
 * What a plan reads besides its state: the configuration of the resources
 * it refreshes, never the data in them (src/bootstrap/plan-access.ts).
 */
export function planReadPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'RefreshResources', Effect: 'Allow', Action: [...PLAN_READ_ACTIONS], Resource: '*' },
      { Sid: 'DenyDataReads', Effect: 'Deny', Action: [...DATA_READ_ACTIONS], Resource: '*' },
    ],
  };
}

export interface BoundaryScope {
  readonly accountId: string;
  /** The name of the boundary policy itself. */
  readonly boundaryName: string;
  readonly stateBucket: string;
  readonly planRoleName: string;
  readonly applyRoleName: string;
}

/**
 * The permissions boundary of the apply role and of every role it creates.
 * A boundary grants nothing; it caps what the role's own policies grant
 * (AdministratorAccess by default), and its Deny statements hold whatever is
 * attached later. What a deploy, or a job running with a role it made, must
 * never do (docs/aws-batch-facts.md#permissions-boundary):
 * - change the CI's own identities: the plan and apply roles and this policy;
 * - add, change or remove an identity provider (a new way in);
 * - make a role or user without this boundary, remove it or swap it for another,
 *   or grant anything to a role or user that lacks it (escalation out of the cap);
 * - mint long-lived user credentials (the setup stores none);
 * - change the state bucket's settings (policy, versioning, encryption, public
 *   access, deletion) or delete old state versions (the way back from a bad apply);
 * - stop or rewrite CloudTrail, close the account or leave the organization;
 * - and, for the apply role, assume another role (one that trusts the account
 *   would carry it past the boundary).
 * Role and policy ARNs are built from names: referencing the resources would
 * make the policy depend on the role that depends on it.
 */
export function permissionsBoundaryPolicy(scope: BoundaryScope): PolicyDocument {
  const self = boundaryPolicyArn(scope.accountId, scope.boundaryName);
  const applyRole = roleArn(scope.accountId, scope.applyRoleName);
  const withoutThisBoundary = { StringNotEquals: { 'iam:PermissionsBoundary': self } };
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CapOnly', Effect: 'Allow', Action: '*', Resource: '*' },
      {
        Sid: 'DenyChangingCIIdentities',
        Effect: 'Deny',
        NotAction: ['iam:Get*', 'iam:List*'],
        Resource: [roleArn(scope.accountId, scope.planRoleName), applyRole, self],
      },
      {
        Sid: 'DenyIdentityProviders',
        Effect: 'Deny',
        Action: [
          'iam:CreateOpenIDConnectProvider',
          'iam:DeleteOpenIDConnectProvider',
          'iam:UpdateOpenIDConnectProviderThumbprint',
          'iam:AddClientIDToOpenIDConnectProvider',
          'iam:RemoveClientIDFromOpenIDConnectProvider',
          'iam:TagOpenIDConnectProvider',
          'iam:UntagOpenIDConnectProvider',
          'iam:CreateSAMLProvider',
          'iam:UpdateSAMLProvider',
          'iam:DeleteSAMLProvider',
          'iam:TagSAMLProvider',
          'iam:UntagSAMLProvider',
        ],
        Resource: '*',
      },
      {
        Sid: 'DenyPrincipalsWithoutThisBoundary',
        Effect: 'Deny',
        Action: ['iam:CreateRole', 'iam:CreateUser', 'iam:PutRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary'],
        Resource: '*',
        Condition: withoutThisBoundary,
      },
      {
        Sid: 'DenyGrantsToUnboundedPrincipals',
        Effect: 'Deny',
        Action: ['iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:AttachUserPolicy', 'iam:PutUserPolicy'],
        Resource: '*',
        Condition: withoutThisBoundary,
      },
      { Sid: 'DenyBoundaryRemoval', Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'], Resource: '*' },
      {
        Sid: 'DenyLongLivedCredentials',
        Effect: 'Deny',
        Action: ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:CreateServiceSpecificCredential'],
        Resource: '*',
      },
      { Sid: 'DenyStateBucketSettings', Effect: 'Deny', NotAction: ['s3:List*', 's3:Get*'], Resource: bucketArn(scope.stateBucket) },
      { Sid: 'KeepStateHistory', Effect: 'Deny', Action: 's3:DeleteObjectVersion', Resource: `${bucketArn(scope.stateBucket)}/*` },
      {
        Sid: 'DenyAuditAndAccountChanges',
        Effect: 'Deny',
        Action: ['cloudtrail:DeleteTrail', 'cloudtrail:StopLogging', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'account:CloseAccount', 'organizations:LeaveOrganization'],
        Resource: '*',
      },
      { Sid: 'DenyApplyRoleAssumingRoles', Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': applyRole } } },
    ],
  };
}

/** Refuses every request to the bucket that does not come over TLS. */
export function tlsOnlyBucketPolicy(bucket: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn(bucket), `${bucketArn(bucket)}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}
