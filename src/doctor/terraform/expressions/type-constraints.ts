/**
 * A variable's `type` constraint, applied the way Terraform applies it to
 * the value a caller or a tfvars file gives: primitive conversions ("1" to
 * 1, "true" to true), and for object types the attributes the type declares,
 * with `optional(type, default)` filling in what the caller left out
 * (https://developer.hashicorp.com/terraform/language/expressions/type-constraints#optional-object-type-attributes).
 * A module that reads `each.value.create_scheduling_policy` of an object
 * the caller wrote without it gets the default, as at plan time.
 */
import { evaluate } from './evaluate';
import { parseExpression, parseTemplate, type Expr } from './syntax';
import { AttrRef, isRecord, ModuleObject, ResourceObject, Unknown, type Value } from './values';

export type TypeConstraint =
  | { readonly kind: 'any' }
  | { readonly kind: 'string' | 'number' | 'bool' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TypeConstraint }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeConstraint[] }
  | { readonly kind: 'object'; readonly attributes: ReadonlyMap<string, { readonly type: TypeConstraint; readonly optional: boolean; readonly default?: Value }> };

const ANY: TypeConstraint = { kind: 'any' };

/** A `type` as written: `"${map(object({...}))}"` (hcl2json) or `"map(object({...}))"` (.tf.json). Anything unreadable is `any`. */
export function readTypeConstraint(written: unknown): TypeConstraint {
  if (typeof written !== 'string') return ANY;
  try {
    const expr = written.includes('${') ? parseTemplate(written) : parseExpression(written);
    return fromExpr(expr);
  } catch {
    return ANY;
  }
}

function fromExpr(expr: Expr): TypeConstraint {
  if (expr.kind === 'name') {
    if (expr.name === 'string' || expr.name === 'number' || expr.name === 'bool') return { kind: expr.name };
    return ANY;
  }
  if (expr.kind !== 'call') return ANY;
  const arg = expr.args[0];
  switch (expr.name) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: expr.name, element: arg ? fromExpr(arg) : ANY };
    case 'tuple':
      return arg?.kind === 'tuple' ? { kind: 'tuple', elements: arg.items.map(fromExpr) } : ANY;
    case 'object': {
      if (arg?.kind !== 'object') return ANY;
      const attributes = new Map<string, { type: TypeConstraint; optional: boolean; default?: Value }>();
      for (const item of arg.items) {
        if (item.key.kind !== 'literal' || typeof item.key.value !== 'string') continue;
        const v = item.value;
        if (v.kind === 'call' && v.name === 'optional') {
          const type = v.args[0] ? fromExpr(v.args[0]) : ANY;
          const fallback = v.args[1] ? constant(v.args[1]) : undefined;
          attributes.set(item.key.value, { type, optional: true, ...(fallback !== undefined ? { default: fallback } : {}) });
        } else attributes.set(item.key.value, { type: fromExpr(v), optional: false });
      }
      return { kind: 'object', attributes };
    }
    default:
      return ANY;
  }
}

/** An optional attribute's default: a constant expression. */
function constant(expr: Expr): Value | undefined {
  try {
    return evaluate(expr, { lookup: () => undefined, readFile: () => new Unknown('no files here'), placeholders: new Map() });
  } catch {
    return undefined;
  }
}

/**
 * The value converted to the type, as far as it is known. Unknown values
 * and references pass through; a conversion that fails leaves the value as
 * it was (Terraform would stop with an error; the doctor keeps reading).
 */
export function applyType(value: Value, type: TypeConstraint): Value {
  if (value === null || value instanceof Unknown || value instanceof AttrRef || value instanceof ResourceObject || value instanceof ModuleObject) return value;
  switch (type.kind) {
    case 'any':
      return value;
    case 'string':
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    case 'number':
      return typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : value;
    case 'bool':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) return value;
      const items = value.map((v) => applyType(v, type.element));
      if (type.kind === 'set' && items.every((v) => typeof v === 'string' && !v.includes('${'))) return [...new Set(items as string[])].sort();
      return items;
    }
    case 'map':
      return isRecord(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, applyType(v, type.element)])) : value;
    case 'tuple':
      return Array.isArray(value) ? value.map((v, i) => applyType(v, type.elements[i] ?? ANY)) : value;
    case 'object': {
      if (!isRecord(value)) return value;
      // An object type keeps only the attributes it declares; optional ones the value lacks get their default (or null).
      const out: Record<string, Value> = {};
      for (const [name, attr] of type.attributes) {
        if (name in value && value[name] !== null) out[name] = applyType(value[name]!, attr.type);
        else if (attr.optional) out[name] = attr.default !== undefined ? applyType(attr.default, attr.type) : null;
        else if (name in value) out[name] = null;
      }
      return out;
    }
  }
}
