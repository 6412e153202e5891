/**
 * A strict JSON reader for config files. JSON.parse keeps the last of two
 * equal keys in one object without a word, turns a `__proto__` key into an
 * entry that the schema then drops, and reports syntax errors by character
 * offset. This reader accepts exactly RFC 8259 JSON and reports, with line and
 * column, every repeated key and every `__proto__` key, and the first syntax
 * error. docs/aws-batch-facts.md#json-that-jsonparse-accepts-silently
 */
import type { ConfigProblem } from './errors';
import { formatPath } from './errors';

/** A problem found while reading, at `line:column` (1-based) of the text. */
export interface JsonProblem extends ConfigProblem {
  readonly line: number;
  readonly column: number;
}

export type JsonResult = { readonly ok: true; readonly value: unknown; readonly problems: readonly JsonProblem[] } | { readonly ok: false; readonly syntax: JsonProblem };

class SyntaxProblem extends Error {
  constructor(
    readonly at: number,
    readonly what: string,
  ) {
    super(what);
  }
}

/**
 * Parses `text`. On a syntax error returns it (`ok: false`); otherwise the
 * value and the key problems (repeated keys, `__proto__`), which the caller
 * reports together with everything else wrong in the config.
 */
export function readJson(text: string): JsonResult {
  // A byte order mark (Windows editors write one) is not JSON, but harmless.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const problems: JsonProblem[] = [];
  let i = 0;

  const where = (at: number) => lineColumn(source, at);
  const fail = (what: string, at = i): never => {
    throw new SyntaxProblem(at, what);
  };
  const describe = (at: number) => (at >= source.length ? 'the end of the file' : JSON.stringify(source[at]));

  const skipSpace = () => {
    while (i < source.length && (source[i] === ' ' || source[i] === '\t' || source[i] === '\n' || source[i] === '\r')) i++;
  };

  const value = (path: (string | number)[]): unknown => {
    skipSpace();
    const c = source[i];
    if (c === '{') return object(path);
    if (c === '[') return array(path);
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const [word, result] of [['true', true], ['false', false], ['null', null]] as const) {
      if (source.startsWith(word, i)) {
        i += word.length;
        return result;
      }
    }
    return fail(`expected a value (an object, array, string, number, true, false or null), got ${describe(i)}`);
  };

  const object = (path: (string | number)[]): Record<string, unknown> => {
    i++; // {
    const result: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    skipSpace();
    if (source[i] === '}') {
      i++;
      return result;
    }
    for (;;) {
      skipSpace();
      if (source[i] !== '"') fail(`expected a key in double quotes, got ${describe(i)}${source[i] === '}' ? ' (a trailing comma before it?)' : ''}`);
      const keyAt = i;
      const key = string();
      const keyPath = formatPath([...path, key]);
      const first = seen.get(key);
      if (first !== undefined) {
        const { line, column } = where(keyAt);
        const before = where(first);
        problems.push({ path: keyPath, line, column, message: `key ${JSON.stringify(key)} appears twice in one object (first at line ${before.line}, column ${before.column}); JSON keeps only the last one`, fix: 'remove one of the two, or merge them into one entry' });
      } else seen.set(key, keyAt);
      if (key === '__proto__') {
        const { line, column } = where(keyAt);
        problems.push({ path: keyPath, line, column, message: 'the key "__proto__" cannot be used: JavaScript treats it as the prototype of the object, so the entry would be silently dropped', fix: 'rename the key' });
      }
      skipSpace();
      if (source[i] !== ':') fail(`expected ":" after the key ${JSON.stringify(key)}, got ${describe(i)}`);
      i++;
      // Defined, not assigned: a "__proto__" key stays an ordinary entry.
      Object.defineProperty(result, key, { value: value([...path, key]), enumerable: true, writable: true, configurable: true });
      skipSpace();
      if (source[i] === ',') {
        i++;
        continue;
      }
      if (source[i] === '}') {
        i++;
        return result;
      }
      fail(`expected "," or "}" after the value of ${JSON.stringify(key)}, got ${describe(i)}${source[i] === '"' ? ' (a missing comma?)' : ''}`);
    }
  };

  const array = (path: (string | number)[]): unknown[] => {
    i++; // [
    const result: unknown[] = [];
    skipSpace();
    if (source[i] === ']') {
      i++;
      return result;
    }
    for (;;) {
      skipSpace();
      if (source[i] === ']') fail('expected a value, got "]" (a trailing comma before it?)');
      result.push(value([...path, result.length]));
      skipSpace();
      if (source[i] === ',') {
        i++;
        continue;
      }
      if (source[i] === ']') {
        i++;
        return result;
      }
      fail(`expected "," or "]" in the list, got ${describe(i)}`);
    }
  };

  const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  const string = (): string => {
    const start = i;
    i++; // "
    let out = '';
    for (;;) {
      if (i >= source.length) fail('this string is never closed: a missing "', start);
      const c = source[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = source[i + 1];
        if (e === 'u') {
          const hex = source.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('expected 4 hex digits after \\u');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && e in ESCAPES) {
          out += ESCAPES[e];
          i += 2;
        } else fail(`unknown escape \\${e ?? ''} in a string (a backslash in a Windows path? write it as \\\\)`);
        continue;
      }
      if (c < ' ') fail(c === '\n' ? 'a line break inside a string: a missing " at the end of the line?' : 'a control character inside a string (write it as an escape, e.g. \\t)');
      out += c;
      i++;
    }
  };

  const number = (): number => {
    const start = i;
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i, i + 400));
    if (!match) fail(`expected a number, got ${describe(i)}`);
    i += match![0].length;
    if (source[i] !== undefined && /[0-9.eE+-]/.test(source[i]!)) fail('not a JSON number (JSON has no leading zeros, leading + or trailing dot)', start);
    return Number(match![0]);
  };

  try {
    const result = value([]);
    skipSpace();
    if (i < source.length) fail(`expected the end of the file after the top-level value, got ${describe(i)}`);
    return { ok: true, value: result, problems };
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    const { line, column } = where(error.at);
    return { ok: false, syntax: { path: '', line, column, message: error.what, fix: 'fix the JSON syntax at that line and column' } };
  }
}

/** 1-based line and column of a character offset (columns count UTF-16 units, as editors mostly do). */
function lineColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < at && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}
