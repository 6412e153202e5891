import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

export const MANAGED_BY_TAG = 'batch-cdktf';

/**
 * The AWS provider every stack of this project uses: pinned to one region
 * and one account (credentials for another account fail at once instead of
 * deploying there), tagging everything at the top level. Tags never go
 * inside compute_resources: a tag change there would replace a compute
 * environment that is not updatable.
 */
export function awsProvider(scope: Construct, props: { region: string; accountId: string; tags: Record<string, string> }): AwsProvider {
  return new AwsProvider(scope, 'aws', {
    region: props.region,
    allowedAccountIds: [props.accountId],
    defaultTags: [{ tags: { ...props.tags, ManagedBy: MANAGED_BY_TAG } }],
  });
}
