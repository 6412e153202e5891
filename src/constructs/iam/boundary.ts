/**
 * Gives every IAM role of a stack the same permissions boundary. The
 * bootstrap's apply role may create a role only with its boundary attached
 * (docs/aws-batch-facts.md#permissions-boundary), so an environment it
 * deploys names that boundary once in its config and no construct has to
 * remember it.
 */
import type { IConstruct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';

/** Sets `permissions_boundary` on every IamRole under `scope`; call it once everything is built. */
export function boundEveryRole(scope: IConstruct, policyArn: string): void {
  for (const node of scope.node.findAll()) if (node instanceof IamRole) node.permissionsBoundary = policyArn;
}
