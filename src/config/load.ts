import { readFileSync } from 'node:fs';
import { ConfigError } from './errors';
import type { BatchConfig } from './schema';

/**
 * Reads a config file (JSON). A missing or unreadable file, bad JSON or a
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
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [{ path: '', message: `${path} is not valid JSON: ${(error as Error).message}`, fix: 'fix the JSON syntax (a trailing comma or a missing quote, most often)' }]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(path, [{ path: '', message: `${path} holds ${Array.isArray(data) ? 'an array' : JSON.stringify(data)}, not a config object`, fix: 'make the file one JSON object: {"name": ..., "accountId": ..., ...}' }]);
  }
  return data as BatchConfig;
}
