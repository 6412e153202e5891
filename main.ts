/**
 * The app: one BatchStack per environment. `cdktf synth` runs this file and
 * writes cdktf.out/stacks/<environment>/cdk.tf.json.
 */
import { App } from 'cdktf';
import { BatchStack, ConfigError, loadConfigFile } from './src/index';
import { BootstrapStack } from './src/bootstrap/stack';
import { loadBootstrapConfig } from './src/bootstrap/config';

/** Environment name -> its config file (relative to the project folder). Each becomes a stack (`cdktf deploy <name>`). */
const ENVIRONMENTS: Record<string, string> = {
  dev: 'environments/dev.json',
  prod: 'environments/prod.json',
};

try {
  const app = new App();
  // Every stack is built (and its config validated) before anything is
  // written: a bad config leaves the previous cdktf.out as it was.
  for (const [name, file] of Object.entries(ENVIRONMENTS)) {
    new BatchStack(app, name, loadConfigFile(file));
  }
  // Once per AWS account, by hand (`cdktf deploy bootstrap`): state bucket and GitHub OIDC roles.
  new BootstrapStack(app, 'bootstrap', loadBootstrapConfig('environments/bootstrap.json'));
  app.synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n\nNothing was written; cdktf.out is unchanged.\n`);
  process.exitCode = 1;
}
