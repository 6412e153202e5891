import type { ComputeEnvironment } from './batch';
import { blocks, literalString, type Resource, type TerraformModel } from './model';

/**
 * The rules of one direction of a security group, from all three places the
 * provider takes them: inline `ingress`/`egress` blocks,
 * `aws_security_group_rule` (by `type`) and
 * `aws_vpc_security_group_{ingress,egress}_rule`.
 */

export type Direction = 'ingress' | 'egress';

export interface SgRule {
  /** Where the rule is written: the group (inline) or the rule resource. */
  readonly source: Resource;
  /** Literal IPv4 and IPv6 CIDRs; expressions are left out. */
  readonly cidrs: readonly string[];
}

/** Rules of one direction; undefined when some cannot be read (an expression for the blocks or a rule's type). */
export function sgRules(model: TerraformModel, sg: Resource, direction: Direction): readonly SgRule[] | undefined {
  return model.memoize(`sg-rules:${direction}:${sg.address}`, () => {
    const inline = blocks(sg.body, direction);
    if (!inline) return undefined;
    const out: SgRule[] = inline.map((b) => ({ source: sg, cidrs: cidrs(b['cidr_blocks'], b['ipv6_cidr_blocks']) }));
    for (const r of model.referrers('aws_security_group_rule', 'security_group_id', sg)) {
      const type = literalString(r.body['type']);
      if (type === undefined) return undefined;
      if (type === direction) out.push({ source: r, cidrs: cidrs(r.body['cidr_blocks'], r.body['ipv6_cidr_blocks']) });
    }
    for (const r of model.referrers(`aws_vpc_security_group_${direction}_rule`, 'security_group_id', sg)) {
      out.push({ source: r, cidrs: cidrs(r.body['cidr_ipv4'], r.body['cidr_ipv6']) });
    }
    return out;
  });
}

function cidrs(...values: unknown[]): string[] {
  return values.flatMap((v: unknown) => (Array.isArray(v) ? v : [v])).flatMap((c) => {
    const s = literalString(c);
    return s === undefined ? [] : [s];
  });
}

/** Anywhere on the internet. */
export function isAnywhere(cidr: string): boolean {
  return cidr === '0.0.0.0/0' || cidr === '::/0';
}

/** The compute environment's security groups that are in this configuration. */
export function ceSecurityGroups(model: TerraformModel, ce: ComputeEnvironment): Resource[] {
  return (model.resolveList(ce.compute?.['security_group_ids']) ?? []).flatMap((r) =>
    r.kind === 'resource' && r.resource.type === 'aws_security_group' ? [r.resource] : [],
  );
}

/** Security groups used by Batch compute environments, each with the CEs using it. */
export function batchSecurityGroups(model: TerraformModel, ces: readonly ComputeEnvironment[]): ReadonlyMap<Resource, readonly ComputeEnvironment[]> {
  const out = new Map<Resource, ComputeEnvironment[]>();
  for (const ce of ces) for (const sg of ceSecurityGroups(model, ce)) out.set(sg, [...(out.get(sg) ?? []), ce]);
  return out;
}
