/** Runs the job CLI in-process against the fake AWS endpoint, capturing what a user would see. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJobCli } from '../../../src/cli/job';
import type { BatchConfig } from '../../../src/config/schema';
import { baseConfig } from '../../support/synth';
import { tempDir } from '../../support/temp';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A project folder with environments/<env>.json; optionally a synthesized stack. */
export function projectRoot(environments: Record<string, BatchConfig> = { unit: baseConfig() }, stacks: Record<string, unknown> = {}): string {
  const root = tempDir('job-cli-');
  mkdirSync(join(root, 'environments'));
  for (const [name, config] of Object.entries(environments)) writeFileSync(join(root, 'environments', `${name}.json`), JSON.stringify(config));
  for (const [name, stack] of Object.entries(stacks)) {
    mkdirSync(join(root, 'cdktf.out', 'stacks', name), { recursive: true });
    writeFileSync(join(root, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), JSON.stringify(stack));
  }
  return root;
}

export async function runCli(args: readonly string[], root: string): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runJobCli(args, { root, output: { out: (l) => out.push(l), err: (l) => err.push(l) } });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/**
 * Fake credentials and region through the environment, as the SDK's default
 * chain reads them; no profile files and no instance metadata lookups.
 */
export function useFakeCredentials(): void {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFORTESTS0000',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests',
    AWS_REGION: 'ap-northeast-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    // As the CLI entry does (src/cli/job.ts): no Node.js 20 warning in the test output.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE']) delete process.env[name];
}

export function withoutCredentials(): void {
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
}
