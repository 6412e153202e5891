/**
 * An environment whose state is in the bootstrap's bucket is planned by the
 * plan role and applied by the apply role. Both are fixed when the bootstrap
 * stack is deployed, so a mismatch only shows in CI, as AccessDenied: the
 * plan role reads and locks only the state keys the bootstrap lists, and the
 * apply role may create an IAM role only with its permissions boundary.
 * main.ts checks every environment against the bootstrap before writing.
 */
import { ConfigError, show } from '../config/errors';
import type { ResolvedConfig } from '../config/schema';
import { boundaryPolicyName, type ResolvedBootstrapConfig } from './config';
import { boundaryPolicyArn } from './policies';

export interface EnvironmentFile {
  /** Where the config was read from, e.g. `environments/prod.json`. */
  readonly file: string;
  readonly config: ResolvedConfig;
}

/** @throws ConfigError naming the environment's file, for the first environment that the bootstrap's roles could not plan or apply. */
export function checkDeployedEnvironments(bootstrap: ResolvedBootstrapConfig, bootstrapFile: string, environments: readonly EnvironmentFile[]): void {
  const boundary = boundaryPolicyArn(bootstrap.accountId, boundaryPolicyName(bootstrap));
  for (const { file, config } of environments) {
    if (config.backend?.bucket !== bootstrap.stateBucket) continue;
    const problems = [];
    if (!bootstrap.stateKeys.includes(config.backend.key)) {
      problems.push({
        path: 'backend.key',
        message: `got ${show(config.backend.key)}, which is not in stateKeys of ${bootstrapFile} ${show(bootstrap.stateKeys)}: the plan role may read and lock only those state keys`,
        fix: `add ${show(config.backend.key)} to stateKeys in ${bootstrapFile}, then deploy it again (npx cdktf deploy bootstrap)`,
      });
    }
    if (config.permissionsBoundary !== boundary) {
      problems.push({
        path: 'permissionsBoundary',
        message: `got ${show(config.permissionsBoundary)}; the apply role (${bootstrapFile}) may create IAM roles only with its permissions boundary ${boundary}`,
        fix: `set "permissionsBoundary": "${boundary}" (the bootstrap output permissions_boundary_arn)`,
      });
    }
    if (problems.length) throw new ConfigError(file, problems);
  }
}
