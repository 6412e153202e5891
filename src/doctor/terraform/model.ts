import { resourceBody } from './bodies';
import { inMemoryConfiguration, type Configuration } from './configuration';
import { DependencyGraph, type Dependencies } from './dependencies';
import { Unknown } from './expressions/values';
import { Evaluation, type ModuleInstance, type ResourceInstance } from './instances';
import { isExpression, isResourceRef, refsIn, singleRef, type Ref } from './refs';
import type { TerraformJson } from './terraform-json';

/**
 * An index over a Terraform configuration, built once per run: the root
 * module and every module it calls that could be read, each resource
 * instance at its full address (`module.compute["a"].aws_launch_template.main`),
 * its body evaluated when first read (variables, locals, module arguments,
 * each/count; see bodies.ts). Rules ask it for resources by type or address
 * and follow references with it. It never guesses: a value it cannot see
 * through (a variable without a value, a data source, a module that was not
 * read) is unknown, and `why()` says why.
 */

export type Body = Readonly<Record<string, unknown>>;

export interface Resource {
  readonly type: string;
  readonly name: string;
  /** The instance address: `aws_subnet.a`, `aws_subnet.a[0]`, `module.net["x"].aws_subnet.a`. */
  readonly address: string;
  readonly body: Body;
  /**
   * The block's arguments as written, before evaluation (Terraform JSON:
   * expressions as `${...}` text), for the rare rule about the text itself:
   * a key written twice in `jsonencode({...})` is gone once evaluated.
   */
  readonly written?: Body;
  /** cdktf's construct path (`//.metadata.path`), when present. */
  readonly constructPath?: string;
  /** The block's address without an instance key: what dependencies are between. */
  readonly block: string;
  /** The module instance it is in (`module.net["x"]`); '' in the root module. */
  readonly module: string;
  readonly mode: 'managed' | 'data';
}

/** What a value turns out to be once references are followed. */
export type Resolved =
  | { readonly kind: 'absent' }
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'resource'; readonly resource: Resource; readonly attr?: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** A module call, and whether the doctor could read it. */
export interface ModuleReport {
  /** `module.batch`, `module.a.module.b`: the call, without instance keys. */
  readonly address: string;
  readonly source: string;
  readonly read: boolean;
  readonly reason?: string;
}

const ABSENT: Resolved = { kind: 'absent' };

class InstanceResource implements Resource {
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly block: string;
  readonly module: string;
  readonly mode: 'managed' | 'data';
  readonly constructPath?: string;
  private evaluated?: Body;

  constructor(private readonly instance: ResourceInstance) {
    this.type = instance.block.type;
    this.name = instance.block.name;
    this.address = instance.address;
    this.block = instance.blockAddress;
    this.module = instance.module.path;
    this.mode = instance.block.mode;
    const meta = firstObject(firstObject(instance.block.body['//'])?.['metadata']);
    if (typeof meta?.['path'] === 'string') this.constructPath = meta['path'];
  }

  get written(): Body {
    return this.instance.block.body;
  }

  /** Evaluated when a rule first reads it. */
  get body(): Body {
    return (this.evaluated ??= resourceBody(this.instance));
  }
}

export class TerraformModel {
  /** The root module's Terraform JSON. */
  readonly tf: TerraformJson;
  private readonly evaluation: Evaluation;
  private readonly modulesInOrder: ModuleInstance[] = [];
  private readonly byType = new Map<string, Resource[]>();
  private readonly dataByType = new Map<string, Resource[]>();
  private readonly byAddress = new Map<string, Resource>();
  private readonly memo = new Map<string, unknown>();
  private graph?: DependencyGraph;

  constructor(input: TerraformJson | Configuration) {
    const configuration = isConfiguration(input) ? input : inMemoryConfiguration(input);
    this.tf = configuration.root.tf;
    this.evaluation = new Evaluation(configuration);
    const visit = (m: ModuleInstance): void => {
      this.modulesInOrder.push(m);
      for (const call of m.calls().values()) call.instances.forEach(visit);
    };
    visit(this.evaluation.root);
    for (const m of this.modulesInOrder) {
      for (const instance of m.resourceInstances()) {
        const resource = new InstanceResource(instance);
        const index = resource.mode === 'data' ? this.dataByType : this.byType;
        const list = index.get(resource.type) ?? [];
        list.push(resource);
        index.set(resource.type, list);
        this.byAddress.set(resource.address, resource);
      }
    }
  }

