/**
 * The app: one BatchStack per environment. `cdktf synth` runs this file and
 * writes cdktf.out/stacks/<environment>/cdk.tf.json.
 */
import { App } from 'cdktf';
import { BatchStack, ConfigError, loadConfigFile } from './src/index';
import { formatFindings, hasErrors } from './src/doctor/index';
import { BootstrapStack } from './src/bootstrap/stack';
import { loadBootstrapConfig } from './src/bootstrap/config';
import { checkDeployedEnvironments } from './src/bootstrap/deployed-environments';
import { environmentErrors } from './src/config/checks/environments';

/** Environment name -> its config file (relative to the project folder). Each becomes a stack (`cdktf deploy <name>`). */
const ENVIRONMENTS: Record<string, string> = {
  dev: 'environments/dev.json',
  prod: 'environments/prod.json',
};

try {
  // Validation runs below, before anything is written, and not again in synth.
  const app = new App({ skipValidation: true });
  const stacks: BatchStack[] = [];
  const errors: ConfigError[] = [];
  // Every stack is built (and its config validated) before anything is
  // written: a bad config leaves the previous cdktf.out as it was. Every
  // config is checked, so one run lists the problems of all of them.
  for (const [name, file] of Object.entries(ENVIRONMENTS)) {
    collect(errors, () => stacks.push(new BatchStack(app, name, loadConfigFile(file), { file })));
  }
  // Configs valid on their own can still collide with each other (same name in one account...).
  errors.push(...environmentErrors(stacks.map((stack) => ({ id: stack.node.id, file: ENVIRONMENTS[stack.node.id]!, config: stack.config }))));
  // Once per AWS account, by hand (`cdktf deploy bootstrap`): state bucket and GitHub OIDC roles.
  collect(errors, () => {
    const bootstrap = new BootstrapStack(app, 'bootstrap', loadBootstrapConfig('environments/bootstrap.json'));
    // Environments in its bucket must be ones its plan and apply roles can work on.
    checkDeployedEnvironments(bootstrap.config, 'environments/bootstrap.json', stacks.map((s) => ({ file: ENVIRONMENTS[s.node.id]!, config: s.config })));
  });
  if (errors.length > 0) {
    process.stderr.write(`${errors.map((error) => error.message).join('\n\n')}\n\nNothing was written; cdktf.out is unchanged.\n`);
    process.exitCode = 1;
  } else if (!preflight(stacks)) {
    process.stderr.write('\nNothing was written; cdktf.out is unchanged.\n');
    process.exitCode = 1;
  } else app.synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n\nNothing was written; cdktf.out is unchanged.\n`);
  process.exitCode = 1;
}

/** Runs `build`; a ConfigError it throws joins `errors` instead of stopping the run. */
function collect(errors: ConfigError[], build: () => unknown): void {
  try {
    build();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    errors.push(error);
  }
}

/** Prints each stack's doctor findings; false when any is an error. */
function preflight(stacks: readonly BatchStack[]): boolean {
  let ok = true;
  for (const stack of stacks) {
    const findings = stack.preflight();
    if (findings.length === 0) continue;
    process.stderr.write(`Stack ${stack.node.id}:\n${formatFindings(findings)}`);
    if (hasErrors(findings)) ok = false;
  }
  return ok;
}
