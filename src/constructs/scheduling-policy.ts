/**
 * A fair-share scheduling policy: jobs of a queue are run by share, each
 * share by its weight (docs/aws-batch-facts.md#fair-share-share-identifiers).
 */
import type { Construct } from 'constructs';
import { BatchSchedulingPolicy } from '@cdktf/provider-aws/lib/batch-scheduling-policy';

export interface SchedulingPolicyProps {
  /** The policy's AWS name. */
  readonly schedulingPolicyName: string;
  /** Keeps part of the queue's maximum vCPUs for share identifiers that have no job running yet (0-99). */
  readonly computeReservation: number;
  /** The time window over which a share's usage is counted. */
  readonly shareDecaySeconds: number;
  /**
   * Weight by share identifier (or `prefix*`): a lower weight gets more of the
   * queue's compute (0.125 gets 8 times what 1 gets).
   * @default - none listed: any share, each at weight 1
   */
  readonly shares?: Readonly<Record<string, number>>;
}

export class SchedulingPolicy extends BatchSchedulingPolicy {
  constructor(scope: Construct, id: string, props: SchedulingPolicyProps) {
    // Sorted, so reordering the shares in the config changes nothing.
    const shares = Object.entries(props.shares ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    super(scope, id, {
      name: props.schedulingPolicyName,
      fairSharePolicy: {
        computeReservation: props.computeReservation,
        shareDecaySeconds: props.shareDecaySeconds,
        shareDistribution: shares.map(([shareIdentifier, weightFactor]) => ({ shareIdentifier, weightFactor })),
      },
    });
  }
}
