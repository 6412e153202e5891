/**
 * boto3 (installed with moto) for the few calls the project has no AWS SDK
 * for JavaScript client for (IAM, EC2): runs a Python snippet with a client
 * factory `c(service)` bound to the emulator and prints what it returns as
 * JSON.
 */
import { spawnSync } from 'node:child_process';
import { EMULATOR_CREDENTIALS } from '../../test-support/emulator/emulator.js';

export function boto<T = any>(endpoint: string, region: string, body: string): T {
  const script = `
import json, boto3
def c(service):
    return boto3.client(service, endpoint_url=${JSON.stringify(endpoint)}, region_name=${JSON.stringify(region)},
        aws_access_key_id=${JSON.stringify(EMULATOR_CREDENTIALS.accessKeyId)}, aws_secret_access_key=${JSON.stringify(EMULATOR_CREDENTIALS.secretAccessKey)})
def main():
${body
  .trim()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
print(json.dumps(main(), default=str))
`;
  const result = spawnSync(process.env.EMULATOR_PYTHON ?? 'python3', ['-c', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`boto3 snippet failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
