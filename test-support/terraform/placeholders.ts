/**
 * Values for attributes that are "known after apply" in a plan, so a plan can
 * become a prior state. Where the provider's own logic reads a value, it is
 * what AWS returns: a compute environment created without a service role
 * reads back the service-linked role, and only with that value does the
 * provider treat it as updatable in place
 * (docs/aws-batch-facts.md#what-makes-a-compute-environment-updatable). Elsewhere, values have the real shape (ids, ARNs, revisions) so that
 * anything reading them (a reference, a review of the state) sees the real
 * thing. Deterministic: derived from the resource address, never random.
 */
import { createHash } from 'node:crypto';
import type { CtyType } from './schema.js';

export interface PlaceholderContext {
  readonly region: string;
  readonly accountId: string;
  /** Full address, module path included: the seed for generated ids. */
  readonly address: string;
  readonly type: string;
  /** The resource's known planned values (top level), e.g. its name. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** Stable hex digits for a resource (and a purpose), like the random part of AWS ids. */
export function digest(seed: string, length: number, alphabet: 'hex' | 'digits' | 'upper' = 'hex'): string {
  const bytes = createHash('sha256').update(seed).digest();
  const chars = alphabet === 'hex' ? '0123456789abcdef' : alphabet === 'digits' ? '0123456789' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  for (let i = 0; out.length < length; i++) out += chars[bytes[i % bytes.length]! % chars.length];
  return out;
}

/** Terraform's id.PrefixedUniqueId: prefix + 26 digits (timestamp + counter). */
const uniqueSuffix = (ctx: PlaceholderContext) => `2025010100000000${digest(ctx.address, 10, 'digits')}`;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** EC2-style ids: prefix + 17 hex digits. */
const EC2_ID_PREFIX: Readonly<Record<string, string>> = {
  aws_vpc: 'vpc',
  aws_subnet: 'subnet',
  aws_security_group: 'sg',
  aws_route_table: 'rtb',
  aws_route_table_association: 'rtbassoc',
  aws_internet_gateway: 'igw',
  aws_egress_only_internet_gateway: 'eigw',
  aws_nat_gateway: 'nat',
  aws_eip: 'eipalloc',
  aws_vpc_endpoint: 'vpce',
  aws_launch_template: 'lt',
  aws_network_acl: 'acl',
  aws_vpc_security_group_egress_rule: 'sgr',
  aws_vpc_security_group_ingress_rule: 'sgr',
  aws_placement_group: 'pg',
  aws_ec2_managed_prefix_list: 'pl',
};

/** ARN resource part for EC2 resources whose ARN embeds the id. */
const EC2_ARN_TYPE: Readonly<Record<string, string>> = {
  aws_vpc: 'vpc',
  aws_subnet: 'subnet',
  aws_security_group: 'security-group',
  aws_route_table: 'route-table',
  aws_internet_gateway: 'internet-gateway',
  aws_nat_gateway: 'natgateway',
  aws_vpc_endpoint: 'vpc-endpoint',
  aws_launch_template: 'launch-template',
  aws_network_acl: 'network-acl',
  aws_vpc_security_group_egress_rule: 'security-group-rule',
  aws_vpc_security_group_ingress_rule: 'security-group-rule',
};

/** The resource's own name, as the provider would have chosen it from a prefix if needed. */
function nameOf(ctx: PlaceholderContext, nameAttr = 'name'): string {
  const known = str(ctx.values[nameAttr]);
  if (known) return known;
  const prefix = str(ctx.values[`${nameAttr}_prefix`]);
  return `${prefix ?? 'terraform-'}${uniqueSuffix(ctx)}`;
}

/** EFS ids: prefix + 17 hex digits. */
const EFS_ID_PREFIX: Readonly<Record<string, string>> = {
  aws_efs_file_system: 'fs',
  aws_efs_access_point: 'fsap',
  aws_efs_mount_target: 'fsmt',
};

function idOf(ctx: PlaceholderContext): string {
  const ec2 = EC2_ID_PREFIX[ctx.type] ?? EFS_ID_PREFIX[ctx.type];
  if (ec2) return `${ec2}-${digest(ctx.address, 17)}`;
  switch (ctx.type) {
    case 'aws_batch_compute_environment':
      return nameOf(ctx, 'compute_environment_name');
    case 'aws_batch_job_queue':
    case 'aws_batch_job_definition':
    case 'aws_batch_scheduling_policy':
    case 'aws_iam_policy':
    case 'aws_sns_topic':
      return arnOf(ctx);
    case 'aws_iam_role_policy_attachment':
      return `${str(ctx.values.role) ?? 'role'}-${uniqueSuffix(ctx)}`;
    case 'aws_iam_role_policy':
      return `${str(ctx.values.role) ?? 'role'}:${nameOf(ctx)}`;
    case 'aws_route':
      return `r-${str(ctx.values.route_table_id) ?? 'rtb'}${digest(ctx.address, 10, 'digits')}`;
    case 'aws_security_group_rule':
      return `sgrule-${digest(ctx.address, 10, 'digits')}`;
    case 'aws_scheduler_schedule':
      return `${str(ctx.values.group_name) ?? 'default'}/${nameOf(ctx)}`;
    default:
      return str(ctx.values.name) ?? str(ctx.values.name_prefix) ?? `${ctx.type.replace(/^aws_/, '')}-${digest(ctx.address, 17)}`;
  }
}

function arnOf(ctx: PlaceholderContext): string {
  const { region, accountId } = ctx;
  const regional = (service: string, resource: string) => `arn:aws:${service}:${region}:${accountId}:${resource}`;
  const iam = (resource: string) => `arn:aws:iam::${accountId}:${resource}`;
  const ec2 = EC2_ARN_TYPE[ctx.type];
  if (ec2) return regional('ec2', `${ec2}/${idOf(ctx)}`);
  switch (ctx.type) {
    case 'aws_batch_compute_environment':
      return regional('batch', `compute-environment/${nameOf(ctx, 'compute_environment_name')}`);
    case 'aws_batch_job_queue':
      return regional('batch', `job-queue/${nameOf(ctx)}`);
    case 'aws_batch_job_definition':
      // The revision ARN; arn_prefix is the same without ":1".
      return regional('batch', `job-definition/${nameOf(ctx)}:1`);
    case 'aws_batch_scheduling_policy':
      return regional('batch', `scheduling-policy/${nameOf(ctx)}`);
    case 'aws_iam_role':
      return iam(`role${str(ctx.values.path) ?? '/'}${nameOf(ctx)}`);
    case 'aws_iam_instance_profile':
      return iam(`instance-profile${str(ctx.values.path) ?? '/'}${nameOf(ctx)}`);
    case 'aws_iam_policy':
      return iam(`policy${str(ctx.values.path) ?? '/'}${nameOf(ctx)}`);
    case 'aws_cloudwatch_log_group':
      return regional('logs', `log-group:${nameOf(ctx)}`);
    case 'aws_sns_topic':
      return regional('sns', nameOf(ctx));
    case 'aws_sqs_queue':
      return regional('sqs', nameOf(ctx));
    case 'aws_cloudwatch_event_rule':
      return regional('events', `rule/${nameOf(ctx)}`);
    case 'aws_scheduler_schedule':
      return regional('scheduler', `schedule/${str(ctx.values.group_name) ?? 'default'}/${nameOf(ctx)}`);
    case 'aws_efs_file_system':
      return regional('elasticfilesystem', `file-system/${idOf(ctx)}`);
    case 'aws_efs_access_point':
      return regional('elasticfilesystem', `access-point/${idOf(ctx)}`);
    default: {
      const service = ctx.type.split('_')[1] ?? 'unknown';
      return regional(service, `${ctx.type.replace(/^aws_[a-z0-9]+_?/, '') || service}/${idOf(ctx)}`);
    }
  }
}

/** Top-level attributes whose value AWS (and the provider) determine, by resource type. */
function knownComputed(ctx: PlaceholderContext, attribute: string): unknown {
  const { region, accountId } = ctx;
  switch (`${ctx.type}.${attribute}`) {
    case 'aws_batch_compute_environment.service_role':
      // What Batch reports for an environment created without a service role;
      // the provider's "updatable" check requires exactly this.
      return `arn:aws:iam::${accountId}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch`;
    case 'aws_batch_compute_environment.ecs_cluster_arn':
      return `arn:aws:ecs:${region}:${accountId}:cluster/AWSBatch-${nameOf(ctx, 'compute_environment_name')}-${digest(ctx.address, 8)}-${digest(`${ctx.address}#c`, 4)}`;
    case 'aws_batch_compute_environment.status':
      return 'VALID';
    case 'aws_batch_compute_environment.status_reason':
      return 'ComputeEnvironment Healthy';
    case 'aws_batch_compute_environment.compute_environment_name':
      return nameOf(ctx, 'compute_environment_name');
    case 'aws_batch_job_definition.arn_prefix':
      return arnOf(ctx).replace(/:1$/, '');
    case 'aws_batch_job_definition.revision':
    case 'aws_launch_template.latest_version':
    case 'aws_launch_template.default_version':
      return 1;
    case 'aws_iam_role.unique_id':
      return `AROA${digest(ctx.address, 17, 'upper')}`;
    case 'aws_iam_instance_profile.unique_id':
      return `AIPA${digest(ctx.address, 17, 'upper')}`;
    case 'aws_iam_policy.policy_id':
      return `ANPA${digest(ctx.address, 17, 'upper')}`;
    case 'aws_cloudwatch_log_group.log_group_class':
      return 'STANDARD';
    case 'aws_vpc.default_network_acl_id':
      return `acl-${digest(`${ctx.address}#acl`, 17)}`;
    case 'aws_vpc.default_route_table_id':
    case 'aws_vpc.main_route_table_id':
      return `rtb-${digest(`${ctx.address}#rtb`, 17)}`;
    case 'aws_vpc.default_security_group_id':
      return `sg-${digest(`${ctx.address}#sg`, 17)}`;
    case 'aws_vpc.dhcp_options_id':
      return `dopt-${digest(`${ctx.address}#dopt`, 17)}`;
    case 'aws_subnet.availability_zone_id':
      return `${region}-az${(str(ctx.values.availability_zone) ?? 'a').slice(-1).charCodeAt(0) - 96}`;
    case 'aws_vpc_endpoint.prefix_list_id':
      return str(ctx.values.vpc_endpoint_type) === 'Gateway' ? `pl-${digest(ctx.address, 8)}` : '';
    case 'aws_vpc_endpoint.state':
      return 'available';
    case 'aws_eip.public_ip':
      return `203.0.113.${(parseInt(digest(ctx.address, 2), 16) % 250) + 1}`;
    case 'aws_eip.allocation_id':
      return idOf(ctx);
    default:
      return undefined;
  }
}

/**
 * A value for one unknown attribute. `path` is the attribute path inside the
 * resource (["arn"], ["compute_resources", 0, "desired_vcpus"]); `type` its
 * cty type from the provider schema.
 */
export function placeholder(ctx: PlaceholderContext, path: readonly (string | number)[], type: CtyType): unknown {
  if (path.length === 1) {
    const attribute = String(path[0]);
    const specific = knownComputed(ctx, attribute);
    if (specific !== undefined) return specific;
    if (attribute === 'id') return idOf(ctx);
    if (attribute === 'arn') return arnOf(ctx);
    if (attribute === 'owner_id' || attribute === 'account_id') return ctx.accountId;
    if (attribute === 'create_date') return '2025-01-01T00:00:00Z';
    if (attribute === 'name' && type === 'string') return nameOf(ctx);
  }
  return zeroValue(type);
}

/** The zero value of a cty type: what the SDK stores for an attribute AWS leaves unset. */
export function zeroValue(type: CtyType): unknown {
  if (type === 'string') return '';
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (type === 'dynamic') return null;
  const [kind, inner] = type;
  switch (kind) {
    case 'list':
    case 'set':
      return [];
    case 'map':
      return {};
    case 'object':
      return Object.fromEntries(Object.entries(inner as Record<string, CtyType>).map(([k, t]) => [k, zeroValue(t)]));
    case 'tuple':
      return (inner as CtyType[]).map(zeroValue);
    default:
      throw new Error(`unknown cty type ${JSON.stringify(type)}`);
  }
}

/** Recursively key-sorted copy of a JSON value. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

/** Go's encoding/json re-serialisation of a JSON object: keys sorted. */
function normalizedJsonString(value: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(value)));
  } catch {
    return value;
  }
}

