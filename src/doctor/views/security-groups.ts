import { blocks, literalBool, literalNumber, literalString, type Body, type Resource, type TerraformModel } from '../terraform/model';
import type { ComputeEnvironment } from './compute-environments';
import type { Verdict } from './network-paths';

/**
 * Security groups and their rules, read from all three places the provider
 * takes them: inline `ingress`/`egress` blocks, `aws_security_group_rule` (by
 * `type`) and `aws_vpc_security_group_{ingress,egress}_rule`. Terraform
 * removes the default allow-all egress rule of a new security group (provider
 * docs, "NOTE on Egress rules"), so a group with none of these has no egress
 * at all.
 */

export type Direction = 'ingress' | 'egress';

/** One rule of a security group, as written (values may be expressions). */
export interface SgRule {
  /** The group the rule belongs to. */
  readonly group: Resource;
  /** Where the rule is written: the group (inline) or the rule resource. */
  readonly source: Resource;
  readonly protocol: unknown;
  readonly from: unknown;
  readonly to: unknown;
  /** IPv4 CIDRs as written, literal or not. */
  readonly ipv4: readonly unknown[];
  /** IPv6 CIDRs as written, literal or not. */
  readonly ipv6: readonly unknown[];
  readonly prefixLists: readonly unknown[];
  /** Security groups the rule allows (source or destination), as written. */
  readonly groups: readonly unknown[];
  readonly self: boolean;
}

/** Rules of one direction; undefined when some cannot be read (an expression for the blocks or a rule's type). */
export function sgRules(model: TerraformModel, sg: Resource, direction: Direction): readonly SgRule[] | undefined {
  return model.memoize(`sg-rules:${direction}:${sg.address}`, () => {
    const inline = blocks(sg.body, direction);
    if (!inline) return undefined;
    const out: SgRule[] = inline.map((b) => classic(b, sg, sg));
    for (const r of model.referrers('aws_security_group_rule', 'security_group_id', sg)) {
      const type = literalString(r.body['type']);
      if (type === undefined) return undefined;
      if (type === direction) out.push(classic({ ...r.body, security_groups: [r.body['source_security_group_id']] }, sg, r));
    }
    for (const r of model.referrers(`aws_vpc_security_group_${direction}_rule`, 'security_group_id', sg)) {
      const b = r.body;
      out.push({
        group: sg,
        source: r,
        protocol: b['ip_protocol'],
        from: b['from_port'],
        to: b['to_port'],
        ipv4: b['cidr_ipv4'] === undefined ? [] : [b['cidr_ipv4']],
        ipv6: b['cidr_ipv6'] === undefined ? [] : [b['cidr_ipv6']],
        prefixLists: b['prefix_list_id'] === undefined ? [] : [b['prefix_list_id']],
        groups: b['referenced_security_group_id'] === undefined ? [] : [b['referenced_security_group_id']],
        self: false,
      });
    }
    return out;
  });
}

/** An inline block or an aws_security_group_rule: the same argument names. */
function classic(b: Body, group: Resource, source: Resource): SgRule {
  const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.filter((x) => x !== undefined) : [v]);
  return {
    group,
    source,
    protocol: b['protocol'],
    from: b['from_port'],
    to: b['to_port'],
    ipv4: list(b['cidr_blocks']),
    ipv6: list(b['ipv6_cidr_blocks']),
    prefixLists: list(b['prefix_list_ids']),
    groups: list(b['security_groups']),
    self: literalBool(b['self']) === true,
  };
}

/** The literal IPv4 and IPv6 CIDRs of a rule; expressions are left out. */
export function literalCidrs(rule: SgRule): string[] {
  return [...rule.ipv4, ...rule.ipv6].flatMap((c) => {
    const s = literalString(c);
    return s === undefined ? [] : [s];
  });
}

/** Anywhere on the internet. */
/** A rule's ports in words: "all traffic", "tcp 22", "tcp 1024-2048". */
export function describePorts(rule: SgRule): string {
  const protocol = String(literalString(rule.protocol) ?? literalNumber(rule.protocol) ?? '?').toLowerCase();
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  const from = literalNumber(rule.from);
  const to = literalNumber(rule.to);
  return from === undefined || to === undefined ? protocol : from === to ? `${protocol} ${from}` : `${protocol} ${from}-${to}`;
}

/**
 * Ingress rules of the groups Batch compute environments use, one item per
 * place they are written (a group's inline rules together, or one rule
 * resource), with the rules `keep` selects: one finding per place, however
 * many `ingress` blocks it holds.
 */
export function ingressBySource(
  model: TerraformModel,
  computeEnvironments: readonly ComputeEnvironment[],
  keep: (rule: SgRule, ces: readonly ComputeEnvironment[]) => boolean,
  onUnknown: (sg: Resource, reason: string) => void,
): Array<{ readonly source: Resource; readonly sg: Resource; readonly ces: readonly ComputeEnvironment[]; readonly rules: readonly SgRule[] }> {
  const out = new Map<Resource, { source: Resource; sg: Resource; ces: readonly ComputeEnvironment[]; rules: SgRule[] }>();
  for (const [sg, ces] of batchSecurityGroups(model, computeEnvironments)) {
    const rules = sgRules(model, sg, 'ingress');
    if (!rules) onUnknown(sg, `the ingress rules of ${sg.address} ${model.why(sg.body['ingress']) ?? 'are expressions'}`);
    for (const rule of rules ?? []) {
      if (!keep(rule, ces)) continue;
      const entry = out.get(rule.source) ?? { source: rule.source, sg, ces, rules: [] };
      entry.rules.push(rule);
      out.set(rule.source, entry);
    }
  }
  return [...out.values()];
}

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

