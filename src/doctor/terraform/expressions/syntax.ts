/**
 * HCL's expression syntax, as Terraform writes it and as @cdktf/hcl2json
 * hands it over: every attribute value that is not a plain literal arrives
 * as a template string (`"${var.a}-x"`, `"${jsonencode({...})}"`), and this
 * parser turns that text into a tree the evaluator reads. It covers what
 * configurations use: literals, tuples and objects, templates with
 * interpolations and `%{if}` / `%{for}` directives, heredocs, traversals
 * with attributes, indexes and splats, function calls, unary and binary
 * operators, conditionals and `for` expressions
 * (https://developer.hashicorp.com/terraform/language/expressions).
 *
 * A syntax error throws ExpressionSyntaxError; callers turn it into an
 * unknown value with the message as its reason.
 */

export type Expr =
  | { readonly kind: 'literal'; readonly value: null | boolean | number | string }
  | { readonly kind: 'template'; readonly parts: readonly TemplatePart[] }
  | { readonly kind: 'tuple'; readonly items: readonly Expr[] }
  | { readonly kind: 'object'; readonly items: readonly { readonly key: Expr; readonly value: Expr }[] }
  /** A root name: `var`, `local`, `aws_subnet`, `each`, a for-expression's variable. */
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'attr'; readonly target: Expr; readonly name: string }
  | { readonly kind: 'index'; readonly target: Expr; readonly key: Expr }
  /** `target[*].rest` / `target.*.rest`: `each` is applied to every element (as `item`). */
  | { readonly kind: 'splat'; readonly target: Expr; readonly each: Expr }
  /** The element a splat's `each` works on. */
  | { readonly kind: 'item' }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly expand: boolean }
  | { readonly kind: 'unary'; readonly op: '!' | '-'; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'conditional'; readonly condition: Expr; readonly then: Expr; readonly else: Expr }
  | {
      readonly kind: 'for';
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
      /** Set for an object `for` (`{ for k, v in m : k => v }`). */
      readonly key?: Expr;
      readonly value: Expr;
      readonly condition?: Expr;
      /** `...` after the value: group values by key. */
      readonly group: boolean;
    };

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'interpolation'; readonly expr: Expr }
  | { readonly kind: 'if'; readonly condition: Expr; readonly then: readonly TemplatePart[]; readonly else: readonly TemplatePart[] }
  | { readonly kind: 'for'; readonly keyVar?: string; readonly valueVar: string; readonly collection: Expr; readonly body: readonly TemplatePart[] };

export class ExpressionSyntaxError extends Error {
  override readonly name = 'ExpressionSyntaxError';
}

const parsedTemplates = new Map<string, Expr>();
const parsedExpressions = new Map<string, Expr>();

/**
 * A string as Terraform reads an attribute value: a template. One that is
 * exactly one interpolation (`"${var.x}"`) stands for that expression's value,
 * unconverted. Results are cached by text: configurations repeat the same
 * references many times.
 */
export function parseTemplate(text: string): Expr {
  const known = parsedTemplates.get(text);
  if (known) return known;
  const parser = new Parser(text);
  const parts = parser.templateParts('end', false);
  const expr: Expr = parts.length === 1 && parts[0]!.kind === 'interpolation' ? parts[0]!.expr : { kind: 'template', parts };
  if (parsedTemplates.size > 10_000) parsedTemplates.clear();
  parsedTemplates.set(text, expr);
  return expr;
}

/** A bare expression (a variable's `type`, a `--var` value, a depends_on entry). */
export function parseExpression(text: string): Expr {
  const known = parsedExpressions.get(text);
  if (known) return known;
  const parser = new Parser(text);
  const expr = parser.expression();
  parser.skipSpace(true);
  if (!parser.atEnd()) parser.fail('unexpected text after the expression');
  if (parsedExpressions.size > 10_000) parsedExpressions.clear();
  parsedExpressions.set(text, expr);
  return expr;
}

