/**
 * Terraform JSON → HCL, for `cdktf synth --hcl`: the text a reviewer reads.
 *
 * Rendered from the stack's Terraform JSON (what cdk.tf.json holds), so the
 * two formats cannot drift: every value is the same, written in native
 * syntax. cdktf's own renderer is not used because it writes strings holding
 * `${...}` without escaping their quotes, so a JSON document with a reference
 * in it (every `container_properties`, most policies) comes out as broken
 * HCL, and it drops empty attribute-style blocks such as a security group's
 * `egress = []`, which then means "keep AWS's default rule"
 * (docs/aws-batch-facts.md#cdktf-hcl-output).
 *
 * The mapping, and why each step keeps Terraform's meaning
 * (docs/aws-batch-facts.md#terraform-json-and-native-syntax):
 * - JSON strings are templates in Terraform JSON as in HCL: literal text is
 *   escaped, `${...}` and `%{...}` are copied as they are, and a string that
 *   is one interpolation becomes the bare expression (`vpc_id =
 *   aws_vpc.batch.id`), which Terraform evaluates the same.
 * - A string holding a canonical JSON document (src/hcl/json-document.ts) becomes
 *   `jsonencode({...})`: Terraform turns that back into the identical string.
 *   References inside it are written bare; they name ARNs, names and ids,
 *   strings that jsonencode writes as the template did (a test checks each
 *   against the provider schema).
 * - JSON cannot tell a nested block from an object attribute; cdktf's
 *   provider bindings can, so the caller passes the paths that are blocks.
 *   An empty list under a block name is written `name = []`: JSON only
 *   carries one when the code set it, and setting an empty list only means
 *   something for attribute-style blocks (security group rules, routes).
 * - `depends_on`, `ignore_changes`, `replace_triggered_by` and `provider`
 *   hold references, written bare.
 *
 * Layout follows `terraform fmt` (two-space indents, `=` aligned across
 * consecutive one-line arguments), so the CLI's formatter changes nothing.
 */
import { parseJsonDocument } from './json-document';

type Json = Record<string, unknown>;

/**
 * The nested blocks of a configuration, by path: `resource.<type>.<name>.<block>`,
 * deeper blocks appended (`....compute_resources.ec2_configuration`),
 * `data.<type>.<name>.<block>`, `provider.<name>.<block>`.
 */
export type BlockPaths = ReadonlySet<string>;

/** Keys of a resource or data source that are Terraform meta-arguments, in the order they are written. */
const LEADING_META = ['count', 'for_each', 'provider'];
const TRAILING_META = ['depends_on', 'lifecycle'];
const UNSUPPORTED_META = ['provisioner', 'connection', 'dynamic', 'precondition', 'postcondition'];
const UNSUPPORTED_TOP = ['module', 'variable', 'moved', 'import', 'check', 'removed'];

export class HclRenderError extends Error {}

