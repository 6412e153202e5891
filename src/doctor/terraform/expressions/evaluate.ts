/**
 * Evaluates HCL expressions (see syntax.ts) the way Terraform would at plan
 * time, as far as the configuration alone decides them. What it cannot
 * decide comes back as an explicit Unknown with its reason, never a guess:
 * a variable without a value, a data source, an attribute known only after
 * apply (kept as an AttrRef, so the doctor still knows which resource it
 * belongs to), a function it does not implement.
 *
 * Semantics follow HCL and Terraform
 * (https://developer.hashicorp.com/terraform/language/expressions): a
 * conditional evaluates only the branch its condition picks; `try()` falls
 * back on errors; a template that is one interpolation keeps its value's
 * type; maps iterate in key order.
 */
import { EvalError } from './errors';
import { callFunction, FUNCTIONS, toBool, toNumber } from './functions';
import { ExpressionSyntaxError, isTemplate, parseTemplate, type Expr, type TemplatePart } from './syntax';
import { AttrRef, isRecord, ModuleObject, ResourceObject, Unknown, type Value } from './values';

export { EvalError };

/** A name that is not a value by itself: `var`, `local`, `module`, `data`, a resource type. */
export class Namespace {
  constructor(
    readonly label: string,
    readonly attr: (name: string) => Value | Namespace | undefined,
  ) {}
}

/** Where names come from: the module instance an expression is written in, and the files beside it. */
export interface Environment {
  lookup(name: string): Value | Namespace | undefined;
  /** A file's text, for file() and templatefile(); an Unknown saying why when it cannot be read. */
  readFile(path: string): string | Unknown;
  /** Unknowns written into strings as `${...}`, by their text, so a partial string's reason can be found. */
  readonly placeholders: Map<string, Unknown>;
}

/** Names bound by `for` expressions, dynamic blocks and template variables. */
export class Frame {
  constructor(
    private readonly vars: ReadonlyMap<string, Value>,
    private readonly parent?: Frame,
  ) {}

  get(name: string): Value | undefined {
    return this.vars.has(name) ? this.vars.get(name) : this.parent?.get(name);
  }

  with(vars: ReadonlyMap<string, Value>): Frame {
    return new Frame(vars, this);
  }
}

const EMPTY = new Frame(new Map());

/**
 * A string as Terraform reads an attribute: a template. Errors (syntax or
 * evaluation) come back as an Unknown saying what failed.
 */
export function evaluateString(text: string, env: Environment, frame: Frame = EMPTY): Value {
  if (!isTemplate(text)) return text;
  try {
    return evaluate(parseTemplate(text), env, frame);
  } catch (e) {
    if (e instanceof EvalError || e instanceof ExpressionSyntaxError) return new Unknown(`cannot be evaluated: ${e.message}`);
    throw e;
  }
}

/** One expression; throws EvalError for what Terraform would reject. */
export function evaluate(expr: Expr, env: Environment, frame: Frame = EMPTY): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'template':
      return template(expr.parts, env, frame);
    case 'tuple':
      return expr.items.map((item) => evaluate(item, env, frame));
    case 'object': {
      const out: Record<string, Value> = {};
      for (const { key, value } of expr.items) {
        const k = evaluate(key, env, frame);
        if (k instanceof Unknown) return k;
        if (typeof k !== 'string' && typeof k !== 'number' && typeof k !== 'boolean') return unknownFrom(k, env);
        if (typeof k === 'string' && k.includes('${')) return describePartial(k, env);
        out[String(k)] = evaluate(value, env, frame);
      }
      return out;
    }
    case 'name':
      return asValue(lookupName(expr.name, env, frame), expr.name);
    case 'item':
      return frame.get('\0item') ?? null;
    case 'attr':
      return getAttr(evaluateTarget(expr.target, env, frame), expr.name);
    case 'index': {
      const target = evaluateTarget(expr.target, env, frame);
      return index(asValue(target, describeTarget(expr.target)), evaluate(expr.key, env, frame), env);
    }
    case 'splat':
      return splat(expr, env, frame);
    case 'call':
      return call(expr, env, frame);
    case 'unary': {
      const v = evaluate(expr.operand, env, frame);
      if (!isKnownScalar(v)) return unknownFrom(v, env);
      if (expr.op === '!') return !toBool(v);
      return -toNumber(v);
    }
    case 'binary':
      return binary(expr.op, expr.left, expr.right, env, frame);
    case 'conditional':
      return conditional(expr, env, frame);
    case 'for':
      return forExpression(expr, env, frame);
  }
}

