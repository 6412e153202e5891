/**
 * A container job definition: a change registers a new revision (only the
 * name forces a replacement), and the container properties are canonical so
 * nothing churns (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
 */
import type { Construct } from 'constructs';
import { BatchJobDefinition } from '@cdktf/provider-aws/lib/batch-job-definition';
import { containerProperties, type ContainerInput } from './container-properties';
import type { JobQueue } from './job-queue';

/**
 * Retry only what is worth retrying: a Spot host taken back. Any other exit
 * ends the job, so a failing job fails once instead of `attempts` times.
 */
const RETRY_ON = {
  EC2: 'Host EC2*',
  FARGATE: 'Your Spot Task was interrupted*',
} as const;

export interface JobDefinitionProps {
  /** The job definition's AWS name. */
  readonly jobDefinitionName: string;
  /**
   * Where its jobs run: EC2 for queues of EC2 and SPOT compute environments,
   * FARGATE for FARGATE and FARGATE_SPOT ones. Decides the platform
   * capability, the retried reason and the Fargate network configuration.
   */
  readonly platform: 'EC2' | 'FARGATE';
  /** The container: image, command, environment, secrets, sizes, roles, logs. */
  readonly container: Omit<ContainerInput, 'fargate'>;
  /**
   * FARGATE: whether the task gets a public IP (needed only where its subnet's
   * way out is an internet gateway).
   * @default false
   */
  readonly assignPublicIp?: boolean;
  /** Attempts in all (1 = no retry). */
  readonly retryAttempts: number;
  /**
   * Kill an attempt after this many seconds.
   * @default - no timeout
   */
  readonly timeoutSeconds?: number;
  /** Whether the ECS tasks get the job's tags. */
  readonly propagateTags: boolean;
  /**
   * Fair-share queues only: jobs with a higher priority start first within their share.
   * @default - none
   */
  readonly schedulingPriority?: number;
  /**
   * The queue it is made for. Plain Terraform does not bind a job definition
   * to a queue; a `//` note names it, so the doctor can check the one against
   * the other.
   */
  readonly jobQueue: JobQueue;
}

export class JobDefinition extends BatchJobDefinition {
  constructor(scope: Construct, id: string, props: JobDefinitionProps) {
    const fargate = props.platform === 'FARGATE';
    super(scope, id, {
      name: props.jobDefinitionName,
      type: 'container',
      platformCapabilities: [props.platform],
      propagateTags: props.propagateTags,
      containerProperties: containerProperties({ ...props.container, fargate: fargate ? { assignPublicIp: props.assignPublicIp ?? false } : undefined }),
      retryStrategy: {
        attempts: props.retryAttempts,
        evaluateOnExit: [
          { action: 'RETRY', onStatusReason: RETRY_ON[props.platform] },
          { action: 'EXIT', onReason: '*' },
        ],
      },
      timeout: props.timeoutSeconds ? { attemptDurationSeconds: props.timeoutSeconds } : undefined,
      // A change registers a new revision.
      schedulingPriority: props.schedulingPriority,
    });
    this.addOverride('//.queue', `${props.jobQueue.terraformResourceType}.${props.jobQueue.friendlyUniqueId}`);
  }
}
