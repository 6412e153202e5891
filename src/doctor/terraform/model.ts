import { isExpression, isResourceRef, refsIn, singleRef, type Ref } from './refs';
import type { TerraformJson } from './terraform-json';

/**
 * An index over Terraform JSON configuration, built once per run. Rules ask
 * it for resources by type or address and follow references with it; it
 * never guesses: a value it cannot see through (a variable, a data source, a
 * literal id of something outside the configuration) comes back as unknown,
 * and rules treat unknown as "not applicable".
 */

export type Body = Readonly<Record<string, unknown>>;

export interface Resource {
  readonly type: string;
  readonly name: string;
  /** `type.name` */
  readonly address: string;
  readonly body: Body;
  /** cdktf's construct path (`//.metadata.path`), when present. */
  readonly constructPath?: string;
}

/** What a value turns out to be once references are followed. */
export type Resolved =
  | { readonly kind: 'absent' }
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'resource'; readonly resource: Resource; readonly attr?: string }
  | { readonly kind: 'unknown' };

const ABSENT: Resolved = { kind: 'absent' };
const UNKNOWN: Resolved = { kind: 'unknown' };

export class TerraformModel {
  private readonly byType = new Map<string, Resource[]>();
  private readonly byAddress = new Map<string, Resource>();
  private readonly memo = new Map<string, unknown>();

  constructor(readonly tf: TerraformJson) {
    for (const [type, instances] of Object.entries(tf.resource ?? {})) {
      if (!isPlainObject(instances)) continue;
      const list: Resource[] = [];
      for (const name of Object.keys(instances).sort()) {
        // hcl2json writes each resource as a one-element array of its body.
        const body = firstObject(instances[name]);
        if (!body) continue;
        const meta = firstObject(firstObject(body['//'])?.['metadata']);
        const path = meta?.['path'];
        const resource: Resource = {
          type,
          name,
          address: `${type}.${name}`,
          body,
          ...(typeof path === 'string' ? { constructPath: path } : {}),
        };
        list.push(resource);
        this.byAddress.set(resource.address, resource);
      }
      this.byType.set(type, list);
    }
  }

  /** Resources of one type, sorted by name. */
  all(type: string): readonly Resource[] {
    return this.byType.get(type) ?? [];
  }

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

  /** Follow a value: literal, a resource of this configuration, absent, or unknown. */
  resolve(value: unknown): Resolved {
    if (value === undefined || value === null) return ABSENT;
    if (!isExpression(value)) return { kind: 'literal', value };
    const ref = singleRef(value);
    if (!ref || !isResourceRef(ref)) return UNKNOWN;
    const resource = this.byAddress.get(`${ref.type}.${ref.name}`);
    return resource ? { kind: 'resource', resource, ...(ref.attr ? { attr: ref.attr } : {}) } : UNKNOWN;
  }

  /** The resource a value refers to, if it is exactly a reference to one in this configuration. */
  target(value: unknown): Resource | undefined {
    const r = this.resolve(value);
    return r.kind === 'resource' ? r.resource : undefined;
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
      const resource = this.byAddress.get(`${ref.type}.${ref.name}`);
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
          const key = `${ref.type}.${ref.name}`;
          const list = map.get(key) ?? [];
          if (!list.includes(r)) list.push(r);
          map.set(key, list);
        }
      }
      return map;
    });
    return index.get(target.address) ?? [];
  }
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
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A block value in either shape: an object (cdktf) or a one-element list of one (hcl2json). */
export function firstObject(v: unknown): Body | undefined {
  if (Array.isArray(v)) return v.length > 0 && isPlainObject(v[0]) ? v[0] : undefined;
  return isPlainObject(v) ? v : undefined;
}

function walkStrings(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) walkStrings(v, visit);
  else if (isPlainObject(value)) for (const v of Object.values(value)) walkStrings(v, visit);
}
