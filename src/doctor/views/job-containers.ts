import { decodeJsonAttribute } from '../terraform/encoded-json';
import { isPlainObject, literalNumber, literalString, literalStrings, type Resource, type TerraformModel } from '../terraform/model';
import { jobDefinitions, type JobDefinition } from './job-definitions';

/**
 * Every container of a job definition: the one of a container job, or each
 * node range's of a multi-node parallel job (`node_properties`), with the
 * node counts. Keys are read case-insensitively, as the provider does
 * (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation): a
 * hand-written `LinuxParameters` reaches AWS like `linuxParameters`.
 */

export interface JobContainer {
  /** `""` for a container job, `node range 1:3` for a multi-node range: for messages. */
  readonly where: string;
  readonly container: Readonly<Record<string, unknown>>;
}

export interface JobContainers {
  readonly resource: Resource;
  /** The view of job-definitions.ts: platform, queue hint. */
  readonly jd: JobDefinition;
  readonly multiNode: boolean;
  readonly containers: readonly JobContainer[];
  /** Why the containers could not be read (a document the configuration does not decide); undefined when they were. */
  readonly unknown?: string;
  /** Multi-node parallel jobs: the literal node counts, when known. */
  readonly numNodes?: number;
  readonly mainNode?: number;
}

export function jobContainers(model: TerraformModel): readonly JobContainers[] {
  return model.memoize('batch:job-containers', () => jobDefinitions(model).map((jd) => read(jd)));
}

function read(jd: JobDefinition): JobContainers {
  const body = jd.resource.body;
  const type = literalString(body['type'])?.toLowerCase();
  const nodes = decodeJsonAttribute(body['node_properties']);
  const multiNode = type === 'multinode' || nodes !== undefined;
  if (!multiNode) return { resource: jd.resource, jd, multiNode, containers: jd.container ? [{ where: '', container: jd.container }] : [], ...(jd.container ? {} : jd.why.container ? { unknown: jd.why.container } : {}) };
  if (nodes === undefined && body['node_properties'] !== undefined) return { resource: jd.resource, jd, multiNode, containers: [], unknown: `node_properties ${jd.resource.body['node_properties'] === undefined ? 'is absent' : 'is not a JSON object the configuration decides'}` };
  const ranges = field(nodes, 'nodeRangeProperties');
  const containers = (Array.isArray(ranges) ? ranges : []).flatMap((range) => {
    const container = field(range, 'container');
    return isPlainObject(container) ? [{ where: `node range ${String(literalString(field(range, 'targetNodes')) ?? '?')}`, container }] : [];
  });
  const numNodes = literalNumber(field(nodes, 'numNodes'));
  const mainNode = literalNumber(field(nodes, 'mainNode'));
  return { resource: jd.resource, jd, multiNode, containers, ...(numNodes !== undefined ? { numNodes } : {}), ...(mainNode !== undefined ? { mainNode } : {}) };
}

/** `object[key]`, matching the key case-insensitively as the provider's JSON decoding does. */
export function field(object: unknown, key: string): unknown {
  if (!isPlainObject(object)) return undefined;
  if (key in object) return object[key];
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : object[found];
}

/** A list field; [] when absent, undefined when not a list (an expression). */
export function listField(object: unknown, key: string): readonly unknown[] | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : undefined;
}

/** The container's memory in MiB: the MEMORY resource requirement, else the legacy `memory`. */
export function containerMemoryMiB(container: unknown): number | undefined {
  for (const r of listField(container, 'resourceRequirements') ?? []) {
    if (literalString(field(r, 'type'))?.toUpperCase() === 'MEMORY') return literalNumber(field(r, 'value'));
  }
  return literalNumber(field(container, 'memory'));
}

/** Linux parameters' /dev/shm and tmpfs sizes (MiB) that are literal, and whether any size is an expression. */
export function inMemoryMounts(container: unknown): { readonly parts: ReadonlyArray<readonly [what: string, mib: number]>; readonly unknown: boolean } {
  const linux = field(container, 'linuxParameters');
  const parts: Array<[string, number]> = [];
  let unknown = false;
  const shm = field(linux, 'sharedMemorySize');
  if (shm !== undefined) {
    const n = literalNumber(shm);
    if (n === undefined) unknown = true;
    else parts.push(['sharedMemorySize', n]);
  }
  for (const t of listField(linux, 'tmpfs') ?? []) {
    const n = literalNumber(field(t, 'size'));
    if (n === undefined) unknown = true;
    else parts.push([`tmpfs ${String(literalString(field(t, 'containerPath')) ?? '?')}`, n]);
  }
  return { parts, unknown };
}

/** The platform capabilities as written; undefined when an expression. */
export function platformCapabilities(resource: Resource): readonly string[] | undefined {
  return literalStrings(resource.body['platform_capabilities'])?.map((c) => c.toUpperCase());
}