export function renderHcl(tfJson: Json, blocks: BlockPaths): string {
  const unsupported = Object.keys(tfJson).filter((k) => UNSUPPORTED_TOP.includes(k));
  if (unsupported.length) throw new HclRenderError(`cannot render ${unsupported.join(', ')} as HCL`);
  const sections: string[][] = [];
  if (isObject(tfJson.terraform)) sections.push(terraformBlock(tfJson.terraform));
  for (const [name, configs] of sorted(objectAt(tfJson, 'provider'))) {
    for (const config of Array.isArray(configs) ? configs : [configs]) {
      sections.push(block(`provider ${quote(name)}`, body(asObject(config, `provider.${name}`), `provider.${name}`, blocks)));
    }
  }
  if (isObject(tfJson.locals)) sections.push(block('locals', body(tfJson.locals, 'locals', blocks)));
  for (const kind of ['data', 'resource'] as const) {
    for (const [type, byName] of sorted(objectAt(tfJson, kind))) {
      for (const [name, config] of sorted(asObject(byName, `${kind}.${type}`))) {
        const path = `${kind}.${type}.${name}`;
        sections.push(block(`${kind} ${quote(type)} ${quote(name)}`, resourceBody(asObject(config, path), path, blocks)));
      }
    }
  }
  for (const [name, config] of sorted(objectAt(tfJson, 'output'))) {
    sections.push(block(`output ${quote(name)}`, resourceBody(asObject(config, `output.${name}`), `output.${name}`, blocks)));
  }
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

// ---------------------------------------------------------------- structure

/** One entry of a body: `name = value` (value lines after the first are relative to the entry), or whole lines (a block, a comment). */
type Argument = { readonly name: string; readonly value: readonly string[] };
type Entry = Argument | { readonly lines: readonly string[] };

function block(header: string, entries: readonly Entry[]): string[] {
  return entries.length === 0 ? [`${header} {}`] : [`${header} {`, ...indent(layout(entries)), '}'];
}

function terraformBlock(config: Json): string[] {
  const entries: Entry[] = [];
  for (const [key, value] of sorted(config)) {
    if (key === 'required_providers') {
      entries.push({ lines: block('required_providers', attributes(asObject(value, 'terraform.required_providers'))) });
    } else if (key === 'backend') {
      for (const [type, settings] of sorted(asObject(value, 'terraform.backend'))) {
        entries.push({ lines: block(`backend ${quote(type)}`, attributes(asObject(settings, `terraform.backend.${type}`))) });
      }
    } else if (isObject(value)) {
      throw new HclRenderError(`cannot render terraform.${key} as HCL`);
    } else entries.push({ name: key, value: expression(value) });
  }
  return block('terraform', entries);
}

/** A resource, data source or output: meta-arguments around the arguments and blocks. */
function resourceBody(config: Json, path: string, blocks: BlockPaths): Entry[] {
  const bad = Object.keys(config).filter((k) => UNSUPPORTED_META.includes(k));
  if (bad.length) throw new HclRenderError(`${path}: cannot render ${bad.join(', ')} as HCL`);
  const comments = Object.entries(isObject(config['//']) ? config['//'] : {})
    .filter(([key]) => key !== 'metadata')
    .map(([key, value]) => `# ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const rest = Object.fromEntries(Object.entries(config).filter(([k]) => k !== '//' && !LEADING_META.includes(k) && !TRAILING_META.includes(k)));
  const entries: Entry[] = comments.length ? [{ lines: comments }] : [];
  for (const key of LEADING_META.filter((k) => config[k] !== undefined)) {
    entries.push({ name: key, value: key === 'provider' ? [reference(config[key], `${path}.provider`)] : expression(config[key]) });
  }
  entries.push(...body(rest, path, blocks));
  if (config.depends_on !== undefined) entries.push({ name: 'depends_on', value: references(config.depends_on, `${path}.depends_on`) });
  if (config.lifecycle !== undefined) entries.push({ lines: block('lifecycle', lifecycle(first(config.lifecycle, `${path}.lifecycle`), `${path}.lifecycle`)) });
  return entries;
}

/** Arguments first, then nested blocks, each sorted by name (as cdk.tf.json lists them). */
function body(config: Json, path: string, blocks: BlockPaths): Entry[] {
  const entries = sorted(config).filter(([, value]) => value !== undefined);
  const args = entries.filter(([key]) => !blocks.has(`${path}.${key}`));
  const nested = entries.filter(([key]) => blocks.has(`${path}.${key}`));
  return [
    ...args.map(([key, value]): Entry => ({ name: key, value: expression(value) })),
    ...nested.flatMap(([key, value]): Entry[] => {
      const at = `${path}.${key}`;
      if (Array.isArray(value) && value.length === 0) return [{ name: key, value: ['[]'] }];
      const items = Array.isArray(value) ? value : [value];
      return items.map((item) => ({ lines: block(key, body(asObject(item, at), at, blocks)) }));
    }),
  ];
}

function attributes(config: Json): Entry[] {
  return sorted(config).map(([key, value]) => ({ name: key, value: expression(value) }));
}

function lifecycle(config: Json, path: string): Entry[] {
  return sorted(config).map(([key, value]): Entry => {
    if (key === 'ignore_changes' && value === 'all') return { name: key, value: ['all'] };
    if (key === 'ignore_changes' || key === 'replace_triggered_by') return { name: key, value: references(value, `${path}.${key}`) };
    if (isObject(value) || (Array.isArray(value) && value.some(isObject))) throw new HclRenderError(`${path}: cannot render ${key} as HCL`);
    return { name: key, value: expression(value) };
  });
}

// -------------------------------------------------------------- expressions

/** A JSON value as an HCL expression, one entry per line. */
function expression(value: unknown): string[] {
  if (typeof value === 'string') {
    const document = templatesAreReferences(value) ? parseJsonDocument(value) : undefined;
    if (document === undefined) return [stringExpression(value)];
    const lines = literal(document);
    return lines.length === 1 ? [`jsonencode(${lines[0]})`] : [`jsonencode(${lines[0]}`, ...lines.slice(1, -1), `${lines.at(-1)})`];
  }
  return literal(value, expression);
}

/**
 * Objects and lists as HCL literals; `inner` renders their elements (inside a
 * JSON document, strings stay strings: a nested document is not re-encoded).
 */
function literal(value: unknown, inner: (v: unknown) => string[] = documentValue): string[] {
  if (value === null) return ['null'];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (typeof value === 'string') return [stringExpression(value)];
  if (Array.isArray(value)) {
    if (value.length === 0) return ['[]'];
    const items = value.map(inner);
    if (items.every((lines) => lines.length === 1) && value.every((v) => !isObject(v) && !Array.isArray(v))) return list(items.map((lines) => lines[0]!));
    return ['[', ...indent(items.flatMap((lines) => [...lines.slice(0, -1), `${lines.at(-1)},`])), ']'];
  }
  if (isObject(value)) {
    const entries = sorted(value).map(([key, v]): Entry => ({ name: objectKey(key), value: inner(v) }));
    return entries.length === 0 ? ['{}'] : ['{', ...indent(layout(entries)), '}'];
  }
  throw new HclRenderError(`cannot render ${typeof value} as HCL`);
}

function documentValue(value: unknown): string[] {
  return literal(value, documentValue);
}

/**
 * A template string: one interpolation alone is its bare expression; else a
 * quoted template with literal text escaped and `${...}`/`%{...}` kept.
 */
function stringExpression(text: string): string {
  const parts = templateParts(text);
  if (parts.length === 1 && parts[0]!.kind === 'interpolation' && !/^\$\{~|~\}$/.test(parts[0]!.text)) {
    return parts[0]!.text.slice(2, -1).trim();
  }
  return `"${parts.map((p) => (p.kind === 'literal' ? escapeLiteral(p.text) : p.text)).join('')}"`;
}

type TemplatePart = { readonly kind: 'literal' | 'interpolation' | 'directive'; readonly text: string };

/** Splits a template into literal text (template escapes `$${`, `%%{` kept) and `${...}` / `%{...}` sequences. */
function templateParts(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literalStart = 0;
  let i = 0;
  while (i < text.length) {
    const two = text.slice(i, i + 3);
    if (two === '$${' || two === '%%{') {
      i += 3;
      continue;
    }
    if ((text[i] === '$' || text[i] === '%') && text[i + 1] === '{') {
      if (i > literalStart) parts.push({ kind: 'literal', text: text.slice(literalStart, i) });
      const end = closingBrace(text, i + 1);
      parts.push({ kind: text[i] === '$' ? 'interpolation' : 'directive', text: text.slice(i, end) });
      i = literalStart = end;
      continue;
    }
    i++;
  }
  if (literalStart < text.length) parts.push({ kind: 'literal', text: text.slice(literalStart) });
  return parts;
}

/** Index just past the `}` closing the `{` at `open`, skipping quoted strings inside the expression. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  throw new HclRenderError(`unterminated template sequence in ${JSON.stringify(text)}`);
}

/** HCL quoted-string escapes: only \n \r \t \" \\ and \uNNNN exist. */
function escapeLiteral(text: string): string {
  return text.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\\' || c === '"') return `\\${c}`;
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

const REFERENCE = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/;

/**
 * True when every template sequence is a plain reference: only then does
 * `jsonencode()` of the decoded document give the template's text (a
 * directive or function call could produce quotes the template would not
 * escape).
 */
function templatesAreReferences(text: string): boolean {
  if (text.includes('$${') || text.includes('%%{')) return false;
  let parts: TemplatePart[];
  try {
    parts = templateParts(text);
  } catch {
    return false;
  }
  return parts.every((p) => p.kind === 'literal' || (p.kind === 'interpolation' && REFERENCE.test(p.text.slice(2, -1).trim())));
}

/** `"aws_x.y"` or `"${aws_x.y}"` (both mean the reference in Terraform JSON) as `aws_x.y`. */
function reference(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new HclRenderError(`${path}: expected a reference, got ${JSON.stringify(value)}`);
  const bare = /^\$\{(.*)\}$/s.exec(value)?.[1]?.trim() ?? value;
  if (!REFERENCE.test(bare)) throw new HclRenderError(`${path}: ${JSON.stringify(value)} is not a reference`);
  return bare;
}

function references(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) throw new HclRenderError(`${path}: expected a list of references`);
  return list(value.map((v) => reference(v, path)));
}

/** One-line expressions as a list: on one line when short, else one per line. */
function list(items: readonly string[]): string[] {
  const oneLine = `[${items.join(', ')}]`;
  return oneLine.length <= 80 ? [oneLine] : ['[', ...indent(items.map((item) => `${item},`)), ']'];
}

// ------------------------------------------------------------------- layout

/**
 * Entries as `terraform fmt` lays them out: the `=` of consecutive one-line
 * arguments aligned, any line that is not one (a block, a comment, the first
 * line of a multi-line value) ending the run.
 */
function layout(entries: readonly Entry[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < entries.length; ) {
    const entry = entries[i]!;
    if ('lines' in entry) {
      out.push(...entry.lines);
      i++;
      continue;
    }
    if (entry.value.length > 1) {
      out.push(`${entry.name} = ${entry.value[0]}`, ...entry.value.slice(1));
      i++;
      continue;
    }
    const run: Argument[] = [];
    for (let next = entries[i]; next && isOneLine(next); next = entries[i + run.length]) run.push(next);
    const width = Math.max(...run.map((e) => columns(e.name)));
    for (const e of run) out.push(`${e.name}${' '.repeat(width - columns(e.name))} = ${e.value[0]}`);
    i += run.length;
  }
  return out;
}

const isOneLine = (entry: Entry): entry is Argument => !('lines' in entry) && entry.value.length === 1;

/** hclwrite counts characters (runes), not UTF-16 units. */
const columns = (text: string) => [...text].length;

const indent = (lines: readonly string[]) => lines.map((line) => (line === '' ? line : `  ${line}`));

const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);

/** Object keys bare when they are identifiers, quoted (and escaped) otherwise. */
function objectKey(key: string): string {
  return /^[A-Za-z_][\w-]*$/.test(key) && !KEYWORDS.has(key) ? key : quote(key);
}

/** A quoted label or key: a literal string, so template sequences are escaped too. */
function quote(text: string): string {
  return `"${escapeLiteral(text).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')}"`;
}

// -------------------------------------------------------------------- JSON

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function objectAt(json: Json, key: string): Json {
  return json[key] === undefined ? {} : asObject(json[key], key);
}

function asObject(value: unknown, path: string): Json {
  if (!isObject(value)) throw new HclRenderError(`${path}: expected an object, got ${JSON.stringify(value)}`);
  return value;
}

/** Blocks such as lifecycle may be written as an object or a one-element list. */
function first(value: unknown, path: string): Json {
  return asObject(Array.isArray(value) && value.length === 1 ? value[0] : value, path);
}

/** Entries by key, as cdk.tf.json lists them. */
function sorted(json: Json): [string, unknown][] {
  return Object.entries(json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
