/**
 * GitHub Actions' OIDC identity provider and the two roles the workflows
 * assume: plan (pull requests; reads configuration and the state, never
 * data) and apply (the listed GitHub environments only; administrator under
 * a permissions boundary). No long-lived AWS keys are stored in GitHub.
 */
import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { named } from '../stack/terraform-ids';
import { jsonDocument } from '../hcl/json-document';
import { boundaryPolicyName, type ResolvedBootstrapConfig } from './config';
import {
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_HOST,
  applyStatePolicy,
  environmentSubject,
  githubTrustPolicy,
  permissionsBoundaryPolicy,
  planReadPolicy,
  planStatePolicy,
  pullRequestSubject,
  type PolicyDocument,
} from './policies';

export class GithubRoles extends Construct {
  readonly oidcProviderArn: string;
  readonly planRole: IamRole;
  readonly applyRole: IamRole;
  /** The boundary of the apply role; environments deployed by it give it to every role they create. */
  readonly boundary: IamPolicy;

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

    // Any branch author's pull request can assume this role: it reads what a
    // plan refreshes and the state, and takes the state's lock, nothing more.
    this.planRole = this.role('plan', config.planRoleName, [pullRequestSubject(repository)], `Plans pull requests of ${repository}`);
    this.inlinePolicy('plan', 'state', 'terraform-state', planStatePolicy(config.stateBucket, config.stateKeys));
    this.inlinePolicy('plan', 'refresh', 'refresh', planReadPolicy());

    const boundaryName = boundaryPolicyName(config);
    this.boundary = named(
      new IamPolicy(this, 'boundary', {
        name: boundaryName,
        description: `Permissions boundary of ${config.applyRoleName} and of every role it creates`,
        policy: jsonDocument(
          permissionsBoundaryPolicy({
            accountId: config.accountId,
            boundaryName,
            stateBucket: config.stateBucket,
            planRoleName: config.planRoleName,
            applyRoleName: config.applyRoleName,
          }),
        ),
      }),
      'boundary',
    );
    // Only jobs running in one of these GitHub environments: the environment's
    // deployment-branch rule (main only) and reviewers guard who gets here.
    const applySubjects = config.applyEnvironments.map((environment) => environmentSubject(repository, environment));
    this.applyRole = this.role(
      'apply',
      config.applyRoleName,
      applySubjects,
      `Applies ${repository} from its GitHub environments ${config.applyEnvironments.join(', ')}`,
      this.boundary.arn,
    );
    config.applyPolicyArns.forEach((policyArn, i) =>
      named(new IamRolePolicyAttachment(this, `apply-managed-${i}`, { role: this.applyRole.name, policyArn }), `apply_managed_${i}`),
    );
    this.inlinePolicy('apply', 'state', 'terraform-state', applyStatePolicy(config.stateBucket));
  }

  private role(access: 'plan' | 'apply', name: string, subjects: string[], description: string, permissionsBoundary?: string): IamRole {
    return named(
      new IamRole(this, access, {
        name,
        description,
        assumeRolePolicy: jsonDocument(githubTrustPolicy(this.oidcProviderArn, subjects)),
        // A plan or an apply of one environment fits in an hour; tokens live no longer than the job needs.
        maxSessionDuration: 3600,
        ...(permissionsBoundary ? { permissionsBoundary } : {}),
      }),
      access,
    );
  }

  /** `<access>_<address>` in Terraform, `name` in IAM. */
  private inlinePolicy(access: 'plan' | 'apply', address: string, name: string, document: PolicyDocument): void {
    const role = access === 'plan' ? this.planRole : this.applyRole;
    named(new IamRolePolicy(this, `${access}-${address}`, { role: role.id, name, policy: jsonDocument(document) }), `${access}_${address}`);
  }
}
