import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalString, type Resource, type TerraformModel } from '../../terraform/model';

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
      const deps = model.dependencies(nat);
      if (gateways.some((g) => deps.blocks.has(g.block))) return undefined;
      if (!deps.complete) return { unknown: 'its dependencies go through a module that was not read' };
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
