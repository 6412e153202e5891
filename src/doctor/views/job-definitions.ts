import { decodeJsonAttribute } from '../terraform/encoded-json';
import { isPlainObject, literalNumber, literalString, literalStrings, type Body, type Resource, type TerraformModel } from '../terraform/model';
import { refsIn } from '../terraform/refs';
import { CONTAINER_KEYS } from './container-keys';

/**
 * Job definitions, read once per model: every container (the one of a
 * container job, or each node range's of a multi-node parallel job) with the
 * resources it asks for, the platform, and the queue it is made for when the
 * configuration says so. A rule about what a container sets reads
 * `containers`, so node ranges are never skipped.
 */

export const JOB_TYPE = 'aws_batch_job_definition';

export interface ResourceNeeds {
  readonly vcpus?: number;
  readonly memoryMiB?: number;
  /** 0 when no GPU requirement is set. */
  readonly gpus?: number;
}

/** One container of a job definition. */
export interface JobContainer {
  /** `""` for a container job, `node range 1:3` for a multi-node range: for messages. */
  readonly where: string;
  readonly container: Readonly<Record<string, unknown>>;
  /** What this container asks for. */
  readonly needs: ResourceNeeds;
}

export interface JobDefinition {
  readonly resource: Resource;
  /** Decoded container_properties of a container job; undefined when absent, not decodable, or multi-node. */
  readonly container?: Record<string, unknown>;
  /** Every container: container_properties, or each node range's of node_properties. */
  readonly containers: readonly JobContainer[];
  /** A multi-node parallel job (`type` multinode, or node_properties). */
  readonly multiNode: boolean;
  /** Decoded node_properties of a multi-node job. */
  readonly nodeProperties?: Record<string, unknown>;
  /** From platform_capabilities (default EC2); undefined when an expression. */
  readonly fargate?: boolean;
  /** The job's needs: the container's; for a multi-node job, known only when every range asks the same. */
  readonly needs: ResourceNeeds;
  /** Queues named by the `//.queue` hint; undefined when there is no hint. */
  readonly queueHint?: readonly string[];
  /** Why `container` or `fargate` is undefined, when a value is unknown: "container_properties comes from var.container". */
  readonly why: Readonly<Partial<Record<'container' | 'platform' | 'needs', string>>>;
}

export function jobDefinitions(model: TerraformModel): readonly JobDefinition[] {
  return model.memoize('batch:jobs', () => model.all(JOB_TYPE).map((r) => readJobDefinition(model, r)));
}

function readJobDefinition(model: TerraformModel, resource: Resource): JobDefinition {
  const body = resource.body;
  const why: { container?: string; platform?: string; needs?: string } = {};
  const type = literalString(body['type'])?.toLowerCase() ?? 'container';
  const nodeProperties = decodeJsonAttribute(body['node_properties']);
  const multiNode = type === 'multinode' || nodeProperties !== undefined;
  const raw = body['container_properties'];
  const decoded = type === 'container' && !multiNode ? decodeJsonAttribute(raw) : undefined;
  const container = decoded ? canonicalKeys(decoded) : undefined;
  if (type === 'container' && !multiNode && !container && raw !== undefined) why.container = `container_properties ${model.why(raw) ?? 'is not a JSON object'}`;
  if (multiNode && !nodeProperties && body['node_properties'] !== undefined) why.container = `node_properties ${model.why(body['node_properties']) ?? 'is not a JSON object'}`;
  const caps = literalStrings(body['platform_capabilities']);
  if (caps === undefined) why.platform = `platform_capabilities ${model.why(body['platform_capabilities']) ?? 'is an expression'}`;
  const fargate = caps === undefined ? undefined : caps.includes('FARGATE');
  const unknownNeeds = (what: string): void => void (why.needs ??= what);
  const containers: JobContainer[] = multiNode
    ? nodeRangeContainers(nodeProperties, unknownNeeds)
    : container
      ? [{ where: '', container, needs: readNeeds(container, unknownNeeds) }]
      : [];
  return {
    resource,
    ...(container ? { container } : {}),
    containers,
    multiNode,
    ...(nodeProperties ? { nodeProperties } : {}),
    ...(fargate !== undefined ? { fargate } : {}),
    needs: containers.length === 1 ? containers[0]!.needs : {},
    ...queueHint(body),
    why,
  };
}

/**
 * What `judge` says of each container, prefixed with where it is for a
 * multi-node job (`node range 0: ...`), joined; undefined when it says
 * nothing of any; `{ unknown }` when the containers are not known (a
 * document the configuration does not decide), so the check is listed as
 * skipped.
 */
export function eachContainer(jd: JobDefinition, judge: (container: Readonly<Record<string, unknown>>) => string | undefined): string | { unknown: string } | undefined {
  if (jd.containers.length === 0 && jd.why.container) return { unknown: jd.why.container };
  const said = jd.containers.flatMap((c) => {
    const message = judge(c.container);
    return message === undefined ? [] : [c.where ? `${c.where}: ${message}` : message];
  });
  return said.length > 0 ? said.join('; ') : undefined;
}

