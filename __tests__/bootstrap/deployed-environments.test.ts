/**
 * Environments kept in the bootstrap's bucket must be ones its roles can
 * work on: the plan role reads only the listed state keys, the apply role
 * creates roles only with its boundary. Otherwise CI fails with AccessDenied
 * long after the merge; main.ts refuses before writing anything.
 */
import { describe, expect, it } from 'vitest';
import { loadBootstrapConfig, parseBootstrapConfig } from '../../src/bootstrap/config';
import { checkDeployedEnvironments } from '../../src/bootstrap/deployed-environments';
import { ConfigError, loadConfigFile, parseConfig } from '../../src/index';
import { ROOT, baseConfig } from '../support/synth';

const bootstrap = parseBootstrapConfig({
  accountId: '123456789012',
  region: 'ap-northeast-1',
  repository: 'acme/batch',
  stateBucket: 'acme-tfstate',
  stateKeys: ['batch/prod.tfstate'],
});
const BOUNDARY = 'arn:aws:iam::123456789012:policy/github-batch-cdktf-apply-boundary';
const env = (overrides: object) => ({ file: 'environments/prod.json', config: parseConfig(baseConfig(overrides)) });
const S3 = { type: 's3', bucket: 'acme-tfstate', key: 'batch/prod.tfstate', region: 'ap-northeast-1' } as const;

function problems(environment: ReturnType<typeof env>): ConfigError {
  try {
    checkDeployedEnvironments(bootstrap, 'environments/bootstrap.json', [environment]);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('environments deployed by the bootstrap roles', () => {
  it('accepts one with a listed key and the boundary, and ignores local state and other buckets', () => {
    expect(() =>
      checkDeployedEnvironments(bootstrap, 'environments/bootstrap.json', [
        env({ backend: S3, permissionsBoundary: BOUNDARY }),
        env({}),
        env({ backend: { ...S3, bucket: 'someone-else', key: 'x.tfstate' } }),
      ]),
    ).not.toThrow();
  });

  it('refuses a state key the plan role cannot read, naming the file, the key and how to fix it', () => {
    const error = problems(env({ backend: { ...S3, key: 'batch/staging.tfstate' }, permissionsBoundary: BOUNDARY }));
    expect(error.source).toBe('environments/prod.json');
    expect(error.problems).toEqual([
      {
        path: 'backend.key',
        message: 'got "batch/staging.tfstate", which is not in stateKeys of environments/bootstrap.json ["batch/prod.tfstate"]: the plan role may read and lock only those state keys',
        fix: 'add "batch/staging.tfstate" to stateKeys in environments/bootstrap.json, then deploy it again (npx cdktf deploy bootstrap)',
      },
    ]);
  });

  it('refuses roles without the apply role\'s boundary (its CreateRole would be denied)', () => {
    for (const permissionsBoundary of [undefined, 'arn:aws:iam::123456789012:policy/other']) {
      const error = problems(env({ backend: S3, ...(permissionsBoundary ? { permissionsBoundary } : {}) }));
      expect(error.problems.map((p) => [p.path, p.fix])).toEqual([
        ['permissionsBoundary', `set "permissionsBoundary": "${BOUNDARY}" (the bootstrap output permissions_boundary_arn)`],
      ]);
    }
  });

  it('passes for the shipped environments', () => {
    const shipped = ['dev', 'prod'].map((name) => ({ file: `environments/${name}.json`, config: parseConfig(loadConfigFile(`${ROOT}environments/${name}.json`)) }));
    expect(() => checkDeployedEnvironments(loadBootstrapConfig(`${ROOT}environments/bootstrap.json`), 'environments/bootstrap.json', shipped)).not.toThrow();
  });
});
