/**
 * The app: one BatchStack per environment. `cdktf synth` runs this file and
 * writes cdktf.out/stacks/<environment>/cdk.tf.json.
 */
import { App } from 'cdktf';
import { BatchStack, ConfigError, loadConfigFile } from './src/index';
import { formatFindings, hasErrors } from './src/checks/doctor';
import { BootstrapStack } from './src/bootstrap/stack';
import { loadBootstrapConfig } from './src/bootstrap/config';
import { checkDeployedEnvironments } from './src/bootstrap/deployed-environments';

/** Environment name -> its config file (relative to the project folder). Each becomes a stack (`cdktf deploy <name>`). */
const ENVIRONMENTS: Record<string, string> = {
  dev: 'environments/dev.json',
  prod: 'environments/prod.json',
};

try {
  // Validation runs below, before anything is written, and not again in synth.
  const app = new App({ skipValidation: true });
  const stacks: BatchStack[] = [];
  // Every stack is built (and its config validated) before anything is
  // written: a bad config leaves the previous cdktf.out as it was.
  for (const [name, file] of Object.entries(ENVIRONMENTS)) {
    stacks.push(new BatchStack(app, name, loadConfigFile(file)));
  }
  // Once per AWS account, by hand (`cdktf deploy bootstrap`): state bucket and GitHub OIDC roles.
  const bootstrap = new BootstrapStack(app, 'bootstrap', loadBootstrapConfig('environments/bootstrap.json'));
  // Environments in its bucket must be ones its plan and apply roles can work on.
  checkDeployedEnvironments(bootstrap.config, 'environments/bootstrap.json', stacks.map((s) => ({ file: ENVIRONMENTS[s.node.id]!, config: s.config })));
  if (!preflight(stacks)) {
    process.stderr.write('\nNothing was written; cdktf.out is unchanged.\n');
    process.exit(1);
  }
  app.synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n\nNothing was written; cdktf.out is unchanged.\n`);
  process.exitCode = 1;
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