  /** Managed resources of one type, module by module, each sorted by name. */
  all(type: string): readonly Resource[] {
    return this.byType.get(type) ?? [];
  }

  /** Data sources of one type. */
  data(type: string): readonly Resource[] {
    return this.dataByType.get(type) ?? [];
  }

  /** A resource or data source by its instance address (`data.` prefixed for data sources). */
  get(address: string): Resource | undefined {
    return this.byAddress.get(address);
  }

  /** Compute once per model (rules share the derived views: placement, network paths). */
  memoize<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  /** Every module call the configuration makes, and whether it was read. */
  modules(): readonly ModuleReport[] {
    return this.memoize('modules', () => {
      const out = new Map<string, ModuleReport>();
      for (const m of this.modulesInOrder) {
        for (const [name, call] of m.calls()) {
          const address = `${m.configPath === '' ? '' : `${m.configPath}.`}module.${name}`;
          // A call that makes no instance (count = 0) is not part of the configuration.
          if (call.expansion.kind === 'count' && call.expansion.n === 0) continue;
          if (call.expansion.kind === 'each' && call.expansion.entries.length === 0) continue;
          if (out.has(address)) continue;
          out.set(address, { address, source: call.source.source, read: call.source.module !== undefined, ...(call.source.notRead ? { reason: call.source.notRead } : {}) });
        }
      }
      return [...out.values()];
    });
  }

  // -------------------------------------------------------------------------
  // Following values
  // -------------------------------------------------------------------------

  /** Follow a value: literal, a resource of this configuration, absent, or unknown (with why). */
  resolve(value: unknown): Resolved {
    if (value === undefined || value === null) return ABSENT;
    if (!isExpression(value)) return { kind: 'literal', value };
    const ref = singleRef(value);
    if (ref && isResourceRef(ref)) {
      const resource = this.find(ref);
      if (resource) return { kind: 'resource', resource, ...(ref.attr ? { attr: ref.attr } : {}) };
    }
    return { kind: 'unknown', reason: this.why(value) ?? 'is an expression' };
  }

  /** The resource a value refers to, if it is exactly a reference to one in this configuration. */
  target(value: unknown): Resource | undefined {
    const r = this.resolve(value);
    return r.kind === 'resource' ? r.resource : undefined;
  }

  /** The data source a value refers to (`${data.aws_ami.ecs.id}`), if it is exactly a reference to one here. */
  dataTarget(value: unknown): Resource | undefined {
    const ref = singleRef(value);
    return ref?.type === 'data' ? this.find(ref) : undefined;
  }

  /** An instance by reference; a block whose instances are unknown stands for all of them. */
  private find(ref: Ref): Resource | undefined {
    if (!ref.address) return undefined;
    return this.byAddress.get(ref.address) ?? (ref.block !== undefined ? this.byAddress.get(ref.block) : undefined);
  }

  /**
   * A list attribute, element by element. A whole-list expression is unknown,
   * except a splat of one counted resource (`${aws_subnet.private[*].id}`),
   * which stands for that resource.
   */
  resolveList(value: unknown): Resolved[] | undefined {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    const ref = singleRef(value);
    if (ref?.indexed && isResourceRef(ref)) {
      const resource = ref.block !== undefined ? this.byAddress.get(ref.block) : undefined;
      if (resource) return [{ kind: 'resource', resource, ...(ref.attr ? { attr: ref.attr } : {}) }];
    }
    return undefined;
  }

  /** Every managed-resource reference inside a value (strings, lists, nested blocks). */
  references(value: unknown): Ref[] {
    const out: Ref[] = [];
    walkStrings(value, (s) => {
      if (s.includes('${')) for (const r of refsIn(s)) if (isResourceRef(r)) out.push(r);
    });
    return out;
  }

  /**
   * Resources of `type` whose `field` refers to `target` (by any attribute).
   * The reverse index is built once per (type, field), so following
   * "which route table associations name this subnet" is not a scan per subnet.
   */
  referrers(type: string, field: string, target: Resource): readonly Resource[] {
    const index = this.memoize(`referrers:${type}:${field}`, () => {
      const map = new Map<string, Resource[]>();
      for (const r of this.all(type)) {
        for (const ref of this.references(r.body[field])) {
          const found = this.find(ref);
          if (!found) continue;
          const list = map.get(found.address) ?? [];
          // r's references are all read before the next resource's: if r is in the list, it is the last one.
          if (list[list.length - 1] !== r) list.push(r);
          map.set(found.address, list);
        }
      }
      return map;
    });
    return index.get(target.address) ?? [];
  }

