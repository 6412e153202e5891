import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';
import { ceSubnets, describeRoutes } from '../../views/network-paths';

/**
 * EC2 instances in a subnet with map_public_ip_on_launch get a public IPv4
 * address. It is only useful when the subnet routes to an internet gateway;
 * behind NAT (or endpoints only) the address cannot carry traffic out, but
 * it still costs money (public IPv4 is billed hourly) and becomes reachable
 * the day the route changes. Fargate tasks ignore the subnet setting
 * (assignPublicIp decides), so only EC2/SPOT compute environments count.
 */
export const secSubnetPublicIp: Rule = {
  id: 'BATCH_SEC_SUBNET_PUBLIC_IP',
  severity: 'warning',
  title: 'public IPs in subnets that do not route to an internet gateway',
  why: 'Instances launched into a subnet with map_public_ip_on_launch get a public IPv4 address. Behind NAT or VPC endpoints that address serves no purpose: it adds exposure (any security group or route change makes the instances reachable) and an hourly public IPv4 charge.',
  fix: 'Set map_public_ip_on_launch = false on the compute environment\'s private subnets; keep public IPs for subnets whose default route is an internet gateway.',
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      if (ce.fargate !== false) continue;
      const needless = ceSubnets(model, ce).subnets.filter((s) => s.publicIpOnLaunch === true && !s.routes.igw && !s.routes.unknown);
      if (needless.length === 0) continue;
      const detail = needless.map((s) => `${s.subnet.address} (${describeRoutes(s)})`).join('; ');
      out.push(finding(this, ce.resource, `instances get public IPs from map_public_ip_on_launch in subnets without an internet gateway route: ${detail}`));
    }
    return out;
  },
};
