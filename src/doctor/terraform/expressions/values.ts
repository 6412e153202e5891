/**
 * What an expression evaluates to. Known values are plain JSON-like values
 * (null, booleans, numbers, strings, arrays, plain objects). Three kinds are
 * not:
 *
 * - `Unknown`: a value the configuration does not decide (a variable without
 *   a value, a data source, a module that was not read), with the reason, the
 *   addresses it came from, and, for a conditional whose branches are known,
 *   the values it can take.
 * - `AttrRef`: an attribute of a resource or data source of this
 *   configuration (`aws_subnet.a.id`): known only at apply, but which
 *   resource it belongs to is known, and that is what the doctor follows.
 *   In resource bodies it is written back as `${<address>.<attr>}`, the
 *   form cdktf writes.
 * - `ResourceObject` / `ModuleObject`: a whole resource instance or module
 *   instance used as a value (`for_each = aws_subnet.private`,
 *   `module.network`), read attribute by attribute.
 *
 * A string may be partly known: an unknown part is kept as `${...}` text,
 * as Terraform JSON writes expressions, so `"arn:aws:iam::${var.account}:role/x"`
 * still shows its known parts.
 */

export class Unknown {
  constructor(
    /** Why, in a clause that reads after a subject: "comes from data.aws_subnets.private". */
    readonly reason: string,
    /** Canonical addresses the value came from (`data.aws_ami.ecs`, `var.tokens`), for rules that look closer. */
    readonly sources: readonly string[] = [],
    /** The values it may take, when a conditional's branches are known and only the condition is not. */
    readonly candidates?: readonly Value[],
    /**
     * base64encode() of a partly known string: that string, unknown parts as
     * `${...}`. Launch template user data is nearly always written so, and
     * what it says (a MIME archive, a password) is in the known part.
     */
    readonly base64Of?: string,
  ) {}
}

/** An attribute of a resource or data source instance, known at apply: `${address}${path}`. */
export class AttrRef {
  constructor(
    /** The instance address (`module.x.aws_subnet.a[0]`), or the block's for an instance that could not be expanded. */
    readonly address: string,
    /** `.id`, `.metadata_options[0].http_tokens`; empty for the whole object. */
    readonly path: string,
    /** A splat over a resource whose instances are not known: stands for all of them. */
    readonly splat = false,
  ) {}

  get text(): string {
    return `${this.address}${this.splat ? '[*]' : ''}${this.path}`;
  }

  get placeholder(): string {
    return `\${${this.text}}`;
  }

  with(step: string): AttrRef {
    return new AttrRef(this.address, `${this.path}${step}`, this.splat);
  }
}

/** A resource or data source instance used as a whole (`each.value` of `for_each = aws_subnet.private`). */
export class ResourceObject {
  constructor(
    readonly address: string,
    /** Arguments the evaluator can read back (data.template_file's `rendered`), by name. */
    readonly special?: (attr: string) => Value | undefined,
  ) {}

  attr(name: string): Value {
    return this.special?.(name) ?? new AttrRef(this.address, `.${name}`);
  }
}

/** A module instance used as a value: its outputs, evaluated when read. */
export class ModuleObject {
  constructor(
    readonly address: string,
    readonly outputNames: readonly string[],
    readonly output: (name: string) => Value,
  ) {}
}

export type Value = null | boolean | number | string | readonly Value[] | { readonly [key: string]: Value } | Unknown | AttrRef | ResourceObject | ModuleObject;

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** A plain object (a map, an object value or a block), not one of the special kinds. */
export function isRecord(v: unknown): v is { readonly [key: string]: Value } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** Known all the way down (no Unknown, AttrRef or partial string anywhere inside). */
export function isWhollyKnown(v: Value): boolean {
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return true;
  if (typeof v === 'string') return !v.includes('${');
  if (Array.isArray(v)) return v.every(isWhollyKnown);
  if (isRecord(v)) return Object.values(v).every(isWhollyKnown);
  return false;
}

/** A string with a `${...}` part: known only in part. */
export function isPartial(v: unknown): v is string {
  return typeof v === 'string' && v.includes('${');
}

/**
 * The first unknown thing inside a value, as an Unknown with its reason: for
 * a partial string, a reference or a nested unknown. Undefined when the value
 * is wholly known.
 */
export function firstUnknown(v: Value, describe: (placeholderText: string) => Unknown): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (v instanceof AttrRef) return new Unknown(`is known only after apply (${v.text})`, [v.address]);
  if (v instanceof ResourceObject || v instanceof ModuleObject) return new Unknown(`is the whole object ${v.address}`, [v.address]);
  if (typeof v === 'string') {
    const m = /\$\{([^}]*)\}/.exec(v);
    return m ? describe(m[1]!) : undefined;
  }
  if (Array.isArray(v)) {
    for (const item of v) {
      const u = firstUnknown(item, describe);
      if (u) return u;
    }
    return undefined;
  }
  if (isRecord(v)) {
    for (const item of Object.values(v)) {
      const u = firstUnknown(item, describe);
      if (u) return u;
    }
  }
  return undefined;
}

/** Terraform's type name of a value, for messages. */
export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (isRecord(v)) return 'object';
  if (v instanceof Unknown) return 'unknown';
  if (v instanceof AttrRef) return 'reference';
  if (v instanceof ResourceObject) return 'resource';
  if (v instanceof ModuleObject) return 'module';
  return typeof v;
}
