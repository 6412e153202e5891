/**
 * Reading Terraform JSON (`cdk.tf.json`) for the diagram: resources by type
 * in name order, references between them, and blocks that cdktf writes
 * either as an object or as a one-element list.
 */

export type Json = Record<string, unknown>;

export interface StackJson {
  readonly resource?: Record<string, Record<string, Json>>;
  readonly output?: Record<string, { readonly value?: unknown }>;
  readonly [key: string]: unknown;
}

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `[name, config]` of every resource of `type`, sorted by name so output never depends on key order. */
export function resourcesOf(tf: StackJson, type: string): [string, Json][] {
  return Object.entries(tf.resource?.[type] ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A nested block: cdktf writes single blocks as objects, HCL converted to JSON gives lists. */
export function block(value: unknown): Json | undefined {
  if (Array.isArray(value)) return isObject(value[0]) ? value[0] : undefined;
  return isObject(value) ? value : undefined;
}

export interface Reference {
  readonly type: string;
  readonly name: string;
}

const REFERENCE = /\$\{([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)[.[}]/g;

/**
 * Every `${type.name...}` reference anywhere in `value`, JSON strings
 * included (a schedule's target input, an event pattern), in order of first
 * appearance, without duplicates.
 */
export function references(value: unknown): Reference[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  const seen = new Set<string>();
  const found: Reference[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const key = `${match[1]}.${match[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ type: match[1]!, name: match[2]! });
  }
  return found;
}

/** Names of the resources of `type` that `value` refers to. */
export function referencedNames(value: unknown, type: string): string[] {
  return references(value)
    .filter((ref) => ref.type === type)
    .map((ref) => ref.name);
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
