/**
 * The bootstrap stack's config (environments/bootstrap.json): what is
 * created once per AWS account so that pull requests can plan and the main
 * branch can apply.
 */
import { z } from 'zod';
import { ConfigError, formatPath, show } from '../config/errors';
import { loadConfigFile } from '../config/load';
import { inputProblems } from '../config/checks/input';
import { missingField } from '../config/schema-problems';

const ROLE_NAME = z.string().regex(/^[A-Za-z0-9+=,.@_-]{1,64}$/, { message: 'must be an IAM role name (at most 64 letters, digits and +=,.@_-)' });

export const BootstrapConfigSchema = z.strictObject({
  /** The account the bootstrap is for; the provider refuses any other. */
  accountId: z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id' }),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region such as ap-northeast-1' }),
  /** The only GitHub repository whose workflows may assume the roles, "owner/name". */
  repository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, { message: 'must be a GitHub repository as "owner/name"' }),
  /** Name of the state bucket; S3 names are global, so include the account id or a company prefix. */
  stateBucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' }),
  /**
   * The state keys (`backend.key`) of the environments kept in `stateBucket`.
   * The plan role may read these and take their lock files, nothing else in
   * the bucket; main.ts refuses an environment whose key is missing here.
   */
  stateKeys: z
    .array(z.string().max(1024).regex(/^[^/].*\.tfstate$/, { message: 'must be an object key ending in .tfstate, e.g. batch/prod.tfstate' }))
    .min(1, { message: 'must list the backend.key of every environment kept in stateBucket, e.g. ["batch/prod.tfstate"]' }),
  /**
   * GitHub environments whose jobs may apply: the apply role trusts a token
   * only with the subject `repo:<repo>:environment:<name>` of one of these.
   * Each must exist in the repository with a deployment-branch rule that
   * allows only the main branch (README, one-time setup). @default ["prod"]
   */
  applyEnvironments: z.array(z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/, { message: 'must be a GitHub environment name' })).default(['prod']),
  planRoleName: ROLE_NAME.default('github-batch-cdktf-plan'),
  applyRoleName: ROLE_NAME.default('github-batch-cdktf-apply'),
  /**
   * Managed policies of the apply role. The stacks create VPCs, IAM roles and
   * Batch resources, which no narrower AWS-managed policy covers; the role's
   * permissions boundary (`<applyRoleName>-boundary`) caps whatever is given.
   * @default ["arn:aws:iam::aws:policy/AdministratorAccess"]
   */
  applyPolicyArns: z
    .array(z.string().regex(/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/, { message: 'must be an IAM policy ARN' }))
    .min(1)
    .default(['arn:aws:iam::aws:policy/AdministratorAccess']),
  /**
   * An account holds one OIDC provider per URL: when GitHub's is already
   * there (another project made it), give its ARN and it is used, not created.
   * @default created by this stack
   */
  existingOidcProviderArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/, { message: "must be the ARN of GitHub's OIDC provider" })
    .optional(),
  tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
});

export type BootstrapConfig = z.input<typeof BootstrapConfigSchema>;

/** What to put in each field the bootstrap config requires, for the error when it is missing. */
const REQUIRED_FIELD_HINTS: Readonly<Record<RequiredKeys<BootstrapConfig>, string>> = {
  accountId: 'the 12-digit id of the AWS account to bootstrap, e.g. "123456789012"',
  region: 'the AWS region of the state bucket and of the environments, e.g. "ap-northeast-1"',
  repository: 'the GitHub repository whose workflows may plan and apply, as "owner/name"',
  stateBucket: 'a name for the Terraform state bucket, unique across S3, e.g. "batch-cdktf-state-123456789012"',
  stateKeys: 'the backend.key of every environment kept in stateBucket, e.g. ["batch/prod.tfstate"]',
};
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
export type ResolvedBootstrapConfig = z.output<typeof BootstrapConfigSchema>;

/** Validates and applies defaults. Throws ConfigError listing every problem. */
export function parseBootstrapConfig(input: unknown, source = '"bootstrap"'): ResolvedBootstrapConfig {
  // A __proto__ key or spaces around an ARN (applyPolicyArns...), as in an environment's config.
  const raw = inputProblems(input);
  const parsed = BootstrapConfigSchema.safeParse(input);
  if (parsed.success && raw.length === 0) return parsed.data;
  throw new ConfigError(
    source,
    [...raw, ...(parsed.error?.issues ?? []).filter((issue) => !raw.some((r) => r.path === formatPath(issue.path))).map((issue) => {
      const path = formatPath(issue.path);
      const value = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], input);
      const hint = issue.path.length === 1 ? REQUIRED_FIELD_HINTS[issue.path[0] as keyof typeof REQUIRED_FIELD_HINTS] : undefined;
      if (value === undefined && hint !== undefined) return missingField(issue.path, hint);
      return { path, message: `got ${show(value)}; ${issue.message}`, fix: `set ${path || 'the config'} as the README's "Working in pull requests" section shows` };
    })],
  );
}

/** The name of the permissions boundary of the apply role and of every role CI deploys. */
export const boundaryPolicyName = (config: ResolvedBootstrapConfig) => `${config.applyRoleName}-boundary`;

export function loadBootstrapConfig(path: string): ResolvedBootstrapConfig {
  return parseBootstrapConfig(loadConfigFile(path), path);
}
