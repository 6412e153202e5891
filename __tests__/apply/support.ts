/**
 * Gate for the apply suite: it needs the AWS emulator (moto[server] 5.2.1)
 * and terraform with the provider mirror. Missing either, the files are
 * skipped with a warning, or fail when REQUIRE_EMULATOR=1 (as .ci/run sets).
 */
import { emulatorOrSkip } from '../../test-support/emulator/emulator.js';
import { terraformOrSkip } from '../support/terraform.js';

export function applySuiteOrSkip(suite: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const emulator = emulatorOrSkip(suite, env);
  const required = env.REQUIRE_EMULATOR === '1' ? { ...env, REQUIRE_TERRAFORM: '1' } : env;
  const terraform = terraformOrSkip(suite, required);
  return emulator !== undefined && terraform !== undefined;
}
