/**
 * Gate for Terraform-backed tests. Use at the top of any test file that runs
 * the real terraform binary:
 *
 *   import { terraformOrSkip } from '../support/terraform.js';
 *   const tf = terraformOrSkip('my suite');          // warns, or throws in CI
 *   describe.skipIf(!tf)('plans with the real provider', () => { ... });
 *
 * When terraform or the AWS provider mirror is missing the suite is skipped
 * loudly (console.warn with the reason). With REQUIRE_TERRAFORM=1 or
 * CI=true the file fails instead, with the same reason: a CI run must never
 * pass by silently skipping the only tests that prove the JSON is accepted.
 */
import { findTerraform, type TerraformFound } from '../../test-support/terraform/run.js';

export function terraformRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.REQUIRE_TERRAFORM === '1' || env.CI === 'true';
}

export function terraformOrSkip(suite: string, env: NodeJS.ProcessEnv = process.env): TerraformFound | undefined {
  const found = findTerraform(env);
  if (!('missing' in found)) return found;
  const reason = `${suite}: Terraform-backed tests need terraform and the AWS provider mirror: ${found.missing}`;
  if (terraformRequired(env)) throw new Error(`${reason} (required because REQUIRE_TERRAFORM=1 or CI=true)`);
  console.warn(`SKIPPED ${reason}`);
  return undefined;
}