// ---------------------------------------------------------------------------
// Names and traversals
// ---------------------------------------------------------------------------

function lookupName(name: string, env: Environment, frame: Frame): Value | Namespace {
  const bound = frame.get(name);
  if (bound !== undefined) return bound;
  const found = env.lookup(name);
  if (found === undefined) throw new EvalError(`${name} is not declared`);
  return found;
}

/** A traversal target may stop at a namespace (`var`, `aws_subnet`) before its next step. */
function evaluateTarget(expr: Expr, env: Environment, frame: Frame): Value | Namespace {
  if (expr.kind === 'name') return lookupName(expr.name, env, frame);
  if (expr.kind === 'attr') {
    const target = evaluateTarget(expr.target, env, frame);
    if (target instanceof Namespace) {
      const next = target.attr(expr.name);
      if (next === undefined) throw new EvalError(`${target.label}.${expr.name} is not declared`);
      return next;
    }
    return getAttr(target, expr.name);
  }
  return evaluate(expr, env, frame);
}

function asValue(v: Value | Namespace, label: string): Value {
  if (v instanceof Namespace) throw new EvalError(`${label} is not a value by itself`);
  return v;
}

function describeTarget(expr: Expr): string {
  if (expr.kind === 'name') return expr.name;
  if (expr.kind === 'attr') return `${describeTarget(expr.target)}.${expr.name}`;
  return 'expression';
}

export function getAttr(target: Value | Namespace, name: string): Value {
  if (target instanceof Namespace) {
    const next = target.attr(name);
    if (next === undefined) throw new EvalError(`${target.label}.${name} is not declared`);
    return asValue(next, `${target.label}.${name}`);
  }
  if (target instanceof Unknown) return target;
  if (target instanceof AttrRef) return target.with(`.${name}`);
  if (target instanceof ResourceObject) return target.attr(name);
  if (target instanceof ModuleObject) {
    if (!target.outputNames.includes(name)) throw new EvalError(`${target.address} has no output ${name}`);
    return target.output(name);
  }
  if (isRecord(target)) {
    if (!(name in target)) throw new EvalError(`the object has no attribute ${name}`);
    return target[name]!;
  }
  if (target === null) throw new EvalError(`cannot read .${name} of null`);
  throw new EvalError(`cannot read .${name} of a ${Array.isArray(target) ? 'list' : typeof target}`);
}

