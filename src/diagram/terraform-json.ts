/**
 * Reading Terraform JSON (`cdk.tf.json`) for the diagram, through the
 * doctor's Terraform model (src/doctor/terraform): resources by type in name
 * order, blocks in either shape, and references between resources.
 */
import { firstObject, isPlainObject, type TerraformModel } from '../doctor/terraform/model';
import { refsIn } from '../doctor/terraform/refs';
import type { TerraformJson } from '../doctor/terraform/terraform-json';

export type Json = Readonly<Record<string, unknown>>;

export interface StackJson extends TerraformJson {
  readonly output?: Record<string, { readonly value?: unknown }>;
}

export const isObject = isPlainObject;

/** `[name, config]` of every resource of `type`, sorted by name so output never depends on key order. */
export function resourcesOf(model: TerraformModel, type: string): [string, Json][] {
  return model.all(type).map((r) => [r.name, r.body]);
}

/** A nested block: cdktf writes single blocks as objects, HCL converted to JSON gives lists. */
export const block = firstObject;

export interface Reference {
  readonly type: string;
  readonly name: string;
}

/**
 * Every `${type.name...}` reference anywhere in `value`, JSON strings
 * included (a schedule's target input, an event pattern), in order of first
 * appearance, without duplicates.
 */
export function references(value: unknown): Reference[] {
  const seen = new Set<string>();
  const found: Reference[] = [];
  forEachString(value, (text) => {
    for (const { type, name } of refsIn(text)) {
      const key = `${type}.${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ type, name });
    }
  });
  return found;
}

function forEachString(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) forEachString(v, visit);
  else if (isPlainObject(value)) for (const v of Object.values(value)) forEachString(v, visit);
}

/** Names of the resources of `type` that `value` refers to. */
export function referencedNames(value: unknown, type: string): string[] {
  return references(value)
    .filter((ref) => ref.type === type)
    .map((ref) => ref.name);
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
