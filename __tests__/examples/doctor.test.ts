/**
 * The preflight doctor passes every example environment: no errors. It runs
 * as `cdktf synth` runs it (BatchStack.preflight(), on the stack's JSON with
 * the `"//": {"queue": ...}` hints that bind each job definition to its
 * queue; Testing.synth() strips those, and without them the doctor must
 * assume a job definition may be submitted to any queue).
 */
import { describe, expect, it } from 'vitest';
import { BatchStack } from '../../src/index';
import { scratchApp } from '../../test-support/terraform/scratch-app';
import { EXAMPLES, ROOT, loadExample } from '../support/synth';

const preflight = (name: string) => new BatchStack(scratchApp(), name, loadExample(name), { file: EXAMPLES[name]!.slice(ROOT.length) }).preflight();

describe.each(Object.keys(EXAMPLES))('example %s', (name) => {
  it('has no doctor errors', () => {
    expect(preflight(name).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('warnings an example should carry', () => {
  it('a custom service role is called out: edits replace its compute environments', () => {
    expect(preflight('nat').map((f) => `${f.rule} ${f.address}`)).toContain('BATCH_CE_REPLACED_ON_EDIT aws_batch_compute_environment.ondemand');
  });

  it('the ML and genomics examples carry no warnings at all', () => {
    expect(preflight('ml-training')).toEqual([]);
    expect(preflight('genomics')).toEqual([]);
  });
});
