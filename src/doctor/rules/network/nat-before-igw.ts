import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { isPlainObject, literalString, type Resource, type TerraformModel } from '../../terraform/model';
import { dependsOnAddresses, isResourceRef, refsIn } from '../../terraform/refs';

/**
 * docs/aws-batch-facts.md#nat-gateways-need-the-internet-gateway-first: a
 * public NAT gateway can only be created in a VPC with an internet gateway
 * attached ("Network vpc-... has no internet gateway attached",
 * https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html),
 * and nothing in an aws_nat_gateway or its aws_eip refers to the gateway, so
 * Terraform creates them in parallel unless told otherwise; the provider's
 * aws_nat_gateway and aws_eip pages ask for an explicit depends_on on it
 * (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/nat_gateway).
 */
export const netNatBeforeIgw: Rule = {
  id: 'BATCH_NET_NAT_BEFORE_IGW',
  severity: 'warning',
  pack: 'batch-readiness',
  title: 'NAT gateway not ordered after the internet gateway',
  why: 'A public NAT gateway can only be created once its VPC has an internet gateway attached. Nothing in an aws_nat_gateway or its aws_eip refers to the internet gateway, so Terraform creates them at the same time, and a first apply (or a replacement) can fail with "Network vpc-... has no internet gateway attached".',
  fix: 'Add depends_on = [aws_internet_gateway.<name>] (or the aws_internet_gateway_attachment) to the aws_nat_gateway and its aws_eip.',
  link: 'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html',
  check(model) {
    return judgeEach(this, model.all('aws_nat_gateway'), (nat) => {
      const connectivity = nat.body['connectivity_type'];
      if (connectivity !== undefined && literalString(connectivity)?.toLowerCase() !== 'public') return undefined;
      const gateways = attachedGateways(model, nat);
      if (gateways.length === 0) return undefined;
      const deps = dependencies(model, nat);
      if (!deps.complete || gateways.some((g) => deps.addresses.has(g.address))) return undefined;
      const eip = model.target(nat.body['allocation_id']);
      const targets = [nat.address, ...(eip?.type === 'aws_eip' ? [eip.address] : [])];
      const names = gateways.map((g) => g.address).join(' or ');
      return {
        message: `${targets.join(' and ')} do not depend on ${names}, directly or through references: a first apply can create the NAT gateway before the internet gateway is attached, and it fails`,
        fix: `Add depends_on = [${gateways[0]!.address}] to ${targets.join(' and ')}.`,
      };
    });
  },
};

/**
 * What attaches an internet gateway to the NAT gateway's VPC: an
 * aws_internet_gateway with vpc_id (the provider attaches it as part of its
 * create) or an aws_internet_gateway_attachment. Empty when the subnet, the
 * VPC or the gateway are outside this configuration: then nothing is known.
 */
function attachedGateways(model: TerraformModel, nat: Resource): Resource[] {
  const subnet = model.target(nat.body['subnet_id']);
  if (subnet?.type !== 'aws_subnet') return [];
  const vpc = model.target(subnet.body['vpc_id']);
  if (vpc?.type !== 'aws_vpc') return [];
  return [...model.referrers('aws_internet_gateway', 'vpc_id', vpc), ...model.referrers('aws_internet_gateway_attachment', 'vpc_id', vpc)];
}

/**
 * Every resource `start` depends on, through references in its arguments and
 * depends_on, transitively. Incomplete when a reference goes through a local,
 * module or data source, which can carry dependencies this model cannot see.
 */
function dependencies(model: TerraformModel, start: Resource): { addresses: Set<string>; complete: boolean } {
  const addresses = new Set<string>();
  let complete = true;
  const queue = [start];
  while (queue.length > 0) {
    const resource = queue.pop()!;
    const next: string[] = [];
    for (const [key, value] of Object.entries(resource.body)) {
      if (key === '//' || key === 'lifecycle') continue;
      if (key === 'depends_on') {
        next.push(...dependsOnAddresses(value));
        continue;
      }
      forEachString(value, (s) => {
        for (const ref of refsIn(s)) {
          if (isResourceRef(ref)) next.push(`${ref.type}.${ref.name}`);
          else if (ref.type === 'local' || ref.type === 'module' || ref.type === 'data') complete = false;
        }
      });
    }
    for (const entry of next) {
      const [type, name = ''] = entry.split('.');
      const address = `${type}.${name.replace(/\[.*$/, '')}`;
      if (/^(local|module|data)\./.test(address)) complete = false;
      if (addresses.has(address)) continue;
      addresses.add(address);
      const target = model.get(address);
      if (target) queue.push(target);
    }
  }
  return { addresses, complete };
}

function forEachString(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') {
    if (value.includes('${')) visit(value);
  } else if (Array.isArray(value)) for (const v of value) forEachString(v, visit);
  else if (isPlainObject(value)) for (const v of Object.values(value)) forEachString(v, visit);
}
