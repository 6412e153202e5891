import type { SecurityGroupEgress } from '@cdktf/provider-aws/lib/security-group';
import { NFS_PORT } from '../../aws/efs';

const HTTPS = 443;

/**
 * An HTTPS security group rule (the only traffic Batch instances and tasks
 * need: AWS APIs, registries and endpoints all speak HTTPS). Every field of
 * the inline rule block is spelled out: the provider compares inline rules as
 * whole sets, and absent fields would show as a diff on every plan.
 */
export function httpsRule(target: { cidrBlocks?: string[]; prefixListIds?: string[]; description: string }): SecurityGroupEgress {
  return {
    protocol: 'tcp',
    fromPort: HTTPS,
    toPort: HTTPS,
    cidrBlocks: target.cidrBlocks ?? [],
    ipv6CidrBlocks: [],
    prefixListIds: target.prefixListIds ?? [],
    securityGroups: [],
    selfAttribute: false,
    description: target.description,
  };
}

/** NFS (EFS mount targets, also under TLS: docs/aws-batch-facts.md#efs-volumes) to these CIDR blocks, or from these security groups. */
export function nfsRule(target: { cidrBlocks?: string[]; securityGroups?: string[]; description: string }): SecurityGroupEgress {
  return {
    protocol: 'tcp',
    fromPort: NFS_PORT,
    toPort: NFS_PORT,
    cidrBlocks: target.cidrBlocks ?? [],
    ipv6CidrBlocks: [],
    prefixListIds: [],
    securityGroups: target.securityGroups ?? [],
    selfAttribute: false,
    description: target.description,
  };
}

/** All traffic to and from the group itself: the nodes of a multi-node parallel job (docs/aws-batch-facts.md#multi-node-parallel-jobs). */
export function withinGroupRule(description: string): SecurityGroupEgress {
  return {
    protocol: '-1',
    fromPort: 0,
    toPort: 0,
    cidrBlocks: [],
    ipv6CidrBlocks: [],
    prefixListIds: [],
    securityGroups: [],
    selfAttribute: true,
    description,
  };
}
