/**
 * The blocks of one Terraform module, read from Terraform JSON in either
 * shape it reaches the doctor: cdktf's (`"resource": {"t": {"n": {...}}}`,
 * `"locals": {...}`) or @cdktf/hcl2json's, where every block body is a
 * one-element list and each `locals` block is an element of a list.
 */
import type { TerraformJson } from './terraform-json';

export type RawBody = Readonly<Record<string, unknown>>;

export interface ResourceBlock {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly body: RawBody;
}

export interface ModuleBlocks {
  readonly variables: ReadonlyMap<string, RawBody>;
  readonly locals: ReadonlyMap<string, unknown>;
  readonly outputs: ReadonlyMap<string, RawBody>;
  readonly calls: ReadonlyMap<string, RawBody>;
  /** Managed resources then data sources, each sorted by type and name. */
  readonly resources: readonly ResourceBlock[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A block body: an object (cdktf) or a one-element list of one (hcl2json). */
function body(v: unknown): RawBody | undefined {
  if (Array.isArray(v)) return isObject(v[0]) ? v[0] : undefined;
  return isObject(v) ? v : undefined;
}

/** `{name: body}` sections: variable, output, module. */
function named(section: unknown): Map<string, RawBody> {
  const out = new Map<string, RawBody>();
  if (!isObject(section)) return out;
  for (const name of Object.keys(section).sort()) {
    const b = body(section[name]);
    if (b) out.set(name, b);
  }
  return out;
}

/**
 * `locals`: an object of values (cdktf), a list of such objects (one per
 * `locals` block, hcl2json), or, after several files were merged, an object
 * of such objects keyed "0", "1", ... (no local is named by digits only).
 */
function readLocals(section: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const add = (o: unknown): void => {
    if (isObject(o)) for (const [k, v] of Object.entries(o)) out.set(k, v);
  };
  if (Array.isArray(section)) section.forEach(add);
  else if (isObject(section)) {
    const keys = Object.keys(section);
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
      for (const k of keys) {
        const v = section[k];
        if (Array.isArray(v)) v.forEach(add);
        else add(v);
      }
    } else add(section);
  }
  return out;
}

function resources(section: unknown, mode: 'managed' | 'data'): ResourceBlock[] {
  const out: ResourceBlock[] = [];
  if (!isObject(section)) return out;
  for (const type of Object.keys(section).sort()) {
    const byName = section[type];
    if (!isObject(byName)) continue;
    for (const name of Object.keys(byName).sort()) {
      const b = body(byName[name]);
      if (b) out.push({ mode, type, name, body: b });
    }
  }
  return out;
}

export function moduleBlocks(tf: TerraformJson): ModuleBlocks {
  return {
    variables: named(tf['variable']),
    locals: readLocals(tf['locals']),
    outputs: named(tf['output']),
    calls: named(tf['module']),
    resources: [...resources(tf.resource, 'managed'), ...resources(tf.data, 'data')],
  };
}

/** The top-level keys of Terraform's JSON configuration syntax (https://developer.hashicorp.com/terraform/language/syntax/json). */
export const TERRAFORM_TOP_LEVEL = new Set([
  'resource', 'data', 'ephemeral', 'module', 'variable', 'output', 'locals', 'provider', 'terraform', 'moved', 'import', 'check', 'removed', '//',
]);
