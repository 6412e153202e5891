/**
 * References in Terraform JSON. Both cdktf and @cdktf/hcl2json write every
 * expression as a `${...}` string: `"${aws_subnet.a.id}"`,
 * `"${aws_ecr_repository.app.repository_url}:latest"`, `"${var.subnets}"`.
 * Once the model has evaluated a body, references carry the full address
 * of the resource instance, module path and instance keys included:
 * `"${module.net["a"].aws_subnet.private[0].id}"`. A value is a literal
 * only when it contains no `${`.
 */

/** A traversal found inside an expression. */
export interface Ref {
  /** The resource type; `var`, `local`, `module`, `each`, ... for other roots; `data` for a data source (its type is then `name`). */
  readonly type: string;
  readonly name: string;
  readonly attr?: string;
  /** An index or splat followed the name: the reference is to a counted resource. */
  readonly indexed: boolean;
  /** A resource or data source: its instance address (`module.x.aws_subnet.a[0]`, `data.aws_ami.ecs`). */
  readonly address?: string;
  /** The same without the instance key (`module.x.aws_subnet.a`). */
  readonly block?: string;
}

/** Not resource types: references through these are unknown before apply. */
const NON_RESOURCE = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'self', 'terraform']);
const KEYWORDS = new Set(['for', 'in', 'if', 'true', 'false', 'null', 'endif', 'endfor', 'else']);

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${');
}

/** The reference when the value is exactly one traversal (`${...}` and nothing else), else undefined. */
export function singleRef(value: unknown): Ref | undefined {
  if (typeof value !== 'string' || !value.startsWith('${') || !value.endsWith('}')) return undefined;
  const found = scan(value);
  if (found.length !== 1 || found[0]!.start !== 2 || found[0]!.end !== value.length - 1) return undefined;
  return found[0]!.ref;
}

/** Every traversal inside every `${...}` of a string (nested templates included). */
export function refsIn(value: string): Ref[] {
  if (!value.includes('${')) return [];
  // Rules ask about the same strings again and again (500 job definitions, ~60 rules): read each once.
  let refs = REFS.get(value);
  if (!refs) {
    if (REFS.size > 50_000) REFS.clear();
    refs = scan(value).map((f) => f.ref);
    REFS.set(value, refs);
  }
  return [...refs];
}

const REFS = new Map<string, Ref[]>();

/** Is this a reference to a managed resource (as opposed to var/local/data/...)? */
export function isResourceRef(ref: Ref): boolean {
  return !NON_RESOURCE.has(ref.type) && ref.type !== 'data' && ref.type.includes('_');
}

/** `depends_on` entries: cdktf writes plain addresses, hcl2json writes `${type.name}`. */
export function dependsOnAddresses(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.replace(/^\$\{\s*/, '').replace(/\s*\}$/, ''));
}

// ---------------------------------------------------------------------------
// Scanning
// ---------------------------------------------------------------------------

interface Found {
  readonly ref: Ref;
  readonly start: number;
  readonly end: number;
}

type Step = { readonly name: string } | { readonly key: string };

/** Traversals in the interpolations of a template text. */
function scan(text: string): Found[] {
  const out: Found[] = [];
  let i = 0;
  while ((i = text.indexOf('${', i)) !== -1) {
    if (i > 0 && text[i - 1] === '$') {
      i += 2;
      continue;
    }
    i = expression(text, i + 2, out);
  }
  return out;
}

/** Scans an expression from `pos` to its closing `}`; returns the index after it. */
function expression(text: string, pos: number, out: Found[]): number {
  let depth = 0;
  let i = pos;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      i = quoted(text, i + 1, out);
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      if (depth === 0 && c === '}') return i + 1;
      depth--;
    } else if (/[A-Za-z_]/.test(c) && !/[\w.\-]/.test(text[i - 1] ?? ' ')) {
      i = traversal(text, i, out);
      continue;
    }
    i++;
  }
  return i;
}

