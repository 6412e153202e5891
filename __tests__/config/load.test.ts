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
