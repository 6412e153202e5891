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
    super(scope, id, { name: props.placementGroupName, strategy: 'cluster' });
  }
}
