/**
 * IAM and bucket policy documents of the bootstrap stack, as plain data so
 * the conditions that keep other repositories and branches out can be read
 * and tested on their own.
 */

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The audience aws-actions/configure-aws-credentials requests by default. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: unknown;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

/** The subject GitHub puts in a pull request workflow's token. */
export const pullRequestSubject = (repository: string) => `repo:${repository}:pull_request`;
/** A push to `branch`, with no GitHub environment on the job. */
export const branchSubject = (repository: string, branch: string) => `repo:${repository}:ref:refs/heads/${branch}`;
/** A job that names a GitHub environment: its subject names the environment instead of the branch. */
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

/**
 * Access to the state bucket. Plan reads state and, because the backends
 * set `use_lockfile`, takes the lock: it writes and deletes only `*.tflock`
 * objects. Apply also writes the state itself.
 */
export function stateAccessPolicy(bucket: string, access: 'plan' | 'apply'): PolicyDocument {
  const objects = `${bucketArn(bucket)}/*`;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ListState', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn(bucket) },
      { Sid: 'ReadState', Effect: 'Allow', Action: 's3:GetObject', Resource: objects },
      {
        Sid: access === 'plan' ? 'LockState' : 'WriteStateAndLock',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:DeleteObject'],
        Resource: access === 'plan' ? `${bucketArn(bucket)}/*.tflock` : objects,
      },
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
