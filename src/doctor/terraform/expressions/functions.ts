/**
 * Terraform's built-in functions that configurations use to build the
 * values the doctor reads: collections (concat, merge, lookup, element,
 * toset, flatten, ...), strings (format, join, replace, ...), encodings
 * (jsonencode, jsondecode, base64encode), files (file; templatefile is in
 * evaluate.ts, it needs the evaluator) and a few numeric and network ones
 * (cidrsubnet). Each behaves as documented at
 * https://developer.hashicorp.com/terraform/language/functions; where an
 * argument is not known the result is Unknown (or a partial string / a list
 * with unknown elements, where Terraform's result would be known in part).
 */
import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { EvalError } from './errors';
import { AttrRef, isRecord, Unknown, type Value } from './values';

export interface FunctionContext {
  readFile(path: string): string | Unknown;
  /** The Unknown standing for a value that is not (wholly) known. */
  unknown(v: Value): Unknown;
  /** How an unknown part is written into a string. */
  placeholder(v: Unknown | AttrRef): string;
}

type Fn = (args: readonly Value[], ctx: FunctionContext) => Value;

const fail = (message: string): never => {
  throw new EvalError(message);
};

// ---------------------------------------------------------------------------
// Conversions
// ---------------------------------------------------------------------------

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  return fail(`${JSON.stringify(v)} is not a number`);
}

export function toBool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return fail(`${JSON.stringify(v)} is not a bool`);
}

function toStr(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail(`a ${v === null ? 'null' : Array.isArray(v) ? 'list' : 'object'} is not a string`);
}

/** Is the value known enough to compute with: not an Unknown, reference or partial string, at any depth. */
function known(v: Value): boolean {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return true;
  if (typeof v === 'string') return !v.includes('${');
  if (Array.isArray(v)) return v.every(known);
  if (isRecord(v)) return Object.values(v).every(known);
  return false;
}

function firstUnknownArg(args: readonly Value[], ctx: FunctionContext): Unknown | undefined {
  for (const a of args) if (!known(a)) return ctx.unknown(deepest(a));
  return undefined;
}

function deepest(v: Value): Value {
  if (Array.isArray(v)) {
    const inner = v.find((x) => !known(x));
    return inner === undefined ? v : deepest(inner);
  }
  if (isRecord(v)) {
    const inner = Object.values(v).find((x) => !known(x));
    return inner === undefined ? v : deepest(inner);
  }
  return v;
}

/** Functions that need every argument wholly known: an unknown argument makes an unknown result. */
function strict(fn: Fn): Fn {
  return (args, ctx) => firstUnknownArg(args, ctx) ?? fn(args, ctx);
}

/** The collection itself must be known (its length and keys); its elements may not be. */
function list(v: Value, ctx: FunctionContext, what = 'a list'): readonly Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Unknown || v instanceof AttrRef || typeof v === 'string') throw new UnknownResult(ctx.unknown(v));
  return fail(`expected ${what}, got ${v === null ? 'null' : typeof v}`);
}

function map(v: Value, ctx: FunctionContext): Readonly<Record<string, Value>> {
  if (isRecord(v)) return v;
  if (v instanceof Unknown || v instanceof AttrRef) throw new UnknownResult(ctx.unknown(v));
  return fail(`expected a map, got ${v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v}`);
}

/** Thrown inside a function to return an Unknown from wherever the need is found. */
class UnknownResult extends Error {
  constructor(readonly value: Unknown) {
    super(value.reason);
  }
}

/** The text of a value, unknown parts as `${...}` (for functions that build strings). */
function partialText(v: Value, ctx: FunctionContext): string {
  if (v instanceof Unknown || v instanceof AttrRef) return ctx.placeholder(v);
  return toStr(v);
}

function sortedKeys(m: Readonly<Record<string, Value>>): string[] {
  return Object.keys(m).sort();
}

/** Identity for sets: known values by content, references by their text. */
function setKey(v: Value): string {
  if (v instanceof AttrRef) return `ref:${v.text}`;
  if (v instanceof Unknown) return `unknown:${Math.random()}`;
  return JSON.stringify(v);
}

// ---------------------------------------------------------------------------
// JSON as Terraform's jsonencode writes it
// ---------------------------------------------------------------------------

