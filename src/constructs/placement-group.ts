/**
 * A cluster placement group for the instances of one compute environment:
 * low-latency, high-bandwidth networking between them, in one availability
 * zone (docs/aws-batch-facts.md#cluster-placement-groups).
 */
import type { Construct } from 'constructs';
import { PlacementGroup } from '@cdktf/provider-aws/lib/placement-group';

export interface ClusterPlacementGroupProps {
  /**
   * Unique in the account and region. Fixed, never from a prefix: the name
   * and the strategy force a new group, so a group whose name never changes
   * is never replaced (a replaced one would have to be created before the
   * old one is gone, under the same name).
   */
  readonly placementGroupName: string;
}

export class ClusterPlacementGroup extends PlacementGroup {
  constructor(scope: Construct, id: string, props: ClusterPlacementGroupProps) {
    super(scope, id, {
      name: props.placementGroupName,
      strategy: 'cluster',
      // Removing the group replaces its compute environment (create before
      // destroy) and deletes the group in one apply; Terraform can order that
      // only with the group create-before-destroy too, else the plan fails
      // with a cycle (docs/aws-batch-facts.md#cluster-placement-groups). Its
      // name never changes, so it is never replaced, only created or deleted.
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
