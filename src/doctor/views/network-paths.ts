import { blocks, literalBool, literalString, type Resource, type TerraformModel } from '../terraform/model';
import type { ComputeEnvironment } from './compute-environments';

/**
 * Network paths from a subnet to AWS service endpoints, following
 * subnet → route table association (or the VPC's main table) → default
 * routes → NAT / internet gateway, and the VPC's endpoints. Three answers:
 * 'yes', 'no', 'maybe'; rules fire only on 'no'.
 */

export type Verdict = 'yes' | 'no' | 'maybe';

/** Endpoint services jobs need (docs/aws-batch-facts.md#network-paths-to-ecs-ecr-and-logs). */
export type Service = 'ecs' | 'ecs-agent' | 'ecs-telemetry' | 'ecr.api' | 'ecr.dkr' | 'logs' | 's3';
const SERVICES: readonly Service[] = ['ecs-agent', 'ecs-telemetry', 'ecs', 'ecr.api', 'ecr.dkr', 'logs', 's3'];

export const ECS_SERVICES: readonly Service[] = ['ecs', 'ecs-agent', 'ecs-telemetry'];
export const ECR_SERVICES: readonly Service[] = ['ecr.api', 'ecr.dkr', 's3'];

/** What the default (0.0.0.0/0) routes of a subnet's route tables lead to. */
export interface DefaultRoutes {
  readonly nat: boolean;
  readonly igw: boolean;
  /** A route (or table) we cannot see through: transit gateway, peering, an expression. */
  readonly unknown: boolean;
  readonly routeTables: readonly Resource[];
}

export interface SubnetInfo {
  readonly subnet: Resource;
  readonly vpc?: Resource;
  readonly routes: DefaultRoutes;
  /** map_public_ip_on_launch; undefined when an expression. */
  readonly publicIpOnLaunch?: boolean;
}

export function subnetInfo(model: TerraformModel, subnet: Resource): SubnetInfo {
  return model.memoize(`subnet:${subnet.address}`, () => {
    const vpc = model.target(subnet.body['vpc_id']);
    const publicIp = subnet.body['map_public_ip_on_launch'] === undefined ? false : literalBool(subnet.body['map_public_ip_on_launch']);
    return {
      subnet,
      ...(vpc?.type === 'aws_vpc' ? { vpc } : {}),
      routes: defaultRoutes(model, subnet, vpc?.type === 'aws_vpc' ? vpc : undefined),
      ...(publicIp !== undefined ? { publicIpOnLaunch: publicIp } : {}),
    };
  });
}

function defaultRoutes(model: TerraformModel, subnet: Resource, vpc: Resource | undefined): DefaultRoutes {
  const tables: Resource[] = [];
  let unknown = false;
  const addTable = (value: unknown): void => {
    const t = model.target(value);
    if (t && (t.type === 'aws_route_table' || t.type === 'aws_default_route_table')) tables.push(t);
    else unknown = true;
  };
  const associations = model.referrers('aws_route_table_association', 'subnet_id', subnet);
  for (const a of associations) addTable(a.body['route_table_id']);
  if (associations.length === 0) {
    // An unassociated subnet uses the VPC's main route table.
    if (!vpc) unknown = true;
    else {
      const main = model.referrers('aws_main_route_table_association', 'vpc_id', vpc);
      const adopted = model.all('aws_default_route_table').filter((t) => model.target(t.body['default_route_table_id']) === vpc);
      if (main.length > 0) for (const m of main) addTable(m.body['route_table_id']);
      else tables.push(...adopted);
      // Otherwise: the VPC's untouched main table, which only has the local route.
    }
  }
  let nat = false;
  let igw = false;
  for (const table of tables) {
    const inline = blocks(table.body, 'route');
    if (!inline) unknown = true;
    const routes = [
      ...(inline ?? []).map((r) => ({ dest: r['cidr_block'], route: r })),
      ...model.referrers('aws_route', 'route_table_id', table).map((r) => ({ dest: r.body['destination_cidr_block'], route: r.body })),
    ];
    for (const { dest, route } of routes) {
      if (dest === undefined || dest === '') continue; // an IPv6 or prefix-list route
      const cidr = literalString(dest);
      if (cidr === undefined) {
        unknown = true;
        continue;
      }
      if (cidr !== '0.0.0.0/0') continue;
      const target = routeTarget(model, route);
      if (target === 'nat') nat = true;
      else if (target === 'igw') igw = true;
      else unknown = true;
    }
  }
  return { nat, igw, unknown, routeTables: tables };
}

