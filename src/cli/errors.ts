/**
 * How every command reports a problem the user can fix: one line, no stack
 * trace, exit 2. Each command keeps its own prefix (`doctor: `, `diagram: `,
 * `pr-comment: `, the job CLI's `error: `); the runner is the same.
 */
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A problem with the command line or the input: reported in one line, exit 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** The exit status of bad usage or unreadable input, in every command. */
export const EXIT_CLI_ERROR = 2;

/**
 * Runs a command's main and resolves to its exit status. A CliError goes to
 * `report` (one line, exit 2); so does any other error `explain` turns into
 * a sentence. Without `explain`, any other error is a bug and is thrown.
 */
export async function runCli(
  main: () => number | Promise<number>,
  report: (message: string) => void,
  explain?: (error: unknown) => string,
): Promise<number> {
  try {
    return await main();
  } catch (error) {
    if (error instanceof CliError) report(error.message);
    else if (explain) report(explain(error));
    else throw error;
    return EXIT_CLI_ERROR;
  }
}

/**
 * A command's entry point: runCli with `<command>: <message>` on stderr, and
 * the status as the process's exit code.
 */
export async function runCommand(command: string, main: () => number | Promise<number>, explain?: (error: unknown) => string): Promise<void> {
  process.exitCode = await runCli(main, (message) => process.stderr.write(`${command}: ${message}\n`), explain);
}

/**
 * Writes a command's `--out` file. A missing folder is a CliError (one
 * line, exit 2), not a stack trace. The folder is not created: like a shell
 * redirection, a mistyped path fails instead of leaving files somewhere
 * unexpected.
 */
export function writeOutputFile(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`cannot write --out ${file}: the folder ${dirname(file)} does not exist (create it first)`);
    if (code === 'EISDIR') throw new CliError(`cannot write --out ${file}: it is a folder; give a file name`);
    if (code === 'ENOTDIR') throw new CliError(`cannot write --out ${file}: part of the path is a file, not a folder`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new CliError(`cannot write --out ${file}: permission denied`);
    throw error;
  }
}
