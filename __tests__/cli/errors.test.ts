/**
 * One error type and one runner for every command (src/cli/errors.ts): a
 * CliError is reported in one line through the command's own prefix, exit 2;
 * other errors are either explained the same way (the job CLI's AWS
 * failures, the doctor's unexpected ones) or, without an explanation, thrown.
 */
import { describe, expect, it } from 'vitest';
import { CliError, EXIT_CLI_ERROR, runCli } from '../../src/cli/errors';

describe('runCli', () => {
  it("returns main's exit status and reports nothing when main succeeds", async () => {
    const reported: string[] = [];
    expect(await runCli(() => 3, (m) => reported.push(m))).toBe(3);
    expect(await runCli(async () => 0, (m) => reported.push(m))).toBe(0);
    expect(reported).toEqual([]);
  });

  it('reports a CliError, thrown or rejected, as its message alone, exit 2', async () => {
    const reported: string[] = [];
    const report = (m: string) => reported.push(m);
    expect(
      await runCli(() => {
        throw new CliError('unknown option --x (see --help)');
      }, report),
    ).toBe(EXIT_CLI_ERROR);
    expect(await runCli(async () => Promise.reject(new CliError('no such file')), report)).toBe(2);
    expect(reported).toEqual(['unknown option --x (see --help)', 'no such file']);
  });

  it('reports what explain makes of any other error, exit 2; a CliError is never explained', async () => {
    const reported: string[] = [];
    const explain = (e: unknown) => `unexpected failure: ${(e as Error).message}`;
    expect(
      await runCli(() => {
        throw new TypeError('x is undefined');
      }, (m) => reported.push(m), explain),
    ).toBe(2);
    expect(
      await runCli(() => {
        throw new CliError('bad input');
      }, (m) => reported.push(m), explain),
    ).toBe(2);
    expect(reported).toEqual(['unexpected failure: x is undefined', 'bad input']);
  });

  it('throws any other error when there is no explain: a bug keeps its stack trace', async () => {
    const bug = new TypeError('x is undefined');
    await expect(
      runCli(() => {
        throw bug;
      }, () => undefined),
    ).rejects.toBe(bug);
  });
});
