/**
 * Job queues. A queue is never replaced by an edit (only its name forces
 * that, and names come from the config's keys): replacing a queue drops the
 * jobs waiting in it.
 */
import { Construct } from 'constructs';
import { BatchJobQueue } from '@cdktf/provider-aws/lib/batch-job-queue';
import { BatchSchedulingPolicy } from '@cdktf/provider-aws/lib/batch-scheduling-policy';
import type { ResolvedConfig, ResolvedJobQueue } from '../config/schema';
import { named } from '../naming';
import { awsName } from '../aws/names';

/**
 * RUNNABLE reasons that mean no compute environment of the queue can ever run
 * the job; waiting longer cannot help, so the queue cancels such jobs.
 */
export const MISCONFIGURATION_REASONS = [
  'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE',
  'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT',
] as const;

export interface JobQueuesProps {
  readonly config: ResolvedConfig;
  /** Compute environment ARN by config key. */
  readonly computeEnvironmentArns: Record<string, string>;
}

export class JobQueues extends Construct {
  readonly queues: Record<string, BatchJobQueue> = {};

  constructor(scope: Construct, id: string, props: JobQueuesProps) {
    super(scope, id);
    const { config } = props;
    for (const [key, queue] of Object.entries(config.jobQueues)) {
      this.queues[key] = named(
        new BatchJobQueue(this, key, {
          name: awsName(config.name, key),
          state: queue.state,
          priority: queue.priority,
          // ARNs, not names: a replaced compute environment gets a new ARN, so
          // the queue is updated to the new one before the old one is deleted.
          computeEnvironmentOrder: queue.computeEnvironments.map((ce, order) => ({ order, computeEnvironment: props.computeEnvironmentArns[ce]! })),
          jobStateTimeLimitAction: MISCONFIGURATION_REASONS.map((reason) => ({
            state: 'RUNNABLE',
            action: 'CANCEL',
            reason,
            maxTimeSeconds: queue.runnableTimeoutSeconds,
          })),
          schedulingPolicyArn: queue.fairShare ? this.schedulingPolicy(config.name, key, queue.fairShare).arn : undefined,
        }),
        key,
      );
    }
  }

  private schedulingPolicy(name: string, key: string, fairShare: NonNullable<ResolvedJobQueue['fairShare']>): BatchSchedulingPolicy {
    const shares = Object.entries(fairShare.shares).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return named(
      new BatchSchedulingPolicy(this, `${key}-fair-share`, {
        name: awsName(name, key),
        fairSharePolicy: {
          computeReservation: fairShare.computeReservation,
          shareDecaySeconds: fairShare.shareDecaySeconds,
          shareDistribution: shares.map(([shareIdentifier, weightFactor]) => ({ shareIdentifier, weightFactor })),
        },
      }),
      key,
    );
  }
}
