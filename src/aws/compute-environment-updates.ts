/**
 * What makes a compute environment "updatable": the provider (5.x,
 * internal/service/batch/compute_environment.go, isUpdatableComputeEnvironment)
 * updates subnets, security groups, instance types, the instance role, the
 * launch template and the rest of compute_resources in place only when the
 * environment uses Batch's service-linked role AND an updatable allocation
 * strategy, before and after the change; otherwise those edits replace it.
 * Fargate environments update subnets and security groups in place always.
 * docs/aws-batch-facts.md#what-makes-a-compute-environment-updatable
 */

/** The allocation strategies the provider treats as updatable (isUpdatableAllocationStrategy). */
export const UPDATABLE_ALLOCATION_STRATEGIES: ReadonlySet<string> = new Set(['BEST_FIT_PROGRESSIVE', 'SPOT_CAPACITY_OPTIMIZED']);

/** The provider's isServiceLinkedRole: no role at all, or Batch's service-linked role. */
export const SERVICE_LINKED_ROLE_ARN = /^arn:[^:]+:iam::\d{12}:role\/aws-service-role\/batch\.amazonaws\.com\//;

/** The ARN a compute environment reads back when created without a service role. */
export function serviceLinkedRoleArn(accountId: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch`;
}

/**
 * Is an EC2/SPOT environment with this allocation strategy and service role
 * updatable? `allocationStrategy` undefined means unset: the API default,
 * BEST_FIT, which is not.
 */
export function isUpdatable(allocationStrategy: string | undefined, serviceRole: 'service-linked' | 'custom'): boolean {
  return serviceRole === 'service-linked' && UPDATABLE_ALLOCATION_STRATEGIES.has(allocationStrategy ?? 'BEST_FIT');
}
