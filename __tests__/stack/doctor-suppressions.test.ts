/**
 * doctorSuppressions: a finding the environment accepts, with its reason, as
 * cdk-nag requires. It stays in the preflight output, marked suppressed, and
 * no longer counts; a stale suppression is reported; one without a reason is
 * refused by the config.
 */
import { describe, expect, it } from 'vitest';
import { BatchStack, ConfigError, type BatchConfig } from '../../src/index';
import { scratchApp } from '../../test-support/terraform/scratch-app';
import { baseConfig } from '../support/synth';

const privileged = (doctorSuppressions?: BatchConfig['doctorSuppressions']): BatchConfig => {
  const config = baseConfig();
  return { ...config, jobDefinitions: { hello: { ...config.jobDefinitions!.hello!, privileged: true } }, ...(doctorSuppressions ? { doctorSuppressions } : {}) };
};
const preflight = (config: BatchConfig) => new BatchStack(scratchApp(), 'test', config).preflight();

describe('doctorSuppressions', () => {
  it('without one, the privileged job is a warning', () => {
    expect(preflight(privileged()).filter((f) => f.rule === 'BATCH_SEC_PRIVILEGED')).toMatchObject([{ severity: 'warning', address: 'aws_batch_job_definition.hello' }]);
    expect(preflight(privileged())[0]!.suppressed).toBeUndefined();
  });

  it('marks the finding suppressed with the written reason, and reports nothing else', () => {
    const findings = preflight(privileged([{ rule: 'BATCH_SEC_PRIVILEGED', address: 'aws_batch_job_definition.hello', reason: 'the job mounts a FUSE file system; reviewed by the platform team' }]));
    expect(findings).toMatchObject([
      { rule: 'BATCH_SEC_PRIVILEGED', address: 'aws_batch_job_definition.hello', suppressed: { reason: 'the job mounts a FUSE file system; reviewed by the platform team' } },
    ]);
  });

  it('reports a suppression that matches no finding, naming where it is written', () => {
    const findings = preflight({ ...baseConfig(), doctorSuppressions: [{ rule: 'BATCH_SEC_PRIVILEGED', reason: 'no longer needed' }] });
    expect(findings).toMatchObject([{ rule: 'BATCH_SUPPRESSION_UNUSED', severity: 'warning', address: 'doctorSuppressions[0]' }]);
  });

  it('refuses a suppression without a reason', () => {
    expect(() => preflight(privileged([{ rule: 'BATCH_SEC_PRIVILEGED', reason: '  ' }]))).toThrow(ConfigError);
    expect(() => preflight(privileged([{ rule: 'BATCH_SEC_PRIVILEGED' } as never]))).toThrow(/doctorSuppressions\[0\]\.reason/);
  });
});
