/**
 * The job CLI's own error lines, `error: <message>` and exit 2, for what is
 * not a single command's concern: an unknown command, and an environment
 * config that does not parse (its ConfigError, unchanged).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors';
import { loadEnvironment } from '../../src/job-runner/target';
import { baseConfig } from '../support/synth';
import { projectRoot, runCli } from './support/cli';

describe('npm run job errors', () => {
  it.each(['deploy', 'toString', 'constructor'])('names the commands when the command (%s) is unknown', async (command) => {
    const result = await runCli([command, 'unit'], projectRoot());
    expect(result).toEqual({ code: 2, stdout: '', stderr: `error: unknown command "${command}"; commands: submit, pipeline, watch, diagnose (npm run job -- --help)` });
  });

  it("prints an environment's config error as the config loader words it", async () => {
    const root = projectRoot({ broken: { ...baseConfig(), name: 'Not A Name' } });
    let expected: unknown;
    try {
      loadEnvironment(root, 'broken');
    } catch (error) {
      expected = error;
    }
    expect(expected).toBeInstanceOf(ConfigError);
    const result = await runCli(['submit', 'broken', 'hello'], root);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `error: ${(expected as ConfigError).message}` });
  });
});
