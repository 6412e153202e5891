/**
 * The security group that lets the nodes of a multi-node parallel job talk
 * to each other: all traffic in from and out to the group itself, and
 * nothing else. Only compute environments that run such jobs get it, beside
 * the Batch security group every environment has
 * (docs/aws-batch-facts.md#multi-node-parallel-jobs).
 */
import type { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { awsName } from '../../aws/names';
import { withinGroupRule } from './security-group-rules';

export interface InterNodeSecurityGroupProps {
  /** Prefix of AWS names (the config's `name`). */
  readonly environmentName: string;
  /** The compute environment's config key: the group is `<name>-mnp-<key>-...`. */
  readonly computeEnvironmentKey: string;
  readonly vpcId: string;
}

export class InterNodeSecurityGroup extends SecurityGroup {
  constructor(scope: Construct, id: string, props: InterNodeSecurityGroupProps) {
    const name = awsName(props.environmentName, 'mnp', props.computeEnvironmentKey);
    super(scope, id, {
      // A prefix and create-before-destroy, like the Batch group: a replacement
      // is attached to the compute environment before the old one is deleted.
      namePrefix: `${name}-`,
      lifecycle: { createBeforeDestroy: true },
      description: 'Multi-node parallel jobs: traffic between the nodes of a job, nothing else',
      vpcId: props.vpcId,
      // NCCL, MPI and the like pick their ports: every protocol and port, within the group only.
      ingress: [withinGroupRule('From the other nodes of the job')],
      egress: [withinGroupRule('To the other nodes of the job')],
      tags: { Name: name },
    });
  }
}
