import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';
import { ceSubnets, describeRoutes, ECS_SERVICES, reach } from '../../views/network-paths';

/**
 * Instances reach ECS through a public IP and an internet gateway route, a
 * NAT route, or the ecs, ecs-agent and ecs-telemetry interface endpoints
 * with private DNS (docs/aws-batch-facts.md#network-paths-to-ecs-ecr-and-logs).
 */
export const netNoEcsPath: Rule = {
  id: 'BATCH_NET_NO_ECS_PATH',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'no network path from compute environment subnets to ECS',
  why: 'The ECS agent on each instance must reach the ECS service to register. In a subnet without a NAT route, without a public IP and internet gateway, and without ecs, ecs-agent and ecs-telemetry endpoints, instances never join the cluster and jobs stay RUNNABLE.',
  fix: 'Route 0.0.0.0/0 from the subnets to a NAT gateway, or add interface endpoints for ecs, ecs-agent and ecs-telemetry (private_dns_enabled = true), or use public subnets with map_public_ip_on_launch.',
  link: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      // Fargate tasks need no ECS agent path; their image/log paths are job-level rules.
      if (ce.fargate === true || ce.kind === 'UNMANAGED') return undefined;
      if (ce.fargate === undefined) return ce.why.platform ? { unknown: ce.why.platform } : undefined;
      const bad: string[] = [];
      const subnets = ceSubnets(model, ce);
      for (const info of subnets.subnets) {
        const r = reach(model, info, info.publicIpOnLaunch, ECS_SERVICES);
        if (r.verdict !== 'no') continue;
        const ip = info.routes.igw && !info.publicIpOnLaunch ? ', and instances get no public IP (map_public_ip_on_launch is off)' : '';
        bad.push(`${info.subnet.address}: ${describeRoutes(info)}${ip}; no endpoint for ${r.missing.join(', ')}`);
      }
      if (bad.length > 0) return `instances cannot reach ECS from ${bad.join('; ')}`;
      return !subnets.complete && subnets.why ? { unknown: subnets.why } : undefined;
    });
  },
};
