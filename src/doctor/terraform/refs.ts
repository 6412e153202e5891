/**
 * References in Terraform JSON. Both cdktf and @cdktf/hcl2json write every
 * expression as a `${...}` string: `"${aws_subnet.a.id}"`,
 * `"${aws_ecr_repository.app.repository_url}:latest"`, `"${var.subnets}"`.
 * A value is a literal only when it contains no `${`.
 */

/** A traversal `type.name[.attr]` found inside an expression. */
export interface Ref {
  /** `data`, `var`, `local`, `module`, ... are kept as the type, so callers can tell them apart. */
  readonly type: string;
  readonly name: string;
  readonly attr?: string;
  /** `[*]`, `.*` or an index followed the name: the reference is to a counted resource. */
  readonly indexed: boolean;
}

const SEGMENT = '[A-Za-z_][\\w-]*';
const INDEX = '(?:\\[[^\\]]*\\]|\\.\\*)';
/** The whole value is exactly one traversal: `${aws_x.y.attr}`, `${aws_x.y[*].id}`. */
const SINGLE = new RegExp(`^\\$\\{\\s*(${SEGMENT})\\.(${SEGMENT})(${INDEX})?(?:\\.(${SEGMENT}))?\\s*\\}$`);
/** Traversals anywhere in an expression; the look-behind stops `a.b.c.d` matching `c.d`. */
const ANY = new RegExp(`(?<![\\w.\\-"])(${SEGMENT})\\.(${SEGMENT})(${INDEX})?(?:\\.(${SEGMENT}))?`, 'g');

/** Not resource types: references through these are unknown before apply. */
const NON_RESOURCE = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'self', 'terraform']);

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${');
}

/** The reference when the value is exactly one traversal, else undefined. */
export function singleRef(value: unknown): Ref | undefined {
  if (typeof value !== 'string') return undefined;
  const m = SINGLE.exec(value);
  if (!m) return undefined;
  const [, type, name, index, attr] = m;
  // `${data.aws_iam_policy.x.arn}`: the regex saw type `data`; keep it, it is unknown anyway.
  return { type: type!, name: name!, attr, indexed: index !== undefined };
}

/** Every traversal inside every `${...}` of a string. */
export function refsIn(value: string): Ref[] {
  const out: Ref[] = [];
  for (const span of interpolations(value)) {
    for (const m of span.matchAll(ANY)) {
      const [, type, name, index, attr] = m;
      out.push({ type: type!, name: name!, attr, indexed: index !== undefined });
    }
  }
  return out;
}

/** Is this a reference to a managed resource (as opposed to var/local/data/...)? */
export function isResourceRef(ref: Ref): boolean {
  return !NON_RESOURCE.has(ref.type) && ref.type !== 'data' && ref.type.includes('_');
}

/** The bodies of the `${...}` spans, balanced over nested braces and quoted strings. */
function interpolations(value: string): string[] {
  const spans: string[] = [];
  let i = value.indexOf('${');
  while (i !== -1) {
    let depth = 1;
    let j = i + 2;
    let quoted = false;
    for (; j < value.length && depth > 0; j++) {
      const c = value[j];
      if (quoted) {
        if (c === '\\') j++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    spans.push(value.slice(i + 2, j - 1));
    i = value.indexOf('${', j);
  }
  return spans;
}

/** `depends_on` entries: cdktf writes plain addresses, hcl2json writes `${type.name}`. */
export function dependsOnAddresses(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.replace(/^\$\{\s*/, '').replace(/\s*\}$/, ''));
}
