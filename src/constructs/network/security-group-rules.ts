import type { SecurityGroupEgress } from '@cdktf/provider-aws/lib/security-group';

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