// ---------------------------------------------------------------------------
// Can a set of security groups send HTTPS (443) to a destination?
// ---------------------------------------------------------------------------

export type Destination =
  /** Public AWS service endpoints reached through NAT or an internet gateway. */
  | { readonly kind: 'internet' }
  /** Interface endpoints inside the VPC. */
  | { readonly kind: 'endpoints'; readonly vpc: Resource; readonly endpoints: readonly Resource[] }
  /** The S3 gateway endpoint: traffic to S3's prefix list. */
  | { readonly kind: 's3'; readonly endpoints: readonly Resource[] };

function covers443(e: SgRule): Verdict {
  const p = literalString(typeof e.protocol === 'number' ? String(e.protocol) : e.protocol)?.toLowerCase();
  if (p === undefined) return 'maybe';
  if (p === '-1' || p === 'all') return 'yes';
  if (p !== 'tcp' && p !== '6') return 'no';
  const from = literalNumber(e.from);
  const to = literalNumber(e.to);
  if (from === undefined || to === undefined) return 'maybe';
  return from <= 443 && 443 <= to ? 'yes' : 'no';
}

function reaches(model: TerraformModel, e: SgRule, dest: Destination): Verdict {
  let verdict: Verdict = 'no';
  const consider = (v: Verdict): void => {
    if (v === 'yes' || (v === 'maybe' && verdict === 'no')) verdict = v;
  };
  for (const c of e.ipv4) consider(cidrReaches(model, c, dest));
  for (const pl of e.prefixLists) {
    const endpoint = model.target(pl);
    if (dest.kind === 's3' && endpoint && dest.endpoints.includes(endpoint)) consider('yes');
    // A managed prefix list by id or data source: cannot tell what it holds.
    else consider(endpoint ? 'no' : 'maybe');
  }
  for (const g of e.groups) {
    const group = model.target(g);
    if (!group) consider('maybe');
    else if (dest.kind === 'endpoints') consider(dest.endpoints.some((ep) => attachedGroups(model, ep).includes(group.address)) ? 'yes' : 'no');
  }
  if (e.self && dest.kind === 'endpoints') {
    consider(dest.endpoints.some((ep) => attachedGroups(model, ep).includes(e.group.address)) ? 'yes' : 'no');
  }
  return verdict;
}

function attachedGroups(model: TerraformModel, endpoint: Resource): string[] {
  return (model.resolveList(endpoint.body['security_group_ids']) ?? []).flatMap((r) => (r.kind === 'resource' ? [r.resource.address] : []));
}

function cidrReaches(model: TerraformModel, value: unknown, dest: Destination): Verdict {
  const cidr = literalString(value);
  if (cidr === undefined) {
    // `${aws_vpc.main.cidr_block}`: the whole VPC, where the interface endpoints live.
    const t = model.target(value);
    if (dest.kind === 'endpoints' && t === dest.vpc) return 'yes';
    return t?.type === 'aws_vpc' || t?.type === 'aws_subnet' ? (dest.kind === 'endpoints' ? 'maybe' : 'no') : 'maybe';
  }
  const range = parseCidr(cidr);
  if (!range) return 'maybe';
  if (range.bits === 0) return 'yes';
  if (dest.kind === 'endpoints') {
    const vpcRange = parseCidr(literalString(dest.vpc.body['cidr_block']) ?? '');
    if (!vpcRange) return 'maybe';
    if (contains(range, vpcRange)) return 'yes';
    return overlaps(range, vpcRange) ? 'maybe' : 'no';
  }
  // Public services: a private range never holds them; a public range might.
  return isPrivate(range) ? 'no' : 'maybe';
}

/** Verdict for a set of security groups: any group allowing the destination is enough. */
export function egressVerdict(model: TerraformModel, groups: readonly Resource[], dest: Destination): Verdict {
  let verdict: Verdict = 'no';
  for (const sg of groups) {
    const rules = sgRules(model, sg, 'egress');
    if (!rules) return 'maybe';
    for (const e of rules) {
      const port = covers443(e);
      if (port === 'no') continue;
      const to = reaches(model, e, dest);
      if (port === 'yes' && to === 'yes') return 'yes';
      if (to !== 'no') verdict = 'maybe';
    }
  }
  return verdict;
}

interface Range {
  readonly base: number;
  readonly bits: number;
}

function parseCidr(s: string): Range | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(s.trim());
  if (!m) return undefined;
  const bits = Number(m[5]);
  const ip = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  return { base: (ip & mask(bits)) >>> 0, bits };
}

function mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

function contains(outer: Range, inner: Range): boolean {
  return outer.bits <= inner.bits && ((inner.base & mask(outer.bits)) >>> 0) === outer.base;
}

function overlaps(a: Range, b: Range): boolean {
  return contains(a, b) || contains(b, a);
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c)!);

function isPrivate(r: Range): boolean {
  return PRIVATE.some((p) => contains(p, r));
}
