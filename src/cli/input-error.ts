import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A problem with the command line or the input: reported in one line, exit 2. */
export class InputError extends Error {}

/**
 * Runs a command's main and sets the exit code: an InputError becomes
 * `<command>: <message>` on stderr and exit 2, never a stack trace.
 */
export async function runCommand(command: string, main: () => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`${command}: ${error.message}\n`);
    process.exitCode = 2;
  }
}

/**
 * Writes a command's `--out` file. A missing folder is an InputError (one
 * line, exit 2), not a stack trace. The folder is not created: like a shell
 * redirection, a mistyped path fails instead of leaving files somewhere
 * unexpected.
 */
export function writeOutputFile(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`cannot write --out ${file}: the folder ${dirname(file)} does not exist (create it first)`);
    if (code === 'EISDIR') throw new InputError(`cannot write --out ${file}: it is a folder; give a file name`);
    if (code === 'ENOTDIR') throw new InputError(`cannot write --out ${file}: part of the path is a file, not a folder`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new InputError(`cannot write --out ${file}: permission denied`);
    throw error;
  }
}
