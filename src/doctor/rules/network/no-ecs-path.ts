import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';
import { ECS_SERVICES, ceSubnets, describeRoutes, reach } from '../../views/network-paths';

/**
 * BATCH-FACTS: "no network path from instances/tasks to the ECS endpoints" —
 * public IP + internet gateway route, or a NAT route, or interface endpoints
 * ecs, ecs-agent and ecs-telemetry (with private DNS).
 */
export const netNoEcsPath: Rule = {
  id: 'BATCH_NET_NO_ECS_PATH',
  severity: 'error',
  title: 'no network path from compute environment subnets to ECS',
  why: 'The ECS agent on each instance must reach the ECS service to register. In a subnet without a NAT route, without a public IP and internet gateway, and without ecs, ecs-agent and ecs-telemetry endpoints, instances never join the cluster and jobs stay RUNNABLE.',
  fix: 'Route 0.0.0.0/0 from the subnets to a NAT gateway, or add interface endpoints for ecs, ecs-agent and ecs-telemetry (private_dns_enabled = true), or use public subnets with map_public_ip_on_launch.',
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      // Fargate tasks need no ECS agent path; their image/log paths are job-level rules.
      if (ce.fargate !== false) continue;
      const bad: string[] = [];
      for (const info of ceSubnets(model, ce).subnets) {
        const r = reach(model, info, info.publicIpOnLaunch, ECS_SERVICES);
        if (r.verdict !== 'no') continue;
        const ip = info.routes.igw && !info.publicIpOnLaunch ? ', and instances get no public IP (map_public_ip_on_launch is off)' : '';
        bad.push(`${info.subnet.address}: ${describeRoutes(info)}${ip}; no endpoint for ${r.missing.join(', ')}`);
      }
      if (bad.length > 0) out.push(finding(this, ce.resource, `instances cannot reach ECS from ${bad.join('; ')}`));
    }
    return out;
  },
};
