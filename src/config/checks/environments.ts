/**
 * Checks across the environments of one app (main.ts's ENVIRONMENTS): each
 * config can be valid on its own and still collide with another once both
 * are deployed.
 */
import { ConfigError, configSource, type ConfigProblem } from '../errors';
import type { ResolvedConfig } from '../schema';

export interface AppEnvironment {
  /** The stack id, e.g. "dev". */
  readonly id: string;
  /** The config file, e.g. environments/dev.json. */
  readonly file: string;
  readonly config: ResolvedConfig;
}

/**
 * One ConfigError per environment that collides with an earlier one:
 * - the same `name` in the same account. Every AWS name the stack creates
 *   starts with `name`, and IAM role names are unique per account across all
 *   regions, so even another region does not help; in the same region every
 *   queue, compute environment prefix, job definition, log group and schedule
 *   collides too (docs/aws-batch-facts.md#names-that-must-be-unique).
 * - the same S3 state object: the second stack would read the first one's
 *   state and plan to destroy everything in it.
 */
export function environmentErrors(environments: readonly AppEnvironment[]): ConfigError[] {
  const errors: ConfigError[] = [];
  environments.forEach((env, index) => {
    const problems: ConfigProblem[] = [];
    for (const earlier of environments.slice(0, index)) {
      const other = configSource(earlier.file, earlier.id);
      const { config } = env;
      if (config.name === earlier.config.name && config.accountId === earlier.config.accountId) {
        const sameRegion = config.region === earlier.config.region;
        problems.push({
          path: 'name',
          message: `got ${JSON.stringify(config.name)}, the same as ${other} in account ${config.accountId}: both stacks would create the IAM roles ${config.name}-execution, ${config.name}-instance... (IAM names are account-wide, whatever the region)${sameRegion ? `, and in ${config.region} the same job queues, job definitions, compute environment prefixes and log group /aws/batch/${config.name}` : ''}; the second apply fails with EntityAlreadyExists, or takes over the other stack's resources`,
          fix: `give each environment its own "name", e.g. "${suggestName(config.name, env.id)}"`,
        });
      }
      const backend = config.backend;
      const otherBackend = earlier.config.backend;
      if (backend && otherBackend && backend.bucket === otherBackend.bucket && backend.key === otherBackend.key) {
        problems.push({
          path: 'backend.key',
          message: `got ${JSON.stringify(backend.key)} in bucket ${JSON.stringify(backend.bucket)}, the same state object as ${other}: each stack would read the other's state and plan to destroy its resources`,
          fix: `give each environment its own state key, e.g. "batch/${env.id}.tfstate"`,
        });
      }
    }
    if (problems.length > 0) errors.push(new ConfigError(configSource(env.file, env.id), problems));
  });
  return errors;
}

/** `batch-dev` for stack `prod` → `batch-prod`; otherwise `<name>-<stack>`. */
function suggestName(name: string, id: string): string {
  const parts = name.split('-');
  const candidate = parts.length > 1 ? [...parts.slice(0, -1), id].join('-') : `${name}-${id}`;
  return candidate === name ? `${name}-${id}` : candidate;
}
