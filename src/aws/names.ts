/**
 * AWS names of what a stack creates: `<environment name>-<config key>`, e.g.
 * `batch-dev-main` for the job queue `main` of the environment named
 * `batch-dev`. One function, so the stack, the job CLI and the outputs never
 * disagree on a name. (Terraform addresses come from the keys alone: see
 * src/stack/terraform-ids.ts.)
 */
export function awsName(environmentName: string, ...parts: readonly string[]): string {
  return [environmentName, ...parts].join('-');
}
