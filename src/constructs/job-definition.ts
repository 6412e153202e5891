/**
 * A job definition: a container job, or a multi-node parallel job of node
 * ranges. A change registers a new revision (the name, and the number of
 * retry rules, force a replacement), and the container properties are
 * canonical so nothing churns
 * (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
 */
import type { Construct } from 'constructs';
import { BatchJobDefinition, type BatchJobDefinitionRetryStrategyEvaluateOnExit } from '@cdktf/provider-aws/lib/batch-job-definition';
import { isCatchAll, type RetryRule } from '../aws/job-definitions';
import { jsonDocument } from '../hcl/json-document';
import { containerProperties, containerPropertiesObject, type ContainerInput, type FargateSettings } from './container-properties';
import type { JobQueue } from './job-queue';

/**
 * Retry what is worth retrying: a Spot host taken back. The user's rules come
 * next; any other exit ends the job, so a failing job fails once instead of
 * `attempts` times (docs/aws-batch-facts.md#retry-rules-evaluateonexit).
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
  /**
   * FARGATE: ephemeral storage, CPU architecture, platform version.
   * @default - Fargate's defaults (20 GiB, X86_64, LATEST)
   */
  readonly fargate?: Omit<FargateSettings, 'assignPublicIp'>;
  /**
   * A multi-node parallel job (EC2 only): the nodes, the main node, and per
   * node range what differs from `container`.
   * @default - a single-container job
   */
  readonly multiNode?: MultiNodeProps;
  /** Attempts in all (1 = no retry). */
  readonly retryAttempts: number;
  /**
   * Rules checked after the Spot-reclaim retry and before the final exit; at
   * most 3 (AWS allows 5 in all), 4 when the last one is a catch-all.
   * @default - none
   */
  readonly retryRules?: readonly RetryRule[];
  /**
   * Default values of the command's `Ref::name` placeholders.
   * @default - none
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * false keeps earlier revisions ACTIVE when a new one is registered.
   * @default true
   */
  readonly deregisterOnNewRevision?: boolean;
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

export interface MultiNodeProps {
  readonly numNodes: number;
  readonly mainNode: number;
  /** Each node range (`targetNodes`) with the container settings that differ from the job's. */
  readonly nodeRanges: ReadonlyArray<{ readonly targetNodes: string; readonly container: Partial<Omit<ContainerInput, 'fargate'>> }>;
}

export class JobDefinition extends BatchJobDefinition {
  constructor(scope: Construct, id: string, props: JobDefinitionProps) {
    const fargate = props.platform === 'FARGATE';
    if (props.multiNode && fargate) throw new Error(`JobDefinition ${id}: multi-node parallel jobs run on EC2 only`);
    const userRules = props.retryRules ?? [];
    const last = userRules[userRules.length - 1];
    super(scope, id, {
      name: props.jobDefinitionName,
      type: props.multiNode ? 'multinode' : 'container',
      platformCapabilities: [props.platform],
      propagateTags: props.propagateTags,
      ...(props.multiNode
        ? { nodeProperties: nodeProperties(props.container, props.multiNode) }
        : { containerProperties: containerProperties({ ...props.container, fargate: fargate ? { ...props.fargate, assignPublicIp: props.assignPublicIp ?? false } : undefined }) }),
      retryStrategy: {
        attempts: props.retryAttempts,
        // Actions in lower case, as the provider stores them: with "RETRY" in the config its
        // update check returns at retry_strategy, finds it unchanged, and never gets to
        // parameters, so a default parameter edit would plan no new revision
        // (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
        evaluateOnExit: [
          { action: 'retry', onStatusReason: RETRY_ON[props.platform] },
          ...userRules.map(evaluateOnExit),
          // After a catch-all of the user's, the stack's own would never apply.
          ...(last && isCatchAll(last) ? [] : [{ action: 'exit', onReason: '*' }]),
        ],
      },
      ...(props.parameters && Object.keys(props.parameters).length > 0 ? { parameters: { ...props.parameters } } : {}),
      // The provider's default is true: written only when false, so existing stacks see no change.
      ...(props.deregisterOnNewRevision === false ? { deregisterOnNewRevision: false } : {}),
      timeout: props.timeoutSeconds ? { attemptDurationSeconds: props.timeoutSeconds } : undefined,
      // A change registers a new revision.
      schedulingPriority: props.schedulingPriority,
    });
    this.addOverride('//.queue', `${props.jobQueue.terraformResourceType}.${props.jobQueue.friendlyUniqueId}`);
  }
}

/** A user's rule as the provider stores it (lower-case action). */
function evaluateOnExit(rule: RetryRule): BatchJobDefinitionRetryStrategyEvaluateOnExit {
  return {
    action: rule.action.toLowerCase(),
    ...(rule.onExitCode !== undefined ? { onExitCode: rule.onExitCode } : {}),
    ...(rule.onReason !== undefined ? { onReason: rule.onReason } : {}),
    ...(rule.onStatusReason !== undefined ? { onStatusReason: rule.onStatusReason } : {}),
  };
}

/**
 * `node_properties`: every node range carries a whole container (the
 * provider's update reads each range's container without a nil check), in
 * one order (the provider compares the list in order)
 * (docs/aws-batch-facts.md#multi-node-parallel-jobs).
 */
function nodeProperties(container: Omit<ContainerInput, 'fargate'>, multiNode: MultiNodeProps): string {
  const start = (targetNodes: string) => Number(targetNodes.split(':')[0] || 0);
  const ranges = [...multiNode.nodeRanges].sort((a, b) => start(a.targetNodes) - start(b.targetNodes) || (a.targetNodes < b.targetNodes ? -1 : 1));
  return jsonDocument({
    numNodes: multiNode.numNodes,
    mainNode: multiNode.mainNode,
    nodeRangeProperties: ranges.map((range) => ({
      targetNodes: range.targetNodes,
      container: containerPropertiesObject({ ...container, ...range.container, environment: { ...container.environment, ...range.container.environment } }),
    })),
  });
}
