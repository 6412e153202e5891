import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { fargatePublicIp, jobDefinitions } from '../../views/job-definitions';
import { ceSubnets } from '../../views/network-paths';
import { candidateComputeEnvironments } from '../../views/placement';

/**
 * assignPublicIp ENABLED is what a Fargate task needs in a public subnet
 * (internet gateway route, no NAT). Anywhere else it only exposes the task:
 * behind NAT the task already reaches AWS, and the public address cannot be
 * used for outbound traffic.
 */
export const secFargatePublicIp: Rule = {
  id: 'BATCH_SEC_FARGATE_PUBLIC_IP',
  severity: 'warning',
  pack: 'security',
  title: 'Fargate public IP outside a public subnet',
  why: 'A Fargate task with assignPublicIp ENABLED gets a public IPv4 address. It is needed only in a subnet whose way out is an internet gateway; behind NAT or VPC endpoints it adds exposure and an hourly public IPv4 charge without carrying any traffic.',
  fix: 'Set networkConfiguration.assignPublicIp = "DISABLED" (the default) when the compute environments\' subnets route through NAT or VPC endpoints.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_NetworkConfiguration.html',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => {
      if (jd.fargate !== true) return undefined;
      if (!jd.container) return jd.why.container ? { unknown: jd.why.container } : undefined;
      if (fargatePublicIp(jd.container) !== true) return undefined;
      const subnets = new Set<string>();
      for (const ce of candidateComputeEnvironments(model, jd) ?? []) {
        for (const s of ceSubnets(model, ce).subnets) if (!s.routes.igw && !s.routes.unknown) subnets.add(s.subnet.address);
      }
      if (subnets.size === 0) return undefined;
      return `assignPublicIp is ENABLED, but ${[...subnets].join(', ')} route 0.0.0.0/0 through NAT or nowhere, not an internet gateway`;
    });
  },
};
