/**
 * GitHub Actions' OIDC identity provider and the two roles the workflows
 * assume: plan (pull requests; read-only) and apply (main branch and the
 * listed GitHub environments). No long-lived AWS keys are stored in GitHub.
 */
import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { named } from '../naming';
import { jsonDocument } from '../json-document';
import type { ResolvedBootstrapConfig } from './config';
import {
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_HOST,
  branchSubject,
  environmentSubject,
  githubTrustPolicy,
  pullRequestSubject,
  stateAccessPolicy,
} from './policies';

/** AWS-managed read access to every service: what `terraform plan` needs to refresh any resource. */
export const READ_ONLY_POLICY_ARN = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

export class GithubRoles extends Construct {
  readonly oidcProviderArn: string;
  readonly planRole: IamRole;
  readonly applyRole: IamRole;

  constructor(scope: Construct, id: string, config: ResolvedBootstrapConfig) {
    super(scope, id);
    const { repository } = config;

    this.oidcProviderArn =
      config.existingOidcProviderArn ??
      named(
        new IamOpenidConnectProvider(this, 'oidc', {
          url: `https://${GITHUB_OIDC_HOST}`,
          clientIdList: [GITHUB_OIDC_AUDIENCE],
          // No thumbprint_list: IAM verifies GitHub's certificate against its
          // own trusted CAs and ignores thumbprints for this provider.
        }),
        'github',
      ).arn;

    this.planRole = this.role('plan', config.planRoleName, [pullRequestSubject(repository)], `Plans pull requests of ${repository}`);
    named(new IamRolePolicyAttachment(this, 'plan-read-only', { role: this.planRole.name, policyArn: READ_ONLY_POLICY_ARN }), 'plan_read_only');
    this.statePolicy('plan', config.stateBucket);

    const applySubjects = [
      branchSubject(repository, config.mainBranch),
      ...config.applyEnvironments.map((environment) => environmentSubject(repository, environment)),
    ];
    this.applyRole = this.role('apply', config.applyRoleName, applySubjects, `Applies ${repository} from ${config.mainBranch} and its GitHub environments`);
    config.applyPolicyArns.forEach((policyArn, i) =>
      named(new IamRolePolicyAttachment(this, `apply-managed-${i}`, { role: this.applyRole.name, policyArn }), `apply_managed_${i}`),
    );
    this.statePolicy('apply', config.stateBucket);
  }

  private role(access: 'plan' | 'apply', name: string, subjects: string[], description: string): IamRole {
    return named(
      new IamRole(this, access, {
        name,
        description,
        assumeRolePolicy: jsonDocument(githubTrustPolicy(this.oidcProviderArn, subjects)),
        // A plan or an apply of one environment fits in an hour; tokens live no longer than the job needs.
        maxSessionDuration: 3600,
      }),
      access,
    );
  }

  private statePolicy(access: 'plan' | 'apply', bucket: string): void {
    const role = access === 'plan' ? this.planRole : this.applyRole;
    named(
      new IamRolePolicy(this, `${access}-state`, { role: role.id, name: 'terraform-state', policy: jsonDocument(stateAccessPolicy(bucket, access)) }),
      `${access}_state`,
    );
  }
}
