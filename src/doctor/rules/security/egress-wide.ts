import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import type { TerraformModel } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';
import { ceSubnets, isInterface, vpcEndpoints, type SubnetInfo } from '../../views/network-paths';
import { batchSecurityGroups, isAnywhere, literalCidrs, sgRules } from '../../views/security-groups';

/**
 * In subnets whose route tables send 0.0.0.0/0 nowhere and whose VPC has
 * interface endpoints (the endpoints-only design), traffic can only go to
 * addresses inside the VPC and to gateway endpoints' prefix lists. (Without
 * endpoints the network is simply broken, and the fix is more likely a NAT
 * route: BATCH_NET_NO_ECS_PATH reports that.) Egress to 0.0.0.0/0 there
 * grants nothing today, but becomes real the day someone adds a NAT route:
 * the group should say what the network allows.
 */
export const secEgressWide: Rule = {
  id: 'BATCH_SEC_EGRESS_WIDE',
  severity: 'warning',
  pack: 'security',
  title: 'egress wider than the network needs',
  why: 'A compute environment whose subnets have no NAT or internet gateway route reaches AWS only through VPC endpoints. Security group egress to 0.0.0.0/0 there is broader than anything the jobs can use, and silently opens the internet to them once a route is added.',
  fix: 'Limit egress to TCP 443 to the VPC CIDR (or the endpoints\' security group) and to the S3 gateway endpoint\'s prefix list.',
  link: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  check(model) {
    const endpointOnly = computeEnvironments(model).filter((ce) => {
      const { subnets, complete } = ceSubnets(model, ce);
      return complete && subnets.every((s) => !s.routes.nat && !s.routes.igw && !s.routes.unknown && hasInterfaceEndpoints(model, s));
    });
    return judgeEach(
      this,
      batchSecurityGroups(model, endpointOnly),
      ([sg, ces]) => {
        const wide = (sgRules(model, sg, 'egress') ?? []).filter((r) => literalCidrs(r).some(isAnywhere));
        if (wide.length === 0) return undefined;
        const where = wide.map((r) => (r.source === sg ? `${sg.address} (inline)` : r.source.address)).join(', ');
        const anywhere = [...new Set(wide.flatMap((r) => literalCidrs(r).filter(isAnywhere)))].join(', ');
        return `egress to ${anywhere} in ${where}, but the subnets of ${ces.map((ce) => ce.resource.address).join(', ')} have no NAT or internet gateway route`;
      },
      ([sg]) => sg,
    );
  },
};

function hasInterfaceEndpoints(model: TerraformModel, info: SubnetInfo): boolean {
  return info.vpc !== undefined && vpcEndpoints(model, info.vpc).endpoints.some((e) => isInterface(e.resource));
}