/**
 * Values AWS (or the provider) stores in its own form, as read back after
 * apply. A job definition's container properties come back from
 * DescribeJobDefinitions re-serialised: keys in AWS's order (here: sorted,
 * an order our JSON never uses) and the environment sorted by name. With
 * this in the prior state, "a plan against A's own state shows no changes"
 * also proves the provider finds our JSON equivalent to AWS's
 * (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation)
 * instead of comparing it to itself.
 */
export function awsReadBack(type: string, attributes: Record<string, unknown>): Record<string, unknown> {
  const { container_properties: container, node_properties: nodes, event_pattern: pattern } = attributes;
  const sortEnvironment = (parsed: Record<string, unknown>): Record<string, unknown> =>
    Array.isArray(parsed.environment) ? { ...parsed, environment: [...(parsed.environment as { name: string }[])].sort((a, b) => a.name.localeCompare(b.name)) } : parsed;
  if (type === 'aws_batch_job_definition' && typeof container === 'string' && container) {
    return { ...attributes, container_properties: JSON.stringify(sortKeys(sortEnvironment(JSON.parse(container) as Record<string, unknown>))) };
  }
  // A multi-node job's node ranges come back the same way, each range's container like a container job's.
  if (type === 'aws_batch_job_definition' && typeof nodes === 'string' && nodes) {
    const parsed = JSON.parse(nodes) as { nodeRangeProperties?: Array<{ container?: Record<string, unknown> }> };
    for (const range of parsed.nodeRangeProperties ?? []) if (range.container) range.container = sortEnvironment(range.container);
    return { ...attributes, node_properties: JSON.stringify(sortKeys(parsed)) };
  }
  // The provider's StateFunc stores event patterns normalised.
  if (type === 'aws_cloudwatch_event_rule' && typeof pattern === 'string' && pattern) {
    return { ...attributes, event_pattern: normalizedJsonString(pattern) };
  }
  return attributes;
}
