/**
 * Decode `container_properties` (and similar JSON-string attributes) the way
 * they appear in Terraform JSON:
 *
 * - a JSON document, as cdktf writes it (`JSON.stringify`), possibly with
 *   `${...}` tokens inside its strings;
 * - `${jsonencode({ image = "...", vcpus = 1 })}`, as hcl2json keeps an HCL
 *   `jsonencode(...)` call: the argument is HCL object syntax, parsed here;
 * - a heredoc holding JSON, which hcl2json turns into a plain JSON string.
 *
 * Anything that is not a literal (a function call, a variable, arithmetic) is
 * kept as a `${...}` string, so the usual literal/expression helpers apply to
 * the decoded value. Returns undefined when the whole value is unknown.
 */
import { hclEscape } from './expressions/syntax';
export function decodeJsonAttribute(value: unknown): Record<string, unknown> | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  if (typeof value !== 'string') return undefined;
  // Decoded once per text: several views and rules read the same job definition (the result is not modified).
  if (DECODED.has(value)) return DECODED.get(value);
  if (DECODED.size > 20_000) DECODED.clear();
  const decoded = decode(value);
  DECODED.set(value, decoded);
  return decoded;
}

const DECODED = new Map<string, Record<string, unknown> | undefined>();

function decode(value: string): Record<string, unknown> | undefined {
  const text = value.trim();
  const call = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/.exec(text);
  if (call) {
    const decoded = new HclLiteralParser(call[1]!).parseWhole();
    return isObject(decoded) ? decoded : undefined;
  }
  try {
    const decoded: unknown = JSON.parse(text);
    return isObject(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Marks a value the parser could not read; never leaks out (replaced by a `${...}` string). */
class Unreadable extends Error {}

/**
 * A small reader for HCL literal syntax: objects (`key = value`, `"key": value`,
 * newline or comma separated), tuples, strings with `${}` templates, numbers,
 * booleans and null. Any other expression is captured verbatim as `${expr}`.
 */
class HclLiteralParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parseWhole(): unknown {
    try {
      const v = this.value();
      this.skip(true);
      return this.pos === this.src.length ? v : undefined;
    } catch (e) {
      if (e instanceof Unreadable) return undefined;
      throw e;
    }
  }

  private value(): unknown {
    this.skip(true);
    const c = this.src[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '"') {
      const s = this.string();
      // `"a" == b ? ...`: a string that is only the start of an expression.
      return this.atValueEnd() ? s : this.expressionFrom(this.lastStart);
    }
    const start = this.pos;
    const literal = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![\w.])/.exec(this.src.slice(start));
    if (literal) {
      this.pos += literal[0].length;
      if (this.atValueEnd()) return JSON.parse(literal[0]);
    }
    return this.expressionFrom(start);
  }

  private lastStart = 0;

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++; // {
    for (;;) {
      this.skip(true);
      if (this.src[this.pos] === '}') {
        this.pos++;
        return out;
      }
      const key = this.key();
      this.skip(false);
      const sep = this.src[this.pos];
      if (sep !== '=' && sep !== ':') throw new Unreadable();
      this.pos++;
      out[key] = this.value();
      this.skip(false);
      if (this.src[this.pos] === ',') this.pos++;
    }
  }

  private key(): string {
    if (this.src[this.pos] === '"') return this.string();
    const m = /^[A-Za-z_][\w-]*/.exec(this.src.slice(this.pos));
    if (!m) throw new Unreadable(); // `(var.key) = ...`: a computed key
    this.pos += m[0].length;
    return m[0];
  }

  private tuple(): unknown[] {
    const out: unknown[] = [];
    this.pos++; // [
    for (;;) {
      this.skip(true);
      if (this.src[this.pos] === ']') {
        this.pos++;
        return out;
      }
      out.push(this.value());
      this.skip(true);
      if (this.src[this.pos] === ',') this.pos++;
    }
  }

  /** A quoted template; `${...}` spans are kept verbatim (they may hold nested quotes). */
  private string(): string {
    this.lastStart = this.pos;
    this.pos++; // "
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        out += this.escape();
      } else if (c === '$' && this.src[this.pos + 1] === '{') {
        const end = this.balanced(this.pos + 1, '{', '}');
        out += this.src.slice(this.pos, end);
        this.pos = end;
      } else {
        // Plain text up to the next quote, escape or `$`, as one slice (not a chain of one-character pieces).
        let end = this.pos + 1;
        while (end < this.src.length && this.src[end] !== '"' && this.src[end] !== '\\' && this.src[end] !== '$') end++;
        out += this.src.slice(this.pos, end);
        this.pos = end;
      }
    }
    throw new Unreadable();
  }

  /** HCL's escapes (hclEscape). */
  private escape(): string {
    const escape = hclEscape(this.src, this.pos);
    if (!escape) throw new Unreadable();
    this.pos += escape.length;
    return escape.text;
  }

  /** Index just past the bracket matching the one at `open`, skipping quoted strings. */
  private balanced(open: number, o: string, c: string): number {
    let depth = 0;
    for (let i = open; i < this.src.length; i++) {
      const ch = this.src[i];
      if (ch === '"') {
        for (i++; i < this.src.length && this.src[i] !== '"'; i++) if (this.src[i] === '\\') i++;
      } else if (ch === o) depth++;
      else if (ch === c && --depth === 0) return i + 1;
    }
    throw new Unreadable();
  }

  /** Consume an arbitrary expression up to the end of the value; keep it as `${expr}`. */
  private expressionFrom(start: number): string {
    this.pos = start;
    while (this.pos < this.src.length && !this.atValueEnd()) {
      const ch = this.src[this.pos]!;
      if (ch === '(' || ch === '[' || ch === '{') this.pos = this.balanced(this.pos, ch, ch === '(' ? ')' : ch === '[' ? ']' : '}');
      else if (ch === '"') this.string();
      else this.pos++;
    }
    const text = this.src.slice(start, this.pos).trim();
    if (text === '') throw new Unreadable();
    return '${' + text + '}';
  }

  /** At a separator that ends a value inside an object or tuple (or the end of input). */
  private atValueEnd(): boolean {
    let i = this.pos;
    while (this.src[i] === ' ' || this.src[i] === '\t' || this.src[i] === '\r') i++;
    const c = this.src[i];
    return c === undefined || c === ',' || c === '\n' || c === '}' || c === ']' || c === '#';
  }

  private skip(newlines: boolean): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.pos++;
      else if (c === '#' || (c === '/' && this.src[this.pos + 1] === '/')) {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }
}
