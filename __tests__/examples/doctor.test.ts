/** The preflight doctor passes every example environment: no errors. */
import { describe, expect, it } from 'vitest';
import { runDoctor, type TerraformJson } from '../../src/doctor/index';
import { EXAMPLES, loadExample, synth } from '../support/synth';

describe.each(Object.keys(EXAMPLES))('example %s', (name) => {
  it('has no doctor errors', () => {
    const findings = runDoctor(JSON.parse(synth(loadExample(name), name).json) as TerraformJson);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('warnings an example should carry', () => {
  it('a custom service role is called out: edits replace its compute environments', () => {
    const findings = runDoctor(JSON.parse(synth(loadExample('nat'), 'nat').json) as TerraformJson);
    expect(findings.map((f) => `${f.rule} ${f.address}`)).toContain('BATCH_CE_REPLACED_ON_EDIT aws_batch_compute_environment.ondemand');
  });
});
