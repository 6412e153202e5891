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