function index(target: Value, key: Value, env: Environment): Value {
  if (target instanceof Unknown) return target;
  if (key instanceof Unknown) return key;
  if (target instanceof AttrRef) {
    if (!isKnownScalar(key)) return unknownFrom(key, env);
    return target.with(typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(String(key))}]`);
  }
  if (!isKnownScalar(key)) return unknownFrom(key, env);
  if (Array.isArray(target)) {
    const i = toNumber(key);
    if (!Number.isInteger(i) || i < 0 || i >= target.length) throw new EvalError(`index ${String(key)} is out of range (the list has ${target.length} elements)`);
    return target[i]!;
  }
  if (isRecord(target)) {
    const k = String(key);
    if (!(k in target)) throw new EvalError(`the map has no element ${JSON.stringify(k)}`);
    return target[k]!;
  }
  if (target instanceof ModuleObject || target instanceof ResourceObject) return getAttr(target, String(key));
  if (target === null) throw new EvalError('cannot index null');
  throw new EvalError(`cannot index a ${typeof target}`);
}

function splat(expr: Extract<Expr, { kind: 'splat' }>, env: Environment, frame: Frame): Value {
  const target = asValue(evaluateTarget(expr.target, env, frame), describeTarget(expr.target));
  if (target instanceof Unknown) return target;
  if (target instanceof AttrRef) {
    // A resource whose instances are not known: the splat stands for all of them.
    const each = applyEach(new AttrRef(target.address, target.path, true), expr.each, env, frame);
    return each;
  }
  if (target === null) return [];
  // A single value splats as a one-element list (HCL's splat on a non-list).
  const list = Array.isArray(target) ? target : [target];
  return list.map((item) => applyEach(item, expr.each, env, frame));
}

function applyEach(item: Value, each: Expr, env: Environment, frame: Frame): Value {
  return evaluate(each, env, frame.with(new Map([['\0item', item]])));
}

// ---------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------

function template(parts: readonly TemplatePart[], env: Environment, frame: Frame): Value {
  let out = '';
  for (const part of parts) {
    const piece = templatePart(part, env, frame);
    out += typeof piece === 'string' ? piece : placeholder(piece instanceof AttrRef ? piece : unknownFrom(piece, env), env);
  }
  return out;
}

function templatePart(part: TemplatePart, env: Environment, frame: Frame): Value {
  switch (part.kind) {
    case 'text':
      return part.text;
    case 'interpolation': {
      const v = evaluate(part.expr, env, frame);
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      if (v === null) throw new EvalError('a template cannot include null');
      if (v instanceof Unknown || v instanceof AttrRef) return v;
      throw new EvalError(`a template cannot include a ${Array.isArray(v) ? 'list' : 'object'}`);
    }
    case 'if': {
      const c = evaluate(part.condition, env, frame);
      if (!isKnownScalar(c)) return unknownFrom(c, env);
      return template(toBool(c) ? part.then : part.else, env, frame);
    }
    case 'for': {
      const collection = evaluate(part.collection, env, frame);
      const entries = iterate(collection, env);
      if (entries instanceof Unknown) return entries;
      let out = '';
      for (const [k, v] of entries) {
        const vars = new Map<string, Value>([[part.valueVar, v]]);
        if (part.keyVar) vars.set(part.keyVar, k);
        const piece = template(part.body, env, frame.with(vars));
        if (piece instanceof Unknown) return piece;
        out += String(piece);
      }
      return out;
    }
  }
}

/** How an unknown part is written into a string; registered so its reason can be found again. */
export function placeholder(v: Unknown | AttrRef, env: Environment): string {
  if (v instanceof AttrRef) return v.placeholder;
  let base = v.sources[0] ?? `unknown_${env.placeholders.size}`;
  // A conditional's value keeps its candidates in the text, so two unknowns from one source stay apart.
  if (v.candidates) base += ` ? ${v.candidates.map((c) => JSON.stringify(c)).join(' : ')}`;
  // base64encode() of a partly known text is another value than its unknown part: its own placeholder.
  if (v.base64Of !== undefined) base = `base64encode(${base})`;
  let text = `\${${base}}`;
  const known = env.placeholders.get(text);
  if (known && known !== v && known.reason !== v.reason) text = `\${${base}#${env.placeholders.size}}`;
  if (!env.placeholders.has(text)) env.placeholders.set(text, v);
  return text;
}

/** The reason a partial string is unknown: that of its first `${...}` part. */
export function describePartial(text: string, env: Environment): Unknown {
  const m = /\$\{[^}]*\}/.exec(text);
  const known = m ? env.placeholders.get(m[0]) : undefined;
  if (known) return known;
  const inner = m ? m[0].slice(2, -1) : text;
  return new Unknown(`is known only after apply (${inner})`, [inner]);
}

// ---------------------------------------------------------------------------
// Operators, conditionals, for expressions
// ---------------------------------------------------------------------------

function isKnownScalar(v: Value): v is string | number | boolean {
  return typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && !v.includes('${'));
}

/** The Unknown standing for a value that is not (wholly) known. */
export function unknownFrom(v: Value, env: Environment): Unknown {
  if (v instanceof Unknown) return v;
  if (v instanceof AttrRef) return new Unknown(v.address.startsWith('data.') || v.address.includes('.data.') ? `comes from ${dataAddress(v.address)}` : `is known only after apply (${v.text})`, [v.text]);
  if (typeof v === 'string') return describePartial(v, env);
  if (v instanceof ResourceObject || v instanceof ModuleObject) return new Unknown(`is the whole object ${v.address}`, [v.address]);
  return new Unknown('is not a single known value');
}

