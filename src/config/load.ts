import { readFileSync } from 'node:fs';
import { ConfigError } from './errors';
import { readJson } from './json';
import type { BatchConfig } from './schema';

/**
 * Reads a config file (JSON). A missing or unreadable file, bad JSON (with its
 * line and column), a key repeated in one object or a `__proto__` key, or a
 * non-object is a ConfigError naming the file; the content is validated when
 * a BatchStack is built from it.
 */
export function loadConfigFile(path: string): BatchConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
    throw new ConfigError(path, [{ path: '', message: `cannot read ${path}: ${reason}`, fix: 'check the path in main.ts, or create the file' }]);
  }
  const read = readJson(text);
  if (!read.ok) {
    const { line, column, message } = read.syntax;
    throw new ConfigError(path, [{ path: '', message: `${path} is not valid JSON: line ${line}, column ${column}: ${message}`, fix: `fix the JSON syntax at ${path}:${line}:${column}` }]);
  }
  if (read.problems.length > 0) {
    throw new ConfigError(path, read.problems.map((p) => ({ path: p.path, message: `(line ${p.line}, column ${p.column}) ${p.message}`, fix: p.fix })));
  }
  const data = read.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(path, [{ path: '', message: `${path} holds ${Array.isArray(data) ? 'an array' : JSON.stringify(data)}, not a config object`, fix: 'make the file one JSON object: {"name": ..., "accountId": ..., ...}' }]);
  }
  return data as BatchConfig;
}
