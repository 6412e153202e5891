import {
  block,
  blocks,
  literalNumber,
  literalString,
  literalStrings,
  type Body,
  type Resource,
  type TerraformModel,
} from '../terraform/model';

/**
 * Compute environments, read once per model. Each field is either a known
 * value or `undefined` for "not knowable from the configuration" (an
 * expression); rules skip what they cannot know.
 */

export const CE_TYPE = 'aws_batch_compute_environment';

export type CePlatform = 'EC2' | 'SPOT' | 'FARGATE' | 'FARGATE_SPOT';

export interface ComputeEnvironment {
  readonly resource: Resource;
  /** `MANAGED` or `UNMANAGED`; undefined when an expression. */
  readonly kind?: string;
  /** compute_resources.type; undefined for UNMANAGED or an expression. */
  readonly platform?: CePlatform;
  readonly fargate?: boolean;
  readonly compute?: Body;
  readonly maxVcpus?: number;
  readonly minVcpus?: number;
  /** Literal instance_type entries; undefined when unknown or not set. */
  readonly instanceTypes?: readonly string[];
  /** The literal allocation strategy, `BEST_FIT` when not set (the API default); undefined when an expression. */
  readonly allocationStrategy?: string;
  /** ec2_configuration image types; [] when there is no ec2_configuration; undefined when unknown. */
  readonly imageTypes?: readonly string[];
  /**
   * Where a custom AMI comes from (image_id_override, or a launch template's
   * image_id), 'none' for the Batch-chosen ECS-optimised AMI, 'unknown' when a
   * launch template outside the configuration might set one.
   */
  readonly customImage: { readonly source: string } | 'none' | 'unknown';
  readonly state?: string;
}

export function computeEnvironments(model: TerraformModel): readonly ComputeEnvironment[] {
  return model.memoize('batch:ces', () => model.all(CE_TYPE).map((r) => readComputeEnvironment(model, r)));
}

export function computeEnvironment(model: TerraformModel, resource: Resource): ComputeEnvironment | undefined {
  const byAddress = model.memoize('batch:ce-by-address', () => new Map(computeEnvironments(model).map((ce) => [ce.resource.address, ce])));
  return byAddress.get(resource.address);
}

function readComputeEnvironment(model: TerraformModel, resource: Resource): ComputeEnvironment {
  const body = resource.body;
  const kind = literalString(body['type'])?.toUpperCase();
  const compute = block(body, 'compute_resources');
  const rawPlatform = literalString(compute?.['type'])?.toUpperCase();
  const platform = isPlatform(rawPlatform) ? rawPlatform : undefined;
  // ec2_configuration without image_type means ECS_AL2 (the API default).
  const ec2Blocks = blocks(compute, 'ec2_configuration');
  const imageTypes = ec2Blocks?.map((b) => (b['image_type'] === undefined ? 'ECS_AL2' : literalString(b['image_type'])?.toUpperCase()));
  const customImage = readCustomImage(model, compute, ec2Blocks);
  const strategy = compute?.['allocation_strategy'];
  const instanceTypes = literalStrings(compute?.['instance_type']);
  // A CE without `state` is ENABLED (the API default).
  const state = body['state'] === undefined ? 'ENABLED' : literalString(body['state'])?.toUpperCase();
  return {
    resource,
    ...(kind !== undefined ? { kind } : {}),
    ...(platform ? { platform, fargate: platform.startsWith('FARGATE') } : {}),
    ...(compute ? { compute } : {}),
    ...optionalNumber('maxVcpus', compute?.['max_vcpus']),
    ...optionalNumber('minVcpus', compute?.['min_vcpus'] ?? (compute ? 0 : undefined)),
    ...(instanceTypes && instanceTypes.length > 0 ? { instanceTypes } : {}),
    ...(strategy === undefined ? { allocationStrategy: 'BEST_FIT' } : literalString(strategy) ? { allocationStrategy: literalString(strategy)!.toUpperCase() } : {}),
    ...(imageTypes && imageTypes.every((t) => t !== undefined) ? { imageTypes: imageTypes as string[] } : {}),
    customImage,
    ...(state ? { state } : {}),
  };
}

function readCustomImage(model: TerraformModel, compute: Body | undefined, ec2Blocks: Body[] | undefined): ComputeEnvironment['customImage'] {
  if (ec2Blocks === undefined) return 'unknown';
  if (ec2Blocks.some((b) => b['image_id_override'] !== undefined)) return { source: 'ec2_configuration.image_id_override' };
  if (compute?.['image_id'] !== undefined) return { source: 'compute_resources.image_id' };
  const lt = block(compute, 'launch_template');
  if (!lt) return 'none';
  const template = model.target(lt['launch_template_id'] ?? lt['launch_template_name']);
  if (template?.type !== 'aws_launch_template') return 'unknown';
  // Batch uses a launch template's image_id unless image_id_override (checked above) replaces it.
  return template.body['image_id'] !== undefined ? { source: `${template.address}.image_id` } : 'none';
}

function isPlatform(v: string | undefined): v is CePlatform {
  return v === 'EC2' || v === 'SPOT' || v === 'FARGATE' || v === 'FARGATE_SPOT';
}

function optionalNumber<K extends string>(key: K, v: unknown): { [P in K]?: number } {
  const n = literalNumber(v);
  return (n === undefined ? {} : { [key]: n }) as { [P in K]?: number };
}

/**
 * The custom service role of a compute environment: `undefined` when the CE
 * uses the service-linked role (no service_role), else the role resource
 * when it is in this configuration, or 'unknown'.
 */
export function customServiceRole(model: TerraformModel, ce: ComputeEnvironment): Resource | 'unknown' | undefined {
  const value = ce.resource.body['service_role'];
  if (value === undefined || value === null || value === '') return undefined;
  const role = model.target(value);
  return role?.type === 'aws_iam_role' ? role : 'unknown';
}

export type InstanceRole =
  | { readonly kind: 'profile'; readonly profile?: Resource; readonly role?: Resource }
  | { readonly kind: 'role'; readonly what: string }
  | { readonly kind: 'unknown' };

/** Follow compute_resources.instance_role to an instance profile and its role. */
export function instanceRole(model: TerraformModel, ce: ComputeEnvironment): InstanceRole {
  const value = ce.compute?.['instance_role'];
  const literal = literalString(value);
  if (literal !== undefined) {
    if (/:role\//.test(literal)) return { kind: 'role', what: literal };
    return /:instance-profile\//.test(literal) ? { kind: 'profile' } : { kind: 'unknown' };
  }
  const target = model.target(value);
  if (target?.type === 'aws_iam_role') return { kind: 'role', what: target.address };
  if (target?.type !== 'aws_iam_instance_profile') return { kind: 'unknown' };
  const role = model.target(target.body['role']);
  return { kind: 'profile', profile: target, ...(role?.type === 'aws_iam_role' ? { role } : {}) };
}