/**
 * jsonencode: object keys sorted, `<`, `>`, `&` and U+2028/2029 escaped as
 * Go's encoder does (docs/aws-batch-facts.md#terraform-jsonencode-output).
 * Unknown parts are written as `"${...}"` strings, as cdktf writes
 * references into JSON documents, so the known parts stay readable.
 */
export function jsonEncode(v: Value, ctx: FunctionContext): string {
  const enc = (x: Value): string => {
    if (x === null) return 'null';
    if (typeof x === 'boolean') return String(x);
    if (typeof x === 'number') return Number.isFinite(x) ? String(x) : fail('cannot encode a non-finite number');
    if (typeof x === 'string') return quote(x);
    if (x instanceof Unknown || x instanceof AttrRef) return quote(ctx.placeholder(x));
    if (Array.isArray(x)) return `[${x.map(enc).join(',')}]`;
    if (isRecord(x)) return `{${sortedKeys(x).map((k) => `${quote(k)}:${enc(x[k]!)}`).join(',')}}`;
    return quote(ctx.placeholder(ctx.unknown(x)));
  };
  return enc(v);
}

function quote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// ---------------------------------------------------------------------------
// format()
// ---------------------------------------------------------------------------

function format(spec: string, args: readonly Value[], ctx: FunctionContext): string {
  let i = 0;
  return spec.replace(/%(?:\[(\d+)\])?([-+# 0]*)(\d+)?(?:\.(\d+))?([%vsdfqtbeEgGxXo])/g, (_all, pos: string | undefined, flags: string, width: string | undefined, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (pos) i = Number(pos) - 1;
    if (i >= args.length) fail('format() has too few arguments');
    const arg = args[i++]!;
    if (arg instanceof Unknown || arg instanceof AttrRef) return ctx.placeholder(arg);
    let out: string;
    switch (verb) {
      case 'd':
        out = String(Math.trunc(toNumber(arg)));
        break;
      case 'f':
        out = toNumber(arg).toFixed(precision === undefined ? 6 : Number(precision));
        break;
      case 'q':
        out = JSON.stringify(toStr(arg));
        break;
      case 't':
        out = String(toBool(arg));
        break;
      case 'v':
        out = typeof arg === 'string' || typeof arg === 'number' || typeof arg === 'boolean' ? String(arg) : jsonEncode(arg, ctx);
        break;
      case 'x':
        out = typeof arg === 'number' ? arg.toString(16) : Buffer.from(toStr(arg)).toString('hex');
        break;
      default:
        out = toStr(arg);
    }
    if (width === undefined) return out;
    return flags.includes('-') ? out.padEnd(Number(width)) : out.padStart(Number(width), flags.includes('0') && /^-?\d/.test(out) ? '0' : ' ');
  });
}

// ---------------------------------------------------------------------------
// cidrsubnet
// ---------------------------------------------------------------------------

function cidrsubnet(prefix: string, newbits: number, netnum: number): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(prefix);
  if (!m) return fail(`cidrsubnet() reads IPv4 prefixes only, got ${prefix}`);
  const bits = Number(m[5]) + newbits;
  if (bits > 32) fail('cidrsubnet(): not enough bits');
  const base = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const mask = Number(m[5]) === 0 ? 0 : (0xffffffff << (32 - Number(m[5]))) >>> 0;
  if (netnum >= 2 ** newbits) fail('cidrsubnet(): netnum too large');
  const ip = ((base & mask) + netnum * 2 ** (32 - bits)) >>> 0;
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}/${bits}`;
}

// ---------------------------------------------------------------------------
// The functions
// ---------------------------------------------------------------------------

const identity: Fn = (args) => args[0] ?? null;

const table: Record<string, Fn> = {
  // Collections: elements may be unknown, the collection's shape must be known.
  concat: (args, ctx) => args.flatMap((a) => (a === null ? [] : [...list(a, ctx)])),
  merge: (args, ctx) => Object.assign({}, ...args.filter((a) => a !== null).map((a) => map(a, ctx))) as Record<string, Value>,
  lookup: (args, ctx) => {
    const m = map(args[0]!, ctx);
    const key = args[1]!;
    if (!known(key)) return ctx.unknown(key);
    const k = toStr(key);
    if (k in m) return m[k]!;
    return args.length > 2 ? args[2]! : fail(`lookup(): the map has no element ${JSON.stringify(k)}`);
  },
  element: (args, ctx) => {
    const l = list(args[0]!, ctx);
    if (!known(args[1]!)) return ctx.unknown(args[1]!);
    if (l.length === 0) fail('element() of an empty list');
    const i = toNumber(args[1]!);
    return l[((i % l.length) + l.length) % l.length]!;
  },
  index: (args, ctx) => {
    const l = list(args[0]!, ctx);
    const i = l.findIndex((x) => known(x) && JSON.stringify(x) === JSON.stringify(args[1]));
    if (i >= 0) return i;
    return l.some((x) => !known(x)) ? ctx.unknown(l.find((x) => !known(x))!) : fail('index(): the value is not in the list');
  },
  contains: (args, ctx) => {
    const l = list(args[0]!, ctx);
    const v = args[1]!;
    if (!known(v)) return ctx.unknown(v);
    if (l.some((x) => known(x) && JSON.stringify(x) === JSON.stringify(v))) return true;
    const open = l.find((x) => !known(x));
    return open === undefined ? false : ctx.unknown(open);
  },
  length: (args, ctx) => {
    const v = args[0]!;
    if (typeof v === 'string') return known(v) ? [...v].length : ctx.unknown(v);
    if (isRecord(v)) return Object.keys(v).length;
    return list(v, ctx).length;
  },
  keys: (args, ctx) => sortedKeys(map(args[0]!, ctx)),
  values: (args, ctx) => {
    const m = map(args[0]!, ctx);
    return sortedKeys(m).map((k) => m[k]!);
  },
  tolist: (args, ctx) => (args[0] === null ? null : [...list(args[0]!, ctx)]),
  toset: (args, ctx) => {
    if (args[0] === null) return null;
    const seen = new Map<string, Value>();
    for (const v of list(args[0]!, ctx)) if (!seen.has(setKey(v))) seen.set(setKey(v), v);
    const items = [...seen.values()];
    // Terraform orders a set of strings lexically; leave anything else in order.
    return items.every((v) => typeof v === 'string' && known(v)) ? (items as string[]).slice().sort() : items;
  },
  tomap: (args, ctx) => (args[0] === null ? null : { ...map(args[0]!, ctx) }),
  flatten: (args, ctx) => {
    const out: Value[] = [];
    const walk = (v: Value): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v instanceof Unknown) throw new UnknownResult(v);
      else out.push(v);
    };
    walk([...list(args[0]!, ctx)]);
    return out;
  },
  compact: (args, ctx) => list(args[0]!, ctx).filter((v) => v !== null && v !== ''),
  distinct: (args, ctx) => {
    const seen = new Map<string, Value>();
    for (const v of list(args[0]!, ctx)) if (!seen.has(setKey(v))) seen.set(setKey(v), v);
    return [...seen.values()];
  },
  slice: (args, ctx) => {
    const l = list(args[0]!, ctx);
    if (!known(args[1]!) || !known(args[2]!)) return ctx.unknown(known(args[1]!) ? args[2]! : args[1]!);
    return l.slice(toNumber(args[1]!), toNumber(args[2]!));
  },
  reverse: (args, ctx) => [...list(args[0]!, ctx)].reverse(),
  one: (args, ctx) => {
    const l = list(args[0]!, ctx);
    if (l.length > 1) fail('one() of a list with more than one element');
    return l[0] ?? null;
  },
  coalesce: (args) => {
    for (const a of args) {
      if (a instanceof Unknown) return a;
      if (a instanceof AttrRef) return a;
      if (a !== null && a !== '') return a;
    }
    return fail('coalesce(): every argument is null or empty');
  },
  coalescelist: (args, ctx) => {
    for (const a of args) {
      if (a instanceof Unknown) return a;
      if (list(a, ctx).length > 0) return a;
    }
    return fail('coalescelist(): every list is empty');
  },
  zipmap: (args, ctx) => {
    const ks = list(args[0]!, ctx);
    const vs = list(args[1]!, ctx);
    if (!known(ks)) return ctx.unknown(deepest(ks));
    return Object.fromEntries(ks.map((k, i) => [toStr(k), vs[i] ?? null]));
  },
  range: strict((args) => {
    const n = args.map(toNumber);
    const [start, end, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
    const out: number[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
    return out;
  }),
  sort: strict((args, ctx) => [...list(args[0]!, ctx)].map(toStr).sort()),
  sum: strict((args, ctx) => list(args[0]!, ctx).reduce<number>((a, b) => a + toNumber(b), 0)),
  alltrue: (args, ctx) => {
    const l = list(args[0]!, ctx);
    if (l.some((v) => known(v) && !toBool(v))) return false;
    return firstUnknownArg(l, ctx) ?? true;
  },
  anytrue: (args, ctx) => {
    const l = list(args[0]!, ctx);
    if (l.some((v) => known(v) && toBool(v))) return true;
    return firstUnknownArg(l, ctx) ?? false;
  },
  setunion: (args, ctx) => table['distinct']!([args.flatMap((a) => [...list(a, ctx)])], ctx),
  setproduct: strict((args, ctx) => args.map((a) => list(a, ctx)).reduce<Value[][]>((acc, l) => acc.flatMap((p) => l.map((x) => [...p, x])), [[]])),
  chunklist: strict((args, ctx) => {
    const l = list(args[0]!, ctx);
    const size = toNumber(args[1]!);
    const out: Value[][] = [];
    for (let i = 0; i < l.length; i += size || l.length || 1) out.push(l.slice(i, i + (size || l.length)));
    return out;
  }),

  // Strings: unknown parts stay `${...}` where the result is text built from them.
  format: (args, ctx) => {
    if (!known(args[0]!)) return ctx.unknown(args[0]!);
    return format(toStr(args[0]!), args.slice(1), ctx);
  },
  formatlist: strict((args, ctx) => {
    const lists = args.slice(1).filter(Array.isArray) as Value[][];
    const n = lists.length > 0 ? Math.min(...lists.map((l) => l.length)) : 1;
    return Array.from({ length: n }, (_, i) => format(toStr(args[0]!), args.slice(1).map((a) => (Array.isArray(a) ? a[i]! : a)), ctx));
  }),
  join: (args, ctx) => {
    if (!known(args[0]!)) return ctx.unknown(args[0]!);
    return args.slice(1).flatMap((l) => list(l, ctx)).map((v) => partialText(v, ctx)).join(toStr(args[0]!));
  },
  split: strict((args) => toStr(args[1]!).split(toStr(args[0]!))),
  lower: strict((args) => toStr(args[0]!).toLowerCase()),
  upper: strict((args) => toStr(args[0]!).toUpperCase()),
  title: strict((args) => toStr(args[0]!).replace(/\b\w/g, (c) => c.toUpperCase())),
  trimspace: strict((args) => toStr(args[0]!).trim()),
  chomp: strict((args) => toStr(args[0]!).replace(/(\r?\n)+$/, '')),
  trim: strict((args) => {
    const cut = new Set(toStr(args[1]!));
    const s = [...toStr(args[0]!)];
    while (s.length && cut.has(s[0]!)) s.shift();
    while (s.length && cut.has(s[s.length - 1]!)) s.pop();
    return s.join('');
  }),
  trimprefix: strict((args) => (toStr(args[0]!).startsWith(toStr(args[1]!)) ? toStr(args[0]!).slice(toStr(args[1]!).length) : toStr(args[0]!))),
  trimsuffix: strict((args) => (toStr(args[0]!).endsWith(toStr(args[1]!)) ? toStr(args[0]!).slice(0, -toStr(args[1]!).length || undefined) : toStr(args[0]!))),
  startswith: strict((args) => toStr(args[0]!).startsWith(toStr(args[1]!))),
  endswith: strict((args) => toStr(args[0]!).endsWith(toStr(args[1]!))),
  strcontains: strict((args) => toStr(args[0]!).includes(toStr(args[1]!))),
  substr: strict((args) => {
    const s = [...toStr(args[0]!)];
    const offset = toNumber(args[1]!);
    const length = toNumber(args[2]!);
    const start = offset < 0 ? s.length + offset : offset;
    return s.slice(start, length < 0 ? undefined : start + length).join('');
  }),
  replace: strict((args) => {
    const s = toStr(args[0]!);
    const search = toStr(args[1]!);
    const by = toStr(args[2]!);
    const re = /^\/(.*)\/$/.exec(search);
    if (re) return s.replace(new RegExp(re[1]!, 'g'), by.replace(/\$\{(\d+)\}/g, '$$$1'));
    return s.split(search).join(by);
  }),
  indent: strict((args) => toStr(args[1]!).replace(/\n/g, `\n${' '.repeat(toNumber(args[0]!))}`)),
  tostring: (args, ctx) => (args[0] === null ? null : known(args[0]!) ? toStr(args[0]!) : typeof args[0] === 'string' ? args[0] : ctx.unknown(args[0]!)),
  tonumber: strict((args) => (args[0] === null ? null : toNumber(args[0]!))),
  tobool: strict((args) => (args[0] === null ? null : toBool(args[0]!))),
  abs: strict((args) => Math.abs(toNumber(args[0]!))),
  ceil: strict((args) => Math.ceil(toNumber(args[0]!))),
  floor: strict((args) => Math.floor(toNumber(args[0]!))),
  max: strict((args) => Math.max(...args.map(toNumber))),
  min: strict((args) => Math.min(...args.map(toNumber))),
  pow: strict((args) => toNumber(args[0]!) ** toNumber(args[1]!)),
  parseint: strict((args) => parseInt(toStr(args[0]!), toNumber(args[1]!))),
  signum: strict((args) => Math.sign(toNumber(args[0]!))),

  // Encodings.
  jsonencode: (args, ctx) => (args[0] instanceof Unknown ? args[0] : jsonEncode(args[0]!, ctx)),
  jsondecode: strict((args) => {
    try {
      return JSON.parse(toStr(args[0]!)) as Value;
    } catch (e) {
      return fail(`jsondecode(): ${(e as Error).message}`);
    }
  }),
  base64encode: (args, ctx) => {
    const text = args[0];
    // A template with unknown parts: unknown, but its known text is kept for the rules that read user data.
    if (typeof text === 'string' && text.includes('${')) {
      const u = ctx.unknown(text);
      return new Unknown(u.reason, u.sources, undefined, text);
    }
    return strict((a) => Buffer.from(toStr(a[0]!), 'utf8').toString('base64'))(args, ctx);
  },
  base64decode: strict((args) => Buffer.from(toStr(args[0]!), 'base64').toString('utf8')),
  urlencode: strict((args) => encodeURIComponent(toStr(args[0]!))),
  md5: strict((args) => createHash('md5').update(toStr(args[0]!)).digest('hex')),
  sha1: strict((args) => createHash('sha1').update(toStr(args[0]!)).digest('hex')),
  sha256: strict((args) => createHash('sha256').update(toStr(args[0]!)).digest('hex')),

  // Files, beside the configuration.
  file: strict((args, ctx) => ctx.readFile(toStr(args[0]!))),
  fileexists: strict((args, ctx) => !(ctx.readFile(toStr(args[0]!)) instanceof Unknown)),
  basename: strict((args) => basename(toStr(args[0]!))),
  dirname: strict((args) => dirname(toStr(args[0]!))),

  // Network.
  cidrsubnet: strict((args) => cidrsubnet(toStr(args[0]!), toNumber(args[1]!), toNumber(args[2]!))),

  // Values that only mark or pass through.
  sensitive: identity,
  nonsensitive: identity,
  type: (args, ctx) => ctx.unknown(args[0]!),
};

/** Names the evaluator can call (try, can and templatefile are handled by the evaluator itself). */
export const FUNCTIONS: ReadonlySet<string> = new Set([...Object.keys(table), 'try', 'can', 'templatefile']);

export function callFunction(name: string, args: readonly Value[], ctx: FunctionContext): Value {
  const fn = table[name];
  if (!fn) return new Unknown(`calls ${name}(), which the doctor does not evaluate`);
  try {
    return fn(args, ctx);
  } catch (e) {
    if (e instanceof UnknownResult) return e.value;
    throw e;
  }
}
