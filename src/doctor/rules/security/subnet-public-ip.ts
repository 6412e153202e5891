import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
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
  pack: 'security',
  title: 'public IPs in subnets that do not route to an internet gateway',
  why: 'Instances launched into a subnet with map_public_ip_on_launch get a public IPv4 address. Behind NAT or VPC endpoints that address serves no purpose: it adds exposure (any security group or route change makes the instances reachable) and an hourly public IPv4 charge.',
  fix: 'Set map_public_ip_on_launch = false on the compute environment\'s private subnets; keep public IPs for subnets whose default route is an internet gateway.',
  link: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.fargate !== false) return undefined;
      const subnets = ceSubnets(model, ce);
      if (!subnets.complete && subnets.why && subnets.subnets.length === 0) return { unknown: subnets.why };
      const needless = subnets.subnets.filter((s) => s.publicIpOnLaunch === true && !s.routes.igw && !s.routes.unknown);
      if (needless.length === 0) return undefined;
      const detail = needless.map((s) => `${s.subnet.address} (${describeRoutes(s)})`).join('; ');
      return `instances get public IPs from map_public_ip_on_launch in subnets without an internet gateway route: ${detail}`;
    });
  },
};
