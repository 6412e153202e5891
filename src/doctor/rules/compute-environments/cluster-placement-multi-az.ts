import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalString, type Resource, type TerraformModel } from '../../terraform/model';
import { computeEnvironments, type ComputeEnvironment } from '../../views/compute-environments';
import { ceSubnets } from '../../views/network-paths';

/**
 * A cluster placement group lives in one availability zone, and the Auto
 * Scaling group Batch runs a compute environment's instances through takes
 * no cluster group over several zones (docs/aws-batch-facts.md#cluster-placement-groups).
 * Judged only when the group and the subnets' zones are in the configuration:
 * literal subnet ids (an existing VPC) say nothing about their zones.
 */
export const ceClusterPlacementMultiAz: Rule = {
  id: 'BATCH_CE_CLUSTER_PLACEMENT_MULTI_AZ',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'cluster placement group over subnets in more than one availability zone',
  why: 'A cluster placement group is a grouping of instances within a single availability zone, and an Auto Scaling group cannot combine one with several zones. A compute environment whose subnets span zones cannot launch into it there ("The placement group is in use in another availability zone"): instances fail to start and jobs stay RUNNABLE.',
  fix: 'Give the compute environment the subnets of one availability zone only (or use a spread or partition placement group).',
  link: 'https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      const value = ce.compute?.['placement_group'];
      if (value !== undefined && value !== null && ce.fargate !== true && literalString(value) === undefined && !model.target(value)) {
        return { unknown: `compute_resources.placement_group ${model.why(value) ?? 'is an expression'}` };
      }
      const group = clusterGroup(model, ce);
      if (!group) return undefined;
      const zones = new Map<string, string[]>();
      const subnets = ceSubnets(model, ce);
      if (!subnets.complete) return { unknown: `compute_resources.subnets: ${subnets.why ?? 'a subnet is not in this configuration'}, so their zones are not known` };
      for (const { subnet } of subnets.subnets) {
        const name = literalString(subnet.body['availability_zone']);
        const id = literalString(subnet.body['availability_zone_id']);
        const zone = name ?? (id !== undefined ? `zone id ${id}` : undefined);
        if (zone !== undefined) zones.set(zone, [...(zones.get(zone) ?? []), subnet.address]);
      }
      // Zone names and zone ids cannot be compared with each other.
      const kinds = new Set([...zones.keys()].map((z) => z.startsWith('zone id ')));
      if (zones.size < 2 || kinds.size > 1) return undefined;
      const listed = [...zones].map(([zone, subnets]) => `${zone} (${subnets.join(', ')})`).join(', ');
      return `launches into cluster placement group ${group.address}, but its subnets are in ${zones.size} availability zones: ${listed}`;
    });
  },
};

/** The aws_placement_group with strategy cluster that compute_resources.placement_group names, when it is in the configuration. */
function clusterGroup(model: TerraformModel, ce: ComputeEnvironment): Resource | undefined {
  const value = ce.compute?.['placement_group'];
  if (value === undefined || value === null || ce.fargate !== false) return undefined;
  const target = model.target(value);
  const name = literalString(value);
  const group = target?.type === 'aws_placement_group' ? target : name !== undefined ? model.all('aws_placement_group').find((g) => literalString(g.body['name']) === name) : undefined;
  return group && literalString(group.body['strategy'])?.toLowerCase() === 'cluster' ? group : undefined;
}
