import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile } from '../../src/index';
import { tempDir } from '../support/temp';

const dir = tempDir('batch-config-');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadConfigFile', () => {
  it('reads a JSON object', () => {
    expect(loadConfigFile(file('ok.json', '{"name": "x"}'))).toEqual({ name: 'x' });
  });

  it.each([
    ['a missing file', join(dir, 'missing.json'), /missing\.json: the file does not exist/],
    ['invalid JSON', file('bad.json', '{"name": "x",}'), /bad\.json is not valid JSON/],
    ['an array', file('array.json', '[1]'), /array\.json holds an array, not a config object/],
    ['null', file('null.json', 'null'), /null\.json holds null, not a config object/],
    ['a string', file('string.json', '"dev"'), /string\.json holds "dev", not a config object/],
  ])('refuses %s with a ConfigError naming the file', (_, path, message) => {
    expect(() => loadConfigFile(path)).toThrow(ConfigError);
    expect(() => loadConfigFile(path)).toThrow(message);
  });
});

describe('loadConfigFile and what JSON.parse hides', () => {
  it('gives the line and column of a syntax error', () => {
    const path = file('syntax.json', '{\n  "name": "x",\n  "region": "ap-northeast-1",\n}\n');
    expect(() => loadConfigFile(path)).toThrow(`${path} is not valid JSON: line 4, column 1: expected a key in double quotes, got "}" (a trailing comma before it?)`);
    expect(() => loadConfigFile(path)).toThrow(`fix: fix the JSON syntax at ${path}:4:1`);
  });

  it('refuses a key repeated in one object, naming the file, the path and both lines (JSON.parse keeps the last)', () => {
    const path = file('twice.json', '{\n  "name": "a",\n  "jobDefinitions": {\n    "etl": {"memoryMiB": 2048},\n    "etl": {"memoryMiB": 4096}\n  }\n}\n');
    const error = captured(() => loadConfigFile(path));
    expect(error.source).toBe(path);
    expect(error.problems).toEqual([
      {
        path: 'jobDefinitions.etl',
        message: '(line 5, column 5) key "etl" appears twice in one object (first at line 4, column 5); JSON keeps only the last one',
        fix: 'remove one of the two, or merge them into one entry',
      },
    ]);
  });

  it('refuses a "__proto__" key, which JSON.parse and the schema would drop without a word', () => {
    const path = file('proto.json', '{"name": "a", "tags": {"__proto__": "x"}}');
    const error = captured(() => loadConfigFile(path));
    expect(error.problems).toEqual([expect.objectContaining({ path: 'tags.__proto__', message: expect.stringContaining('(line 1, column 24) the key "__proto__" cannot be used') })]);
  });
});

function captured(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