const OTHER_TARGETS = [
  'transit_gateway_id', 'vpc_peering_connection_id', 'network_interface_id', 'instance_id',
  'vpc_endpoint_id', 'carrier_gateway_id', 'core_network_arn', 'local_gateway_id', 'egress_only_gateway_id',
];

function routeTarget(model: TerraformModel, route: Readonly<Record<string, unknown>>): 'nat' | 'igw' | 'other' {
  const set = (k: string): boolean => route[k] !== undefined && route[k] !== null && route[k] !== '';
  if (set('nat_gateway_id')) {
    const natGw = model.target(route['nat_gateway_id']);
    // A private NAT gateway does not reach the internet (it may reach a transit gateway).
    return natGw && literalString(natGw.body['connectivity_type']) === 'private' ? 'other' : 'nat';
  }
  if (OTHER_TARGETS.some(set)) return 'other';
  if (set('gateway_id')) {
    const gw = model.target(route['gateway_id']);
    if (gw?.type === 'aws_internet_gateway') return 'igw';
    if (literalString(route['gateway_id'])?.startsWith('igw-')) return 'igw';
  }
  return 'other';
}

interface Endpoint {
  readonly resource: Resource;
  readonly service: Service;
}

interface VpcEndpoints {
  readonly endpoints: readonly Endpoint[];
  /** Some endpoint's service cannot be read (for_each over names, an expression). */
  readonly unknown: boolean;
}

export function vpcEndpoints(model: TerraformModel, vpc: Resource): VpcEndpoints {
  return model.memoize(`endpoints:${vpc.address}`, () => {
    const endpoints: Endpoint[] = [];
    let unknown = false;
    for (const r of model.referrers('aws_vpc_endpoint', 'vpc_id', vpc)) {
      const service = serviceOf(r.body['service_name']);
      if (service === 'unknown') unknown = true;
      else if (service) endpoints.push({ resource: r, service });
    }
    return { endpoints, unknown };
  });
}

/**
 * The service an endpoint's `service_name` names, by suffix: the region part
 * is often an expression (`com.amazonaws.${var.region}.ecr.dkr`), the suffix
 * is what matters. `unknown` when the suffix itself is an expression.
 */
export function serviceOf(name: unknown): Service | 'unknown' | undefined {
  if (typeof name !== 'string') return 'unknown';
  const tail = name.slice(name.lastIndexOf('}') + 1);
  if (name.includes('${') && !tail.includes('.')) return 'unknown';
  return SERVICES.find((s) => tail.endsWith(`.${s}`));
}

/** Is this interface endpoint usable by name from inside the VPC? Needs private DNS (Terraform's default is false). */
export function isInterface(endpoint: Resource): boolean | undefined {
  const t = endpoint.body['vpc_endpoint_type'];
  if (t === undefined) return false; // the provider's default is Gateway
  const s = literalString(t);
  return s === undefined ? undefined : s.toLowerCase() === 'interface';
}

function endpointServes(model: TerraformModel, endpoint: Resource, info: SubnetInfo): Verdict {
  const iface = isInterface(endpoint);
  if (iface === undefined) return 'maybe';
  if (iface) {
    // The ECS agent, Docker and the awslogs driver use the services' public
    // DNS names; only private DNS points those names at the endpoint.
    const dns = endpoint.body['private_dns_enabled'] === undefined ? false : literalBool(endpoint.body['private_dns_enabled']);
    return dns === undefined ? 'maybe' : dns ? 'yes' : 'no';
  }
  // A gateway endpoint (S3) only serves subnets whose route table it is attached to.
  if (info.routes.unknown && info.routes.routeTables.length === 0) return 'maybe';
  const attached = model.resolveList(endpoint.body['route_table_ids']);
  if (!attached) return 'maybe';
  const tables = new Set(attached.flatMap((r) => (r.kind === 'resource' ? [r.resource.address] : [])));
  for (const a of model.referrers('aws_vpc_endpoint_route_table_association', 'vpc_endpoint_id', endpoint)) {
    const t = model.target(a.body['route_table_id']);
    if (t) tables.add(t.address);
    else return 'maybe';
  }
  if (info.routes.routeTables.some((t) => tables.has(t.address))) return 'yes';
  return attached.some((r) => r.kind !== 'resource') ? 'maybe' : 'no';
}

