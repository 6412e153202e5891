/**
 * A resource instance's body as the rules read it: every argument evaluated
 * in its module instance, in the shape cdktf writes Terraform JSON, so the
 * views read hand-written HCL, modules and our stacks alike:
 *
 * - known values as plain JSON values; an argument set to null is absent
 *   (Terraform treats it as unset);
 * - an attribute of another resource as `${<address>.<attr>}`, with the
 *   address in full (`${module.net.aws_subnet.private["a"].id}`);
 * - anything unknown as a `${...}` placeholder naming where it comes from
 *   (`${var.subnets}`, `${data.aws_subnets.private.ids}`); the model keeps
 *   the reason behind each placeholder;
 * - `dynamic` blocks expanded over their collection, or a placeholder when
 *   the collection is unknown;
 * - `depends_on` and `lifecycle.replace_triggered_by` as full addresses.
 */
import type { RawBody } from './blocks';
import { EvalError, evaluateString, Frame, iterate, placeholder, type Environment } from './expressions/evaluate';
import { AttrRef, isRecord, ModuleObject, ResourceObject, Unknown, type Value } from './expressions/values';
import { evaluateRaw, type ModuleInstance, type ResourceInstance } from './instances';

export type Body = Readonly<Record<string, unknown>>;

/** Meta-arguments that are not the resource's own arguments. */
const DROPPED = new Set(['count', 'for_each', 'provider', 'provisioner', 'connection']);

export function resourceBody(instance: ResourceInstance): Body {
  const module = instance.module;
  const env = module.env(instance.binding);
  const ctx: Context = { module, env };
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(instance.block.body)) {
    if (DROPPED.has(key)) continue;
    if (key === '//') out[key] = raw;
    else if (key === 'depends_on') out[key] = (Array.isArray(raw) ? raw : []).filter((d): d is string => typeof d === 'string').map((d) => module.canonical(d));
    else if (key === 'lifecycle') out[key] = lifecycle(raw, ctx);
    else if (key === 'dynamic') expandDynamic(raw, ctx, new Frame(new Map()), out);
    else put(out, key, value(raw, ctx, new Frame(new Map())));
  }
  return out;
}

interface Context {
  readonly module: ModuleInstance;
  readonly env: Environment;
}

/** Set a key; a dynamic block and written blocks of one name add up. */
function put(out: Record<string, unknown>, key: string, v: unknown): void {
  if (v === null || v === undefined) return;
  const known = out[key];
  if (Array.isArray(known) && Array.isArray(v)) out[key] = [...known, ...v];
  else out[key] = v;
}

function value(raw: unknown, ctx: Context, frame: Frame): unknown {
  if (typeof raw === 'string') return toBody(evaluateString(raw, ctx.env, frame), ctx.env);
  if (Array.isArray(raw)) return raw.map((item) => (isObject(item) ? block(item, ctx, frame) : value(item, ctx, frame)));
  if (isObject(raw)) return block(raw, ctx, frame);
  return raw;
}

/** A nested block (or an object attribute written literally): its own dynamic blocks expand, null arguments drop. */
function block(raw: Record<string, unknown>, ctx: Context, frame: Frame): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'dynamic' && isObject(v)) {
      expandDynamic(v, ctx, frame, out);
      continue;
    }
    const key = k.includes('${') ? evaluateString(k, ctx.env, frame) : k;
    put(out, typeof key === 'string' ? key : String(toBody(key, ctx.env)), value(v, ctx, frame));
  }
  return out;
}

/**
 * `dynamic "name" { for_each = ..., iterator = it, content { ... } }`: one
 * block per element, the iterator (the block's name by default) holding
 * `key` and `value`
 * (https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks).
 */
function expandDynamic(raw: unknown, ctx: Context, frame: Frame, out: Record<string, unknown>): void {
  if (!isObject(raw)) return;
  for (const [name, specs] of Object.entries(raw)) {
    for (const spec of Array.isArray(specs) ? specs : [specs]) {
      if (!isObject(spec)) continue;
      let entries: ReturnType<typeof iterate>;
      try {
        entries = iterate(evaluateRaw(spec['for_each'] ?? null, ctx.env, frame), ctx.env);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        entries = new Unknown(`cannot be expanded: ${e.message}`);
      }
      if (entries instanceof Unknown) {
        put(out, name, placeholder(new Unknown(`(dynamic "${name}" blocks) ${entries.reason.replace(/^comes/, 'come')}`, entries.sources), ctx.env));
        continue;
      }
      const iterator = typeof spec['iterator'] === 'string' ? spec['iterator'].replace(/^\$\{\s*|\s*\}$/g, '') : name;
      const content = Array.isArray(spec['content']) ? spec['content'][0] : spec['content'];
      if (!isObject(content)) continue;
      const blocks = entries.map(([key, v]) => block(content, ctx, frame.with(new Map([[iterator, { key, value: v }]]))));
      put(out, name, blocks);
    }
  }
}

/** lifecycle: its own arguments evaluated; ignore_changes kept as written; replace_triggered_by as full addresses. */
function lifecycle(raw: unknown, ctx: Context): unknown {
  const body = Array.isArray(raw) ? raw[0] : raw;
  if (!isObject(body)) return raw;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'ignore_changes') out[k] = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x.replace(/^\$\{\s*|\s*\}$/g, '') : x)) : typeof v === 'string' ? v.replace(/^\$\{\s*|\s*\}$/g, '') : v;
    else if (k === 'replace_triggered_by') out[k] = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => `\${${ctx.module.canonical(x)}}`) : v;
    else if (k === 'precondition' || k === 'postcondition') continue;
    else put(out, k, value(v, ctx, new Frame(new Map())));
  }
  return out;
}

/** An evaluated value in body form (see the file comment). */
export function toBody(v: Value, env: Environment): unknown {
  if (v instanceof AttrRef) return v.placeholder;
  if (v instanceof Unknown) return placeholder(v, env);
  if (v instanceof ResourceObject) return `\${${v.address}}`;
  if (v instanceof ModuleObject) return placeholder(new Unknown(`is the whole module ${v.address}`, [v.address]), env);
  if (Array.isArray(v)) return v.map((x) => toBody(x, env));
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toBody(x, env);
    return out;
  }
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export type { RawBody };