function dataAddress(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

function binary(op: string, leftExpr: Expr, rightExpr: Expr, env: Environment, frame: Frame): Value {
  const left = evaluate(leftExpr, env, frame);
  if (op === '&&' || op === '||') {
    // A known left side decides when it can (false && x, true || x): the doctor reads
    // what the apply would do, and x cannot change that.
    if (isKnownScalar(left) && toBool(left) === (op === '||')) return op === '||';
    const right = evaluate(rightExpr, env, frame);
    if (isKnownScalar(right) && toBool(right) === (op === '||')) return op === '||';
    if (!isKnownScalar(left)) return unknownFrom(left, env);
    if (!isKnownScalar(right)) return unknownFrom(right, env);
    return op === '&&' ? toBool(left) && toBool(right) : toBool(left) || toBool(right);
  }
  const right = evaluate(rightExpr, env, frame);
  if (op === '==' || op === '!=') {
    const eq = equals(left, right, env);
    if (eq instanceof Unknown) return eq;
    return op === '==' ? eq : !eq;
  }
  if (!isKnownScalar(left)) return unknownFrom(left, env);
  if (!isKnownScalar(right)) return unknownFrom(right, env);
  const a = toNumber(left);
  const b = toNumber(right);
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
      if (b === 0) throw new EvalError('division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new EvalError('division by zero');
      return a % b;
  }
  throw new EvalError(`unknown operator ${op}`);
}

/**
 * Equality as Terraform has it: same type and same value. A reference to a
 * resource attribute is never null (the resource exists once referenced),
 * so `var.sg_id != null` is known when var.sg_id is a resource's id.
 */
export function equals(a: Value, b: Value, env: Environment): boolean | Unknown {
  const nonNull = (v: Value): boolean => v instanceof AttrRef || v instanceof ResourceObject || v instanceof ModuleObject || (typeof v === 'string');
  if (a === null || b === null) {
    const other = a === null ? b : a;
    if (other === null) return true;
    if (nonNull(other) || typeof other === 'number' || typeof other === 'boolean' || Array.isArray(other) || isRecord(other)) return false;
    return unknownFrom(other, env);
  }
  if (a instanceof Unknown || b instanceof Unknown) {
    const u = (a instanceof Unknown ? a : b) as Unknown;
    const other = a instanceof Unknown ? b : a;
    if (u.candidates && isKnownScalar(other) && !u.candidates.some((c) => c === other)) return false;
    return u;
  }
  if (!isWhollyKnownValue(a)) return unknownFrom(firstNotKnown(a), env);
  if (!isWhollyKnownValue(b)) return unknownFrom(firstNotKnown(b), env);
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function isWhollyKnownValue(v: Value): boolean {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return true;
  if (typeof v === 'string') return !v.includes('${');
  if (Array.isArray(v)) return v.every(isWhollyKnownValue);
  if (isRecord(v)) return Object.values(v).every(isWhollyKnownValue);
  return false;
}

function firstNotKnown(v: Value): Value {
  if (Array.isArray(v)) return v.find((x) => !isWhollyKnownValue(x)) !== undefined ? firstNotKnown(v.find((x) => !isWhollyKnownValue(x))!) : v;
  if (isRecord(v)) {
    const inner = Object.values(v).find((x) => !isWhollyKnownValue(x));
    return inner !== undefined ? firstNotKnown(inner) : v;
  }
  return v;
}

function canonical(v: Value): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isRecord(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k]!)]));
  return v;
}

function conditional(expr: Extract<Expr, { kind: 'conditional' }>, env: Environment, frame: Frame): Value {
  const c = evaluate(expr.condition, env, frame);
  if (isKnownScalar(c)) return evaluate(toBool(c) ? expr.then : expr.else, env, frame);
  const unknown = unknownFrom(c, env);
  // Both branches known: the value is one of them, whichever the condition picks.
  try {
    const a = evaluate(expr.then, env, frame);
    const b = evaluate(expr.else, env, frame);
    const candidates = [...candidatesOf(a), ...candidatesOf(b)];
    if (candidates.every((v) => v !== undefined)) return new Unknown(unknown.reason, unknown.sources, candidates as Value[]);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
  }
  return unknown;
}

function candidatesOf(v: Value): (Value | undefined)[] {
  if (v instanceof Unknown) return v.candidates ? [...v.candidates] : [undefined];
  return v === null || isKnownScalar(v) ? [v] : [undefined];
}

/** Entries of a collection to iterate: lists by position, maps and objects by key in lexical order. */
export function iterate(collection: Value, env: Environment): Array<[Value, Value]> | Unknown {
  if (collection instanceof Unknown) return collection;
  if (Array.isArray(collection)) return collection.map((v, i) => [i, v]);
  if (isRecord(collection)) return Object.keys(collection).sort().map((k) => [k, collection[k]!]);
  if (collection === null) throw new EvalError('cannot iterate over null');
  if (collection instanceof ModuleObject) return collection.outputNames.slice().sort().map((k) => [k, collection.output(k)]);
  return unknownFrom(collection, env);
}

