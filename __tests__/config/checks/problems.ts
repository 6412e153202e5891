/** What parseConfig refuses, for the checks' tests: the ConfigError, or just its problems. */
import { expect } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/index';

/** Parses and returns the ConfigError, failing the test when none is thrown. */
export function errorOf(input: unknown): ConfigError {
  try {
    parseConfig(input, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

/** The problems of the ConfigError parseConfig throws, failing the test when none is thrown. */
export function problemsOf(input: unknown): ConfigError['problems'] {
  return errorOf(input).problems;
}