/** A quoted string inside an expression: its interpolations are expressions too. */
function quoted(text: string, pos: number, out: Found[]): number {
  let i = pos;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\') i += 2;
    else if (text.startsWith('${', i) && text[i - 1] !== '$') i = expression(text, i + 2, out);
    else i++;
  }
  return i + 1;
}

function traversal(text: string, start: number, out: Found[]): number {
  const steps: Step[] = [];
  let i = start;
  const ident = (): string => {
    const m = /^[A-Za-z_][\w-]*/.exec(text.slice(i))!;
    i += m[0].length;
    return m[0];
  };
  steps.push({ name: ident() });
  let end = i;
  for (;;) {
    if (text[i] === '.' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      i++;
      steps.push({ name: ident() });
    } else if (text[i] === '.' && text[i + 1] === '*') {
      i += 2;
      steps.push({ key: '*' });
    } else if (text[i] === '.' && /\d/.test(text[i + 1] ?? '')) {
      const m = /^\.(\d+)/.exec(text.slice(i))!;
      i += m[0].length;
      steps.push({ key: m[1]! });
    } else if (text[i] === '[') {
      const close = closing(text, i);
      const inner = text.slice(i + 1, close).trim();
      // A computed index holds references of its own.
      if (!/^("([^"\\]|\\.)*"|\d+|\*)$/.test(inner)) expression(`${inner}}`, 0, out);
      steps.push({ key: /^("([^"\\]|\\.)*"|\d+|\*)$/.test(inner) ? inner : '?' });
      i = close + 1;
    } else break;
    end = i;
  }
  const first = steps[0] as { name: string };
  // A function call, or a keyword of a for expression, is not a traversal.
  if (/^\s*(\(|::)/.test(text.slice(end)) && steps.length === 1) return end;
  if (KEYWORDS.has(first.name) && steps.length === 1) return end;
  const ref = interpret(steps);
  if (ref) out.push({ ref, start, end });
  return end;
}

function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return text.length;
}

/** Steps to a reference: module prefixes, then a resource, data source, or another root. */
function interpret(steps: readonly Step[]): Ref | undefined {
  let i = 0;
  let prefix = '';
  const name = (k: number): string | undefined => (steps[k] && 'name' in steps[k]! ? (steps[k] as { name: string }).name : undefined);
  const key = (k: number): string | undefined => (steps[k] && 'key' in steps[k]! ? (steps[k] as { key: string }).key : undefined);
  // module.<name>[key]. ... as long as a resource, a data source or another module follows.
  while (name(i) === 'module' && name(i + 1) !== undefined) {
    const k = key(i + 2);
    const after = k !== undefined ? i + 3 : i + 2;
    const next = name(after);
    const resourceFollows = next !== undefined && (next === 'module' || next === 'data' || next === 'var' || next === 'local' || (next.includes('_') && name(after + 1) !== undefined));
    if (!resourceFollows) break;
    prefix += `module.${name(i + 1)}${k !== undefined ? `[${k}]` : ''}.`;
    i = after;
  }
  const root = name(i);
  if (root === undefined) return undefined;
  if (root === 'data') {
    const type = name(i + 1);
    const dataName = name(i + 2);
    if (!type || !dataName) return undefined;
    const k = key(i + 3);
    const block = `${prefix}data.${type}.${dataName}`;
    return { type: 'data', name: type, ...attrOf(steps, k !== undefined ? i + 4 : i + 3), indexed: k !== undefined, address: k !== undefined && k !== '*' && k !== '?' ? `${block}[${k}]` : block, block };
  }
  const second = name(i + 1);
  if (second === undefined) return undefined;
  const k = key(i + 2);
  const ref: Ref = { type: root, name: second, ...attrOf(steps, k !== undefined ? i + 3 : i + 2), indexed: k !== undefined };
  if (NON_RESOURCE.has(root) || !root.includes('_')) return ref;
  const block = `${prefix}${root}.${second}`;
  return { ...ref, address: k !== undefined && k !== '*' && k !== '?' ? `${block}[${k}]` : block, block };
}

function attrOf(steps: readonly Step[], at: number): { attr?: string } {
  const s = steps[at];
  return s && 'name' in s ? { attr: s.name } : {};
}
