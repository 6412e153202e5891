/**
 * Deployed once per AWS account, by hand, before the workflows can run:
 * the state bucket, GitHub's OIDC provider, the plan role and the apply role.
 * Its own state is local (the bucket it would live in is what it creates).
 */
import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { ReviewableStack } from '../stack/reviewable-stack';
import { named } from '../stack/terraform-ids';
import { awsProvider } from '../stack/provider';
import { addStateBackend } from '../stack/state-backend';
import { parseBootstrapConfig, type BootstrapConfig, type ResolvedBootstrapConfig } from './config';
import { GithubRoles } from './github-roles';
import { StateBucket } from './state-bucket';

export class BootstrapStack extends ReviewableStack {
  readonly config: ResolvedBootstrapConfig;

  /** @throws ConfigError when the config is invalid; nothing is added to `scope` then. */
  constructor(scope: Construct, id: string, config: BootstrapConfig) {
    const resolved = parseBootstrapConfig(config, `"${id}"`);
    super(scope, id);
    this.config = resolved;

    addStateBackend(this, id, undefined);
    awsProvider(this, { region: resolved.region, accountId: resolved.accountId, tags: { ...resolved.tags, Purpose: 'terraform-bootstrap' } });

    const state = new StateBucket(this, 'state', resolved.stateBucket);
    const roles = new GithubRoles(this, 'github', resolved);

    const output = (name: string, value: string, description: string) =>
      named(new TerraformOutput(this, `output-${name}`, { value, description }), name);
    output('state_bucket', state.bucket.bucket, 'Bucket for environments\' `backend.bucket`');
    output('oidc_provider_arn', roles.oidcProviderArn, "GitHub Actions' OIDC identity provider");
    output('plan_role_arn', roles.planRole.arn, 'Repository variable PLAN_ROLE_ARN');
    output('apply_role_arn', roles.applyRole.arn, 'Repository variable APPLY_ROLE_ARN');
    output('permissions_boundary_arn', roles.boundary.arn, "Environments' `permissionsBoundary` (every role the apply role creates must carry it)");
  }
}