/** Each node range's container, keys matched case-insensitively as the provider's JSON decoding does. */
function nodeRangeContainers(nodeProperties: Record<string, unknown> | undefined, unknown: (what: string) => void): JobContainer[] {
  const ranges = field(nodeProperties, 'nodeRangeProperties');
  return (Array.isArray(ranges) ? ranges : []).flatMap((range) => {
    const found = field(range, 'container');
    if (!isPlainObject(found)) return [];
    const container = canonicalKeys(found);
    return [{ where: `node range ${String(literalString(field(range, 'targetNodes')) ?? '?')}`, container, needs: readNeeds(container, unknown) }];
  });
}

/** `object[key]`, matching the key case-insensitively as the provider's JSON decoding does. */
export function field(object: unknown, key: string): unknown {
  if (!isPlainObject(object)) return undefined;
  if (key in object) return object[key];
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : object[found];
}

/**
 * The provider decodes container_properties with Go's encoding/json, which
 * matches keys to the API's fields ignoring case
 * (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation):
 * `logconfiguration` is logConfiguration. The view spells every key the API's
 * way, so rules read one spelling; keys that match nothing stay as written.
 */
function canonicalKeys(container: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(container)) {
    const known = CANONICAL.get(key.toLowerCase());
    out[known ?? key] = NESTED[known ?? ''] ? NESTED[known!]!(value) : value;
  }
  return out;
}

const CANONICAL = new Map(CONTAINER_KEYS.map((k) => [k.toLowerCase(), k] as const));

/** Fields of the nested objects rules read, in the API's spelling. */
const nested = (fields: readonly string[]) => {
  const names = new Map(fields.map((f) => [f.toLowerCase(), f] as const));
  const fix = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(fix);
    if (!isPlainObject(v)) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [names.get(k.toLowerCase()) ?? k, x]));
  };
  return fix;
};

const NESTED: Readonly<Record<string, (v: unknown) => unknown>> = {
  resourceRequirements: nested(['type', 'value']),
  environment: nested(['name', 'value']),
  secrets: nested(['name', 'valueFrom']),
  logConfiguration: nested(['logDriver', 'options', 'secretOptions']),
  networkConfiguration: nested(['assignPublicIp']),
};

/**
 * resourceRequirements wins over the legacy top-level `vcpus`/`memory`
 * (the API rejects jobs that set both for the same resource).
 */
function readNeeds(container: Record<string, unknown>, unknown: (what: string) => void): ResourceNeeds {
  const out: { vcpus?: number; memoryMiB?: number; gpus?: number } = {};
  // An unknown value stays in the decoded document as its `${...}` text: name it, so a skipped check says which value.
  const note = (t: string, v: unknown): void => {
    if (v !== undefined && literalNumber(v) === undefined) unknown(`the ${t} requirement is ${typeof v === 'string' ? v : 'an expression'}, not a known number`);
  };
  const reqs = container['resourceRequirements'];
  let unknownGpu = false;
  if (Array.isArray(reqs)) {
    for (const r of reqs) {
      if (!isPlainObject(r)) continue;
      const t = literalString(r['type'])?.toUpperCase();
      const v = literalNumber(r['value']);
      if (t === 'VCPU' || t === 'MEMORY' || t === 'GPU') note(t, r['value']);
      if (t === 'VCPU' && v !== undefined) out.vcpus = v;
      if (t === 'MEMORY' && v !== undefined) out.memoryMiB = v;
      if (t === 'GPU') v !== undefined ? (out.gpus = v) : (unknownGpu = true);
      if (t === undefined) unknownGpu = true;
    }
  } else if (reqs !== undefined) unknownGpu = true;
  if (out.vcpus === undefined && container['vcpus'] !== undefined) {
    const v = literalNumber(container['vcpus']);
    note('vcpus', container['vcpus']);
    if (v !== undefined) out.vcpus = v;
  }
  if (out.memoryMiB === undefined && container['memory'] !== undefined) {
    const m = literalNumber(container['memory']);
    note('memory', container['memory']);
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

export type ImageSource = 'ecr' | 'public';

/** ECR (private registry: endpoints can serve it) or public (needs the internet); undefined when unknown. */
export function imageSource(image: unknown): ImageSource | undefined {
  if (typeof image !== 'string' || image === '') return undefined;
  if (/\.dkr\.ecr\.[^/]+\.amazonaws\.com/.test(image)) return 'ecr';
  if (image.includes('${')) {
    return refsIn(image).some((r) => r.type === 'aws_ecr_repository') ? 'ecr' : undefined;
  }
  return 'public';
}

/** awslogs is Batch's default log driver: no logConfiguration means awslogs. */
export function usesAwslogs(container: Record<string, unknown>): boolean | undefined {
  const config = container['logConfiguration'];
  if (config === undefined) return true;
  if (!isPlainObject(config)) return undefined;
  const driver = literalString(config['logDriver']);
  return driver === undefined ? undefined : driver === 'awslogs';
}

/** Fargate tasks get a public IP only with assignPublicIp ENABLED (default DISABLED). */
export function fargatePublicIp(container: Record<string, unknown>): boolean | undefined {
  const net = container['networkConfiguration'];
  if (net === undefined) return false;
  if (!isPlainObject(net)) return undefined;
  const v = net['assignPublicIp'];
  if (v === undefined) return false;
  const s = literalString(v);
  return s === undefined ? undefined : s.toUpperCase() === 'ENABLED';
}
