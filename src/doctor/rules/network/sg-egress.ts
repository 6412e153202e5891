import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import type { Resource, TerraformModel } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';
import { ECR_SERVICES, ECS_SERVICES, ceSubnets, endpointVerdict, isInterface, vpcEndpoints, type Service, type SubnetInfo } from '../../views/network-paths';
import { egressVerdict, type Destination } from '../../views/security-groups';

/**
 * Instances and tasks need 443 to the endpoint security group / VPC CIDR and
 * to the S3 gateway endpoint's prefix list, or to 0.0.0.0/0 through NAT or an
 * internet gateway; Terraform strips a new group's default allow-all egress
 * ("NOTE on Egress rules" in the provider's aws_security_group page;
 * docs/aws-batch-facts.md#network-paths-to-ecs-ecr-and-logs).
 */
export const sgEgress: Rule = {
  id: 'BATCH_SG_EGRESS',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'security group egress cannot reach ECS/ECR/S3 on 443',
  why: 'Instances and Fargate tasks talk to ECS, ECR, CloudWatch Logs and S3 over HTTPS. Terraform removes the default allow-all egress rule of a security group it creates, so without an egress rule for 443 to the endpoints (or to 0.0.0.0/0 through NAT) nothing can register or pull, and jobs stay RUNNABLE.',
  fix: 'Allow egress TCP 443 to 0.0.0.0/0 (through NAT), or to the VPC CIDR / the endpoints\' security group and to the S3 gateway endpoint\'s prefix list (prefix_list_id).',
  link: 'https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/website/docs/r/security_group.html.markdown',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.kind === 'UNMANAGED') return undefined;
      const value = ce.compute?.['security_group_ids'];
      const groupRefs = model.resolveList(value);
      if (!groupRefs) return { unknown: `compute_resources.security_group_ids ${model.why(value) ?? 'is an expression'}` };
      if (groupRefs.length === 0) return undefined; // none set: the VPC default group allows all egress
      const groups = groupRefs.flatMap((r) => (r.kind === 'resource' && r.resource.type === 'aws_security_group' ? [r.resource] : []));
      if (groups.length !== groupRefs.length) {
        const other = groupRefs.find((r) => !(r.kind === 'resource' && r.resource.type === 'aws_security_group'))!;
        return { unknown: `compute_resources.security_group_ids: ${other.kind === 'unknown' ? `a security group ${other.reason}` : other.kind === 'literal' ? `security group ${String(other.value)} is not in this configuration` : 'a security group is not in this configuration'}` };
      }
      const subnets = ceSubnets(model, ce);
      const problems = new Set<string>();
      for (const info of subnets.subnets) {
        for (const [dest, label] of destinations(model, info, ce.fargate === true)) {
          if (egressVerdict(model, groups, dest) === 'no') problems.add(label);
        }
      }
      if (problems.size === 0 && !subnets.complete && subnets.why) return { unknown: subnets.why };
      return problems.size > 0 ? `security groups ${groups.map((g) => g.address).join(', ')} allow no egress on 443 to ${[...problems].join(', ')}` : undefined;
    });
  },
};

/**
 * Where this subnet's traffic to each AWS service goes: to its endpoint when
 * one serves the subnet (private DNS sends it there even with a NAT route),
 * else through NAT / internet gateway. Services with no path at all are the
 * network rules' business, not this one's.
 */
function destinations(model: TerraformModel, info: SubnetInfo, fargate: boolean): Array<[Destination, string]> {
  const { nat, igw } = info.routes;
  const internet = nat || (igw && (fargate || info.publicIpOnLaunch === true));
  // Fargate tasks run no ECS agent; they still pull images and ship logs.
  const services: readonly Service[] = fargate ? [...ECR_SERVICES, 'logs'] : [...ECS_SERVICES, ...ECR_SERVICES, 'logs'];
  const vpce = info.vpc ? vpcEndpoints(model, info.vpc) : undefined;
  const viaInterface = new Set<Resource>();
  const viaGateway = new Set<Resource>();
  let viaInternet = false;
  for (const service of services) {
    const verdict = endpointVerdict(model, info, service);
    if (verdict === 'yes') {
      for (const e of vpce?.endpoints ?? []) {
        if (e.service !== service) continue;
        (isInterface(e.resource) ? viaInterface : viaGateway).add(e.resource);
      }
    } else if (verdict === 'no' && internet) viaInternet = true;
  }
  const out: Array<[Destination, string]> = [];
  if (viaInternet) out.push([{ kind: 'internet' }, '0.0.0.0/0 (AWS service endpoints through NAT / internet gateway)']);
  const list = (s: Set<Resource>): string => [...s].map((e) => e.address).join(', ');
  if (viaInterface.size > 0 && info.vpc) out.push([{ kind: 'endpoints', vpc: info.vpc, endpoints: [...viaInterface] }, `the interface endpoints (${list(viaInterface)})`]);
  if (viaGateway.size > 0) out.push([{ kind: 's3', endpoints: [...viaGateway] }, `the S3 prefix list (${list(viaGateway)})`]);
  return out;
}