  // -------------------------------------------------------------------------
  // Unknown values
  // -------------------------------------------------------------------------

  /** The Unknown behind a value that is not (wholly) known: its reason, sources and candidate values. */
  unknown(value: unknown): Unknown | undefined {
    if (value instanceof Unknown) return value;
    if (typeof value !== 'string') {
      if (Array.isArray(value)) {
        for (const v of value) {
          const u = this.unknown(v);
          if (u) return u;
        }
      } else if (isPlainObject(value)) {
        for (const v of Object.values(value)) {
          const u = this.unknown(v);
          if (u) return u;
        }
      }
      return undefined;
    }
    const m = /\$\{[^}]*\}/.exec(value);
    if (!m) return undefined;
    const registered = this.evaluation.placeholders.get(m[0]);
    if (registered) return registered;
    const inner = m[0].slice(2, -1).trim();
    const ref = singleRef(m[0]);
    if (ref?.type === 'data') return new Unknown(`comes from ${ref.block}`, [inner]);
    if (ref && isResourceRef(ref)) {
      return this.find(ref) ? new Unknown(`is known only after apply (${inner})`, [inner]) : new Unknown(`refers to ${ref.block}, which is not in this configuration`, [inner]);
    }
    if (ref?.type === 'var') return new Unknown(`comes from var.${ref.name}`, [inner]);
    if (ref?.type === 'local' || ref?.type === 'module') return new Unknown(`comes from ${ref.type}.${ref.name}`, [inner]);
    return new Unknown(`is the expression ${inner}`, [inner]);
  }

  /** Why a value is not known, in a clause: "comes from data.aws_subnets.private"; undefined when it is known. */
  why(value: unknown): string | undefined {
    return this.unknown(value)?.reason;
  }

  // -------------------------------------------------------------------------
  // Dependencies
  // -------------------------------------------------------------------------

  /** Everything a resource depends on, transitively (block addresses), and whether that is all. */
  dependencies(resource: Resource): Dependencies {
    this.graph ??= new DependencyGraph(this.modulesInOrder);
    return this.graph.closure(resource.block);
  }

  /** Does `a` depend on `b` (so Terraform creates b first and destroys it last)? */
  dependsOn(a: Resource, b: Resource): boolean {
    return this.dependencies(a).blocks.has(b.block);
  }
}

function isConfiguration(input: TerraformJson | Configuration): input is Configuration {
  const root = (input as Configuration).root;
  return root !== undefined && typeof root === 'object' && 'calls' in root && (input as Configuration).variables instanceof Map;
}

/** A nested block: cdktf writes an object, hcl2json a one-element array of objects. */
export function block(body: Body | undefined, key: string): Body | undefined {
  return firstObject(body?.[key]);
}

/** A repeated block (`egress`, `route`, `compute_environment_order`) as a list of objects; undefined when it is an expression. */
export function blocks(body: Body | undefined, key: string): Body[] | undefined {
  const v = body?.[key];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.every(isPlainObject) ? (v as Body[]) : undefined;
  if (isPlainObject(v)) return [v];
  return undefined;
}

/** lifecycle.create_before_destroy: true, false (not set), or undefined when an expression. */
export function createBeforeDestroy(resource: Resource): boolean | undefined {
  const v = block(resource.body, 'lifecycle')?.['create_before_destroy'];
  return v === undefined ? false : literalBool(v);
}

export function literalString(v: unknown): string | undefined {
  return typeof v === 'string' && !v.includes('${') ? v : undefined;
}

/** Numbers, and numeric strings (resourceRequirements values are strings). */
export function literalNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export function literalBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** Lists of literal strings; undefined when any element (or the list) is an expression. */
export function literalStrings(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const item of v) {
    const s = literalString(item);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown);
}

/** A block value in either shape: an object (cdktf) or a one-element list of one (hcl2json). */
export function firstObject(v: unknown): Body | undefined {
  if (Array.isArray(v)) return v.length > 0 && isPlainObject(v[0]) ? v[0] : undefined;
  return isPlainObject(v) ? v : undefined;
}

/** Is the value (or the block) set to something the configuration does not decide? */
export function isUnknownValue(v: unknown): boolean {
  return typeof v === 'string' && v.includes('${');
}

function walkStrings(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) walkStrings(v, visit);
  else if (isPlainObject(value)) for (const v of Object.values(value)) walkStrings(v, visit);
}