/** Does the string need the template parser (an interpolation, a directive, or an escape of one)? */
export function isTemplate(text: string): boolean {
  return text.includes('${') || text.includes('%{');
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

const PRECEDENCE: ReadonlyArray<readonly BinaryOp[]> = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  fail(what: string): never {
    const near = this.src.slice(this.pos, this.pos + 20).replace(/\n/g, '\\n');
    throw new ExpressionSyntaxError(`${what} at "${near}"`);
  }

  // -------------------------------------------------------------------------
  // Expressions
  // -------------------------------------------------------------------------

  expression(): Expr {
    const condition = this.binary(0);
    this.skipSpace(true);
    if (this.peek('?')) {
      this.pos++;
      const then = this.expression();
      this.expect(':');
      const otherwise = this.expression();
      return { kind: 'conditional', condition, then, else: otherwise };
    }
    return condition;
  }

  private binary(level: number): Expr {
    if (level === PRECEDENCE.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.skipSpace(true);
      const op = PRECEDENCE[level]!.find((o) => this.src.startsWith(o, this.pos) && !this.isLongerOperator(o));
      if (!op) return left;
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { kind: 'binary', op, left, right };
    }
  }

  /** `<` must not be read inside `<=` or `<<`, `=` not inside `=>`, and so on. */
  private isLongerOperator(op: string): boolean {
    const next = this.src[this.pos + op.length];
    if ((op === '<' || op === '>') && (next === '=' || (op === '<' && next === '<'))) return true;
    if ((op === '*' || op === '/') && (next === '/' || next === '*')) return true; // comments
    return false;
  }

  private unary(): Expr {
    this.skipSpace(true);
    const c = this.src[this.pos];
    if (c === '!' && this.src[this.pos + 1] !== '=') {
      this.pos++;
      return { kind: 'unary', op: '!', operand: this.unary() };
    }
    if (c === '-' && !/\d/.test(this.src[this.pos + 1] ?? '')) {
      this.pos++;
      return { kind: 'unary', op: '-', operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private primary(): Expr {
    this.skipSpace(true);
    const c = this.src[this.pos];
    if (c === undefined) this.fail('expected an expression');
    if (c === '(') {
      this.pos++;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (c === '"') return this.quoted();
    if (c === '<' && this.src[this.pos + 1] === '<') return this.heredoc();
    if (c === '[') return this.tupleOrFor();
    if (c === '{') return this.objectOrFor();
    if (/\d/.test(c) || (c === '-' && /\d/.test(this.src[this.pos + 1] ?? ''))) return this.number();
    if (IDENT_START.test(c)) {
      const name = this.identifier();
      if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
      if (name === 'null') return { kind: 'literal', value: null };
      // provider::aws::arn_parse(...): provider-defined functions.
      let fn = name;
      while (this.src.startsWith('::', this.pos)) {
        this.pos += 2;
        fn += `::${this.identifier()}`;
      }
      this.skipSpace(false);
      if (this.peek('(')) return this.call(fn);
      if (fn !== name) this.fail('expected a function call');
      return { kind: 'name', name };
    }
    return this.fail('unexpected character');
  }

  private number(): Expr {
    const m = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.src.slice(this.pos))!;
    this.pos += m[0].length;
    return { kind: 'literal', value: Number(m[0]) };
  }

  private identifier(): string {
    const start = this.pos;
    if (!IDENT_START.test(this.src[this.pos] ?? '')) this.fail('expected a name');
    this.pos++;
    while (IDENT_PART.test(this.src[this.pos] ?? '')) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private call(name: string): Expr {
    this.pos++; // (
    const args: Expr[] = [];
    let expand = false;
    for (;;) {
      this.skipSpace(true);
      if (this.peek(')')) break;
      args.push(this.expression());
      this.skipSpace(true);
      if (this.src.startsWith('...', this.pos)) {
        this.pos += 3;
        expand = true;
        this.skipSpace(true);
      }
      if (this.peek(',')) this.pos++;
      else if (!this.peek(')')) this.fail('expected , or ) in the arguments');
    }
    this.pos++; // )
    return { kind: 'call', name, args, expand };
  }

  /** Attribute access, indexes and splats after a term. */
  private postfix(target: Expr): Expr {
    for (;;) {
      const save = this.pos;
      this.skipSpace(false);
      if (this.src.startsWith('...', this.pos)) {
        this.pos = save;
        return target;
      }
      if (this.src.startsWith('[*]', this.pos) || this.src.startsWith('.*', this.pos)) {
        const full = this.src[this.pos] === '[';
        this.pos += full ? 3 : 2;
        return { kind: 'splat', target, each: this.splatRest(full) };
      }
      if (this.peek('.') && !/\d/.test(this.src[this.pos + 1] ?? '')) {
        this.pos++;
        this.skipSpace(false);
        target = { kind: 'attr', target, name: this.identifier() };
      } else if (this.peek('.')) {
        // Legacy index syntax: `list.0`.
        this.pos++;
        const m = /^\d+/.exec(this.src.slice(this.pos))!;
        this.pos += m[0].length;
        target = { kind: 'index', target, key: { kind: 'literal', value: Number(m[0]) } };
      } else if (this.peek('[')) {
        this.pos++;
        const key = this.expression();
        this.expect(']');
        target = { kind: 'index', target, key };
      } else {
        this.pos = save;
        return target;
      }
    }
  }

  /** What follows a splat: attributes (and, for `[*]`, indexes too) applied to each element. */
  private splatRest(full: boolean): Expr {
    let each: Expr = { kind: 'item' };
    for (;;) {
      const save = this.pos;
      this.skipSpace(false);
      if (this.peek('.') && IDENT_START.test(this.src[this.pos + 1] ?? '')) {
        this.pos++;
        each = { kind: 'attr', target: each, name: this.identifier() };
      } else if (full && this.peek('[') && !this.src.startsWith('[*]', this.pos)) {
        this.pos++;
        const key = this.expression();
        this.expect(']');
        each = { kind: 'index', target: each, key };
      } else {
        this.pos = save;
        return each;
      }
    }
  }

  private tupleOrFor(): Expr {
    this.pos++; // [
    this.skipSpace(true);
    if (this.keyword('for')) {
      const head = this.forHead();
      const value = this.expression();
      const condition = this.forCondition();
      this.expect(']');
      return { kind: 'for', ...head, value, ...(condition ? { condition } : {}), group: false };
    }
    const items: Expr[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.peek(']')) break;
      items.push(this.expression());
      this.skipSpace(true);
      if (this.peek(',')) this.pos++;
      else if (!this.peek(']')) this.fail('expected , or ] in the list');
    }
    this.pos++;
    return { kind: 'tuple', items };
  }

  private objectOrFor(): Expr {
    this.pos++; // {
    this.skipSpace(true);
    if (this.keyword('for')) {
      const head = this.forHead();
      const key = this.expression();
      this.skipSpace(true);
      if (!this.src.startsWith('=>', this.pos)) this.fail('expected => in the for expression');
      this.pos += 2;
      const value = this.expression();
      this.skipSpace(true);
      let group = false;
      if (this.src.startsWith('...', this.pos)) {
        this.pos += 3;
        group = true;
      }
      const condition = this.forCondition();
      this.expect('}');
      return { kind: 'for', ...head, key, value, ...(condition ? { condition } : {}), group };
    }
    const items: { key: Expr; value: Expr }[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.peek('}')) break;
      const key = this.objectKey();
      this.skipSpace(false);
      if (this.peek('=') && this.src[this.pos + 1] !== '=') this.pos++;
      else if (this.peek(':')) this.pos++;
      else this.fail('expected = or : after the object key');
      items.push({ key, value: this.expression() });
      this.skipSpace(false);
      if (this.peek(',')) this.pos++;
    }
    this.pos++;
    return { kind: 'object', items };
  }

  /** An object key: a bare name is a string (`Name = ...`), anything else an expression. */
  private objectKey(): Expr {
    const save = this.pos;
    if (IDENT_START.test(this.src[this.pos] ?? '')) {
      const name = this.identifier();
      this.skipSpace(false);
      if ((this.peek('=') && this.src[this.pos + 1] !== '=') || this.peek(':')) return { kind: 'literal', value: name };
      this.pos = save;
    }
    return this.expression();
  }

  private keyword(word: string): boolean {
    if (!this.src.startsWith(word, this.pos) || IDENT_PART.test(this.src[this.pos + word.length] ?? '')) return false;
    this.pos += word.length;
    return true;
  }

  /** `k, v in collection` then its end: `:` in a for expression, `}` of a `%{for ...}` directive. */
  private forHead(end: () => void = () => this.expect(':')): { keyVar?: string; valueVar: string; collection: Expr } {
    this.skipSpace(true);
    const first = this.identifier();
    this.skipSpace(true);
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.peek(',')) {
      this.pos++;
      this.skipSpace(true);
      keyVar = first;
      valueVar = this.identifier();
      this.skipSpace(true);
    }
    if (!this.keyword('in')) this.fail('expected in');
    const collection = this.expression();
    end();
    return { ...(keyVar ? { keyVar } : {}), valueVar, collection };
  }

  private forCondition(): Expr | undefined {
    this.skipSpace(true);
    return this.keyword('if') ? this.expression() : undefined;
  }

  // -------------------------------------------------------------------------
  // Templates
  // -------------------------------------------------------------------------

  /** A quoted template inside an expression: backslash escapes, then template syntax. */
  private quoted(): Expr {
    this.pos++; // "
    const parts = this.templateParts('quote', true);
    this.pos++; // "
    if (parts.length === 0) return { kind: 'literal', value: '' };
    if (parts.length === 1 && parts[0]!.kind === 'text') return { kind: 'literal', value: parts[0].text };
    return { kind: 'template', parts };
  }

  /** `<<EOT` / `<<-EOT` ... `EOT`: a template without backslash escapes; `-` trims the common indent. */
  private heredoc(): Expr {
    const m = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(this.src.slice(this.pos));
    if (!m) this.fail('expected a heredoc marker');
    this.pos += m[0].length;
    const lines: string[] = [];
    for (;;) {
      if (this.atEnd()) this.fail(`unterminated heredoc ${m[2]}`);
      const end = this.src.indexOf('\n', this.pos);
      const line = this.src.slice(this.pos, end === -1 ? this.src.length : end);
      this.pos = end === -1 ? this.src.length : end + 1;
      if (line.trim() === m[2]) break;
      lines.push(line);
    }
    if (m[1] === '-') {
      const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length));
      for (let i = 0; i < lines.length; i++) lines[i] = lines[i]!.slice(Number.isFinite(indent) ? indent : 0);
    }
    const body = lines.map((l) => `${l}\n`).join('');
    const inner = parseTemplate(body);
    return inner;
  }

  /**
   * Template parts up to the end (`end`), the closing quote (`quote`), or the
   * next directive keyword (`directive`). `%{ else }`, `%{ endif }` and
   * `%{ endfor }` end a nested body; the caller reads them.
   */
  templateParts(until: 'end' | 'quote' | 'directive', escapes: boolean): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let text = '';
    let stripNext = false;
    const flush = (stripEnd: boolean): void => {
      let t = text;
      if (stripNext) t = t.replace(/^\s+/, '');
      if (stripEnd) t = t.replace(/\s+$/, '');
      if (t !== '') parts.push({ kind: 'text', text: t });
      text = '';
      stripNext = false;
    };
    while (!this.atEnd()) {
      const c = this.src[this.pos]!;
      if (until === 'quote' && c === '"') break;
      if (escapes && c === '\\') {
        text += this.escape();
        continue;
      }
      if ((c === '$' || c === '%') && this.src.startsWith(`${c}${c}{`, this.pos)) {
        // `$${` and `%%{` stand for a literal `${` / `%{`.
        text += `${c}{`;
        this.pos += 3;
        continue;
      }
      if (c === '$' && this.src[this.pos + 1] === '{') {
        this.pos += 2;
        const strip = this.strip();
        flush(strip);
        const expr = this.expression();
        this.skipSpace(true);
        stripNext = this.closeStrip();
        parts.push({ kind: 'interpolation', expr });
        continue;
      }
      if (c === '%' && this.src[this.pos + 1] === '{') {
        const save = this.pos;
        this.pos += 2;
        const strip = this.strip();
        this.skipSpace(true);
        const word = /^(if|else|endif|for|endfor)\b/.exec(this.src.slice(this.pos))?.[1];
        if (!word) this.fail('unknown template directive');
        if (word === 'else' || word === 'endif' || word === 'endfor') {
          if (until !== 'directive') this.fail(`unexpected %{${word}}`);
          flush(strip);
          this.pos = save;
          return parts;
        }
        flush(strip);
        this.pos += word.length;
        parts.push(word === 'if' ? this.ifDirective(escapes) : this.forDirective(escapes));
        continue;
      }
      // Plain text up to the next character the loop above may treat specially,
      // taken as one slice: a string built a character at a time is a chain of
      // hundreds of pieces that every later use of the text walks again.
      let end = this.pos + 1;
      for (; end < this.src.length; end++) {
        const d = this.src[end];
        if (d === '$' || d === '%' || (d === '"' && until === 'quote') || (d === '\\' && escapes)) break;
      }
      text += this.src.slice(this.pos, end);
      this.pos = end;
    }
    if (until === 'quote' && this.atEnd()) this.fail('unterminated string');
    if (until === 'directive') this.fail('unterminated template directive');
    flush(false);
    return parts;
  }

  private ifDirective(escapes: boolean): TemplatePart {
    const condition = this.expression();
    this.directiveEnd();
    const then = this.templateParts('directive', escapes);
    let otherwise: TemplatePart[] = [];
    if (this.directiveWord() === 'else') {
      this.directiveEnd();
      otherwise = this.templateParts('directive', escapes);
    }
    if (this.directiveWord() !== 'endif') this.fail('expected %{endif}');
    this.directiveEnd();
    return { kind: 'if', condition, then, else: otherwise };
  }

  private forDirective(escapes: boolean): TemplatePart {
    const head = this.forHead(() => this.directiveEnd());
    const body = this.templateParts('directive', escapes);
    if (this.directiveWord() !== 'endfor') this.fail('expected %{endfor}');
    this.directiveEnd();
    return { kind: 'for', ...head, body };
  }


  /** Reads `%{ word` of a closing directive (else/endif/endfor) and returns the word. */
  private directiveWord(): string {
    this.pos += 2; // %{
    this.strip();
    this.skipSpace(true);
    const m = /^(else|endif|endfor)\b/.exec(this.src.slice(this.pos));
    if (!m) this.fail('expected a closing directive');
    this.pos += m[1]!.length;
    return m[1]!;
  }

  private directiveEnd(): void {
    this.skipSpace(true);
    this.closeStrip();
  }

  /** `~` right after `${` / `%{`: strip the whitespace before. */
  private strip(): boolean {
    if (this.peek('~')) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** The closing `}` (or `~}`, which strips the whitespace after). */
  private closeStrip(): boolean {
    let strip = false;
    if (this.peek('~')) {
      this.pos++;
      strip = true;
    }
    if (!this.peek('}')) this.fail('expected }');
    this.pos++;
    return strip;
  }

  /** HCL's escapes in quoted strings (hclEscape). */
  private escape(): string {
    const escape = hclEscape(this.src, this.pos);
    if (!escape) this.fail('invalid unicode escape');
    this.pos += escape.length;
    return escape.text;
  }

  // -------------------------------------------------------------------------
  // Whitespace and punctuation
  // -------------------------------------------------------------------------

  private peek(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  private expect(s: string): void {
    this.skipSpace(true);
    if (!this.peek(s)) this.fail(`expected ${s}`);
    this.pos += s.length;
  }

  /** Spaces and comments; newlines too when `newlines` (inside brackets they mean nothing). */
  skipSpace(newlines: boolean): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.pos++;
      else if (c === '#' || (c === '/' && this.src[this.pos + 1] === '/')) {
        while (!this.atEnd() && this.src[this.pos] !== '\n') this.pos++;
      } else if (c === '/' && this.src[this.pos + 1] === '*') {
        const end = this.src.indexOf('*/', this.pos + 2);
        this.pos = end === -1 ? this.src.length : end + 2;
      } else return;
    }
  }
}

/**
 * The escape at `src[pos]` (a backslash) of an HCL quoted string: \n \r \t
 * \" \\ \uNNNN \UNNNNNNNN, the only ones a quoted string may hold. Its text
 * and length in `src`; undefined for a unicode escape that is not one.
 */
export function hclEscape(src: string, pos: number): { text: string; length: number } | undefined {
  const next = src[pos + 1] ?? '';
  const digits = next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (!digits) return { text: next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : next, length: 2 };
  const hex = src.slice(pos + 2, pos + 2 + digits);
  const code = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : NaN;
  return code <= 0x10ffff ? { text: String.fromCodePoint(code), length: 2 + digits } : undefined;
}
