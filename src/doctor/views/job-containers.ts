import { literalNumber, literalString, literalStrings, type Resource, type TerraformModel } from '../terraform/model';
import { field, jobDefinitions, type JobContainer, type JobDefinition } from './job-definitions';

/**
 * Every container of a job definition: the one of a container job, or each
 * node range's of a multi-node parallel job (`node_properties`), with the
 * node counts. Keys are read case-insensitively, as the provider does
 * (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation): a
 * hand-written `LinuxParameters` reaches AWS like `linuxParameters`.
 */

export { field, type JobContainer } from './job-definitions';

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
  const nodes = jd.nodeProperties;
  const numNodes = literalNumber(field(nodes, 'numNodes'));
  const mainNode = literalNumber(field(nodes, 'mainNode'));
  return {
    resource: jd.resource,
    jd,
    multiNode: jd.multiNode,
    containers: jd.containers,
    ...(jd.containers.length === 0 && jd.why.container ? { unknown: jd.why.container } : {}),
    ...(numNodes !== undefined ? { numNodes } : {}), ...(mainNode !== undefined ? { mainNode } : {}) };
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