/** Whether a subnet can use an endpoint of `service`. */
export function endpointVerdict(model: TerraformModel, info: SubnetInfo, service: Service): Verdict {
  if (!info.vpc) return 'maybe';
  const vpce = vpcEndpoints(model, info.vpc);
  let verdict: Verdict = vpce.unknown ? 'maybe' : 'no';
  for (const e of vpce.endpoints) {
    if (e.service !== service) continue;
    const v = endpointServes(model, e.resource, info);
    if (v === 'yes') return 'yes';
    if (v === 'maybe') verdict = 'maybe';
  }
  return verdict;
}

export interface Reach {
  readonly verdict: Verdict;
  /** Services with no usable endpoint, for the message. */
  readonly missing: readonly Service[];
  /** The subnet's default routes lead to an internet gateway only. */
  readonly igwOnly: boolean;
}

/**
 * Can something in this subnet reach all of `services`? Through a NAT route,
 * through an internet gateway route with a public IP, or through endpoints
 * (`'internet'`: only the first two count).
 */
export function reach(model: TerraformModel, info: SubnetInfo, publicIp: boolean | undefined, services: readonly Service[] | 'internet'): Reach {
  const { nat, igw, unknown } = info.routes;
  const igwOnly = igw && !nat;
  if (nat || (igw && publicIp === true)) return { verdict: 'yes', missing: [], igwOnly };
  if (services === 'internet') {
    // Public registries (Docker Hub, public.ecr.aws) have no VPC endpoint.
    return { verdict: unknown || (igw && publicIp === undefined) ? 'maybe' : 'no', missing: [], igwOnly };
  }
  const verdicts = services.map((s) => [s, endpointVerdict(model, info, s)] as const);
  const missing = verdicts.filter(([, v]) => v === 'no').map(([s]) => s);
  if (verdicts.every(([, v]) => v === 'yes')) return { verdict: 'yes', missing, igwOnly };
  if (unknown || (igw && publicIp === undefined) || verdicts.some(([, v]) => v === 'maybe')) return { verdict: 'maybe', missing, igwOnly };
  return { verdict: 'no', missing, igwOnly };
}

/**
 * The subnets of a compute environment that are in this configuration;
 * `complete` is false when some subnet is a literal id or an expression.
 */
export function ceSubnets(model: TerraformModel, ce: ComputeEnvironment): { subnets: SubnetInfo[]; complete: boolean; why?: string } {
  // Asked for every job definition of every queue: once per compute environment.
  return model.memoize(`ce-subnets:${ce.resource.address}`, () => readCeSubnets(model, ce));
}

function readCeSubnets(model: TerraformModel, ce: ComputeEnvironment): { subnets: SubnetInfo[]; complete: boolean; why?: string } {
  const value = ce.compute?.['subnets'];
  const list = model.resolveList(value);
  const subnets = (list ?? []).flatMap((r) => (r.kind === 'resource' && r.resource.type === 'aws_subnet' ? [subnetInfo(model, r.resource)] : []));
  const complete = list !== undefined && subnets.length === list.length && subnets.length > 0;
  if (complete) return { subnets, complete };
  const unknown = list?.find((r) => r.kind === 'unknown');
  const other = list?.find((r) => r.kind === 'literal');
  const why = !ce.compute
    ? undefined
    : list === undefined
      ? `compute_resources.subnets ${model.why(value) ?? 'is an expression'}`
      : unknown?.kind === 'unknown'
        ? `compute_resources.subnets: a subnet ${unknown.reason}`
        : other?.kind === 'literal'
          ? `compute_resources.subnets: subnet ${String(other.value)} is not in this configuration`
          : list.length === 0 ? undefined : 'compute_resources.subnets: a subnet is not in this configuration';
  return { subnets, complete, ...(why ? { why } : {}) };
}

/** "route table aws_route_table.private has no NAT or internet gateway route" style context for messages. */
export function describeRoutes(info: SubnetInfo): string {
  const tables = info.routes.routeTables.map((t) => t.address);
  const where = tables.length > 0 ? `route table ${tables.join(', ')}` : 'the VPC main route table';
  if (info.routes.nat) return `${where} routes 0.0.0.0/0 to a NAT gateway`;
  if (info.routes.igw) return `${where} routes 0.0.0.0/0 to an internet gateway`;
  return `${where} has no NAT or internet gateway route`;
}
