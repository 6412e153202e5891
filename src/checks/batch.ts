import { decodeJsonAttribute } from './encoded-json';
import {
  block,
  blocks,
  isPlainObject,
  literalNumber,
  literalString,
  literalStrings,
  type Body,
  type Resolved,
  type Resource,
  type TerraformModel,
} from './model';

/**
 * Typed views of the three AWS Batch resources, read once per model. Each
 * field is either a known value or `undefined` for "not knowable from the
 * configuration" (an expression); rules skip what they cannot know.
 */

export const CE_TYPE = 'aws_batch_compute_environment';
export const QUEUE_TYPE = 'aws_batch_job_queue';
export const JOB_TYPE = 'aws_batch_job_definition';

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

export interface QueueEntry {
  /** The compute environment, when the entry refers to one in this configuration. */
  readonly ce?: ComputeEnvironment;
  readonly order?: number;
}

export interface JobQueue {
  readonly resource: Resource;
  /** Entries in order; `known` is false when some entry (or the list) cannot be followed. */
  readonly entries: readonly QueueEntry[];
  readonly known: boolean;
  /** Uses the deprecated `compute_environments` list. */
  readonly deprecatedList: boolean;
  readonly state?: string;
}

export function jobQueues(model: TerraformModel): readonly JobQueue[] {
  return model.memoize('batch:queues', () => model.all(QUEUE_TYPE).map((r) => readQueue(model, r)));
}

export function jobQueue(model: TerraformModel, address: string): JobQueue | undefined {
  const byAddress = model.memoize('batch:queue-by-address', () => new Map(jobQueues(model).map((q) => [q.resource.address, q])));
  return byAddress.get(address);
}

function readQueue(model: TerraformModel, resource: Resource): JobQueue {
  const body = resource.body;
  const entries: QueueEntry[] = [];
  let known = true;
  const deprecatedList = body['compute_environments'] !== undefined;
  const follow = (r: Resolved, order: number | undefined): void => {
    const ce = r.kind === 'resource' && r.resource.type === CE_TYPE ? computeEnvironment(model, r.resource) : undefined;
    if (!ce) known = false;
    entries.push({ ...(ce ? { ce } : {}), ...(order !== undefined ? { order } : {}) });
  };
  const order = blocks(body, 'compute_environment_order');
  if (order === undefined) known = false;
  for (const entry of order ?? []) follow(model.resolve(entry['compute_environment']), literalNumber(entry['order']));
  if (deprecatedList) {
    // The deprecated list is ordered by position (provider 5.x).
    const list = model.resolveList(body['compute_environments']);
    if (!list) known = false;
    (list ?? []).forEach((r, i) => follow(r, i + 1));
  }
  const state = literalString(body['state'])?.toUpperCase();
  return { resource, entries, known, deprecatedList, ...(state ? { state } : {}) };
}

export interface ResourceNeeds {
  readonly vcpus?: number;
  readonly memoryMiB?: number;
  /** 0 when no GPU requirement is set. */
  readonly gpus?: number;
}

export interface JobDefinition {
  readonly resource: Resource;
  /** Decoded container_properties; undefined when absent or not decodable. */
  readonly container?: Record<string, unknown>;
  /** From platform_capabilities (default EC2); undefined when an expression. */
  readonly fargate?: boolean;
  readonly needs: ResourceNeeds;
  /** Queues named by the `//.queue` hint; undefined when there is no hint. */
  readonly queueHint?: readonly string[];
}

export function jobDefinitions(model: TerraformModel): readonly JobDefinition[] {
  return model.memoize('batch:jobs', () => model.all(JOB_TYPE).map(readJobDefinition));
}

function readJobDefinition(resource: Resource): JobDefinition {
  const body = resource.body;
  // Only container jobs are read; multinode and EKS/ECS-properties jobs have other shapes.
  const type = literalString(body['type']) ?? 'container';
  const container = type === 'container' ? decodeJsonAttribute(body['container_properties']) : undefined;
  const caps = literalStrings(body['platform_capabilities']);
  const fargate = caps === undefined ? undefined : caps.includes('FARGATE');
  return {
    resource,
    ...(container ? { container } : {}),
    ...(fargate !== undefined ? { fargate } : {}),
    needs: container ? readNeeds(container) : {},
    ...queueHint(body),
  };
}

/**
 * resourceRequirements wins over the legacy top-level `vcpus`/`memory`
 * (the API rejects jobs that set both for the same resource).
 */
function readNeeds(container: Record<string, unknown>): ResourceNeeds {
  const out: { vcpus?: number; memoryMiB?: number; gpus?: number } = {};
  const reqs = container['resourceRequirements'];
  let unknownGpu = false;
  if (Array.isArray(reqs)) {
    for (const r of reqs) {
      if (!isPlainObject(r)) continue;
      const t = literalString(r['type'])?.toUpperCase();
      const v = literalNumber(r['value']);
      if (t === 'VCPU' && v !== undefined) out.vcpus = v;
      if (t === 'MEMORY' && v !== undefined) out.memoryMiB = v;
      if (t === 'GPU') v !== undefined ? (out.gpus = v) : (unknownGpu = true);
      if (t === undefined) unknownGpu = true;
    }
  } else if (reqs !== undefined) unknownGpu = true;
  if (out.vcpus === undefined && container['vcpus'] !== undefined) {
    const v = literalNumber(container['vcpus']);
    if (v !== undefined) out.vcpus = v;
  }
  if (out.memoryMiB === undefined && container['memory'] !== undefined) {
    const m = literalNumber(container['memory']);
    if (m !== undefined) out.memoryMiB = m;
  }
  if (out.gpus === undefined && !unknownGpu) out.gpus = 0;
  return out;
}

/**
 * The job definition → queue hint: `"//": { "queue": "aws_batch_job_queue.<name>" }`
 * (a string or a list; `${...}` around the address is accepted). cdktf keeps
 * `//` keys in the JSON and Terraform ignores them; in a construct:
 * `jobDefinition.addOverride('//.queue', 'aws_batch_job_queue.main')`.
 */
function queueHint(body: Body): { queueHint?: readonly string[] } {
  const comment = body['//'];
  const hint = isPlainObject(comment) ? comment['queue'] : undefined;
  if (hint === undefined) return {};
  const list = Array.isArray(hint) ? hint : [hint];
  const addresses = list
    .filter((h): h is string => typeof h === 'string')
    .map((h) => h.replace(/^\$\{\s*/, '').replace(/\s*\}$/, '').split('.').slice(0, 2).join('.'));
  return { queueHint: addresses };
}