function forExpression(expr: Extract<Expr, { kind: 'for' }>, env: Environment, frame: Frame): Value {
  const entries = iterate(evaluate(expr.collection, env, frame), env);
  if (entries instanceof Unknown) return entries;
  const list: Value[] = [];
  const object: Record<string, Value> = {};
  const groups: Record<string, Value[]> = {};
  for (const [k, v] of entries) {
    const vars = new Map<string, Value>([[expr.valueVar, v]]);
    if (expr.keyVar) vars.set(expr.keyVar, k);
    const inner = frame.with(vars);
    if (expr.condition) {
      const keep = evaluate(expr.condition, env, inner);
      if (!isKnownScalar(keep)) return unknownFrom(keep, env);
      if (!toBool(keep)) continue;
    }
    if (!expr.key) {
      list.push(evaluate(expr.value, env, inner));
      continue;
    }
    const key = evaluate(expr.key, env, inner);
    if (!isKnownScalar(key)) return unknownFrom(key, env);
    const value = evaluate(expr.value, env, inner);
    if (expr.group) (groups[String(key)] ??= []).push(value);
    else {
      if (String(key) in object) throw new EvalError(`duplicate key ${JSON.stringify(String(key))} in a for expression`);
      object[String(key)] = value;
    }
  }
  if (!expr.key) return list;
  return expr.group ? groups : object;
}

// ---------------------------------------------------------------------------
// Function calls
// ---------------------------------------------------------------------------

function call(expr: Extract<Expr, { kind: 'call' }>, env: Environment, frame: Frame): Value {
  const name = expr.name;
  if (name === 'try') {
    let last: unknown;
    for (const arg of expr.args) {
      try {
        return evaluate(arg, env, frame);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        last = e;
      }
    }
    throw new EvalError(`no expression in try() succeeded${last instanceof Error ? `: ${last.message}` : ''}`);
  }
  if (name === 'can') {
    try {
      const v = evaluate(expr.args[0]!, env, frame);
      return v instanceof Unknown ? v : true;
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      return false;
    }
  }
  if (name === 'templatefile') return templateFile(expr, env, frame);
  if (!FUNCTIONS.has(name.replace(/^core::/, ''))) {
    return new Unknown(`calls ${name}(), which the doctor does not evaluate`);
  }
  let args = expr.args.map((a) => evaluate(a, env, frame));
  if (expr.expand) {
    const last = args[args.length - 1]!;
    if (!Array.isArray(last)) return unknownFrom(last, env);
    args = [...args.slice(0, -1), ...last];
  }
  return callFunction(name.replace(/^core::/, ''), args, {
    readFile: (path) => env.readFile(path),
    unknown: (v) => unknownFrom(v, env),
    placeholder: (v) => placeholder(v, env),
  });
}

/** templatefile(path, vars): the file's text as a template that sees only `vars`. */
function templateFile(expr: Extract<Expr, { kind: 'call' }>, env: Environment, frame: Frame): Value {
  const path = evaluate(expr.args[0]!, env, frame);
  if (!isKnownScalar(path)) return unknownFrom(path, env);
  const vars = expr.args[1] ? evaluate(expr.args[1], env, frame) : {};
  if (vars instanceof Unknown) return vars;
  if (!isRecord(vars)) return unknownFrom(vars, env);
  const text = env.readFile(String(path));
  if (text instanceof Unknown) return text;
  return renderTemplate(text, vars, env);
}

/** A template file rendered with its variables only (templatefile(), data.template_file). */
export function renderTemplate(text: string, vars: Readonly<Record<string, Value>>, env: Environment): Value {
  const isolated: Environment = {
    lookup: () => undefined,
    readFile: (path) => env.readFile(path),
    placeholders: env.placeholders,
  };
  try {
    return evaluate(parseTemplate(text), isolated, new Frame(new Map(Object.entries(vars))));
  } catch (e) {
    if (e instanceof EvalError || e instanceof ExpressionSyntaxError) return new Unknown(`cannot be rendered: ${e.message}`);
    throw e;
  }
}
