/**
 * The config's JSON reader: exactly JSON.parse on valid JSON, plus what
 * JSON.parse hides (repeated keys, __proto__) and line and column for
 * syntax errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson } from '../../src/config/json';

describe('readJson', () => {
  it.each([
    ['a trailing comma in an object', '{\n  "name": "x",\n}', 3, 1, 'expected a key in double quotes, got "}" (a trailing comma before it?)'],
    ['a trailing comma in a list', '{"azs": [\n  "a",\n  "b",\n]}', 4, 1, '(a trailing comma before it?)'],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, 'expected "," or "}" after the value of "a", got "\\"" (a missing comma?)'],
    ['a missing colon', '{"a" 1}', 1, 6, 'expected ":" after the key "a"'],
    ['single quotes', "{'a': 1}", 1, 2, 'expected a key in double quotes'],
    ['an unclosed string', '{\n  "a": "one\n}', 2, 12, 'a line break inside a string: a missing " at the end of the line?'],
    ['a Windows path', '{"dir": "C:\\path"}', 1, 12, 'unknown escape \\p in a string (a backslash in a Windows path?'],
    ['a leading zero', '{"n": 007}', 1, 7, 'not a JSON number'],
    ['a comment', '{\n  // the name\n  "name": "x"\n}', 2, 3, 'expected a key in double quotes, got "/"'],
    ['text after the object', '{"a": 1}\n{"b": 2}', 2, 1, 'expected the end of the file'],
    ['an empty file', '', 1, 1, 'got the end of the file'],
  ])('reports %s with its line and column', (_, text, line, column, message) => {
    const result = readJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.syntax).toMatchObject({ line, column });
    expect(result.syntax.message).toContain(message);
  });

  it('reports every repeated key, with the path and where both are (JSON.parse keeps the last one silently)', () => {
    const text = '{\n  "jobDefinitions": {\n    "hello": {"vcpus": 1},\n    "hello": {"vcpus": 2, "vcpus": 4}\n  }\n}';
    expect(JSON.parse(text)).toEqual({ jobDefinitions: { hello: { vcpus: 4 } } });
    const result = readJson(text);
    expect(result.ok && result.problems).toEqual([
      expect.objectContaining({ path: 'jobDefinitions.hello', line: 4, column: 5, message: expect.stringContaining('key "hello" appears twice in one object (first at line 3, column 5)') }),
      expect.objectContaining({ path: 'jobDefinitions.hello.vcpus', line: 4, column: 27, message: expect.stringContaining('key "vcpus" appears twice in one object (first at line 4, column 15)') }),
    ]);
  });

  it('reports a "__proto__" key wherever it is, and keeps it as an ordinary entry', () => {
    const result = readJson('{"tags": {"__proto__": "x", "a": "b"}}');
    expect(result.ok && result.problems).toEqual([expect.objectContaining({ path: 'tags.__proto__', line: 1, column: 11 })]);
    expect(result.ok && Object.keys((result.value as { tags: object }).tags)).toEqual(['__proto__', 'a']);
  });

  it('accepts a byte order mark and counts columns without it', () => {
    expect(readJson('\ufeff{"a": [1, -2.5e3, true, null, "\\u00e9"]}')).toEqual({ ok: true, value: { a: [1, -2500, true, null, 'é'] }, problems: [] });
    const bad = readJson('\ufeff{,}');
    expect(!bad.ok && bad.syntax).toMatchObject({ line: 1, column: 2 });
  });

  it('reads every JSON text exactly as JSON.parse does (property)', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (text) => {
        const result = readJson(text);
        expect(result).toEqual({ ok: true, value: JSON.parse(text), problems: [] });
      }),
      { seed: 8, numRuns: 500 },
    );
  });

  it('refuses exactly the texts JSON.parse refuses, with one character removed or added (property)', () => {
    const edited = fc
      .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '0', ' ', '\\'))
      .map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return insert === '' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + insert + text.slice(i);
      })
      .filter((text) => !text.includes('__proto__'));
    fc.assert(
      fc.property(edited, (text) => {
        let parsed: { ok: boolean; value?: unknown } = { ok: true };
        try {
          parsed = { ok: true, value: JSON.parse(text) };
        } catch {
          parsed = { ok: false };
        }
        const result = readJson(text);
        const duplicates = result.ok && result.problems.length > 0;
        expect(result.ok).toBe(parsed.ok);
        if (result.ok && !duplicates) expect(result.value).toEqual(parsed.value);
      }),
      { seed: 8, numRuns: 2000 },
    );
  });
});
