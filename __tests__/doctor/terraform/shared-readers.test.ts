/**
 * The diagram and the job CLI read Terraform through the doctor's loader and
 * model (src/doctor/terraform), so they understand what the doctor
 * understands: resources and blocks in cdktf's shape or in hcl2json's
 * (each resource body and block a one-element list), references with `${...}`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackDiagram } from '../../../src/diagram/mermaid';
import type { StackJson } from '../../../src/diagram/terraform-json';
import { resolveJobTarget } from '../../../src/job-runner/target';
import { projectRoot } from '../../job-runner/support/cli';
import { baseConfig, ROOT, synth } from '../../support/synth';

/** The same configuration with every resource body as hcl2json writes it: a one-element list. */
function hclShaped<T extends { resource?: Record<string, Record<string, unknown>> }>(tf: T): T {
  const resource = Object.fromEntries(
    Object.entries(tf.resource ?? {}).map(([type, byName]) => [type, Object.fromEntries(Object.entries(byName).map(([name, body]) => [name, [body]]))]),
  );
  return { ...tf, resource };
}

describe('the diagram reads Terraform through the doctor model', () => {
  it('draws a stack in hcl2json shape exactly as the same stack written by cdktf', () => {
    const fixture = JSON.parse(readFileSync(`${ROOT}__tests__/diagram/fixtures/scheduled.tf.json`, 'utf8')) as StackJson;
    const drawn = stackDiagram(fixture);
    expect(drawn).toContain('ce_'); // the fixture has compute environments to draw
    expect(stackDiagram(hclShaped(fixture))).toBe(drawn);
  });
});

describe('the job CLI reads the synthesized stack through the doctor loader and model', () => {
  const fairConfig = () => {
    const config = baseConfig({ jobQueues: { main: { computeEnvironments: ['ondemand'], fairShare: { shares: { teamA: 1, 'batch*': 2 } } } } });
    config.jobDefinitions!.hello!.shareIdentifier = 'teamA';
    return config;
  };

  it('takes the deployed names and fair-share shares from a stack in hcl2json shape', () => {
    const stack = JSON.parse(synth(fairConfig(), 'unit').json);
    stack.resource.aws_batch_job_queue.main.name = 'deployed-queue';
    stack.resource.aws_batch_job_definition.hello.name = 'deployed-hello';
    const root = projectRoot({ unit: baseConfig() }, { unit: hclShaped(stack) });
    expect(resolveJobTarget(root, 'unit', 'hello')).toMatchObject({
      source: 'stack',
      jobQueue: 'deployed-queue',
      jobDefinition: 'deployed-hello',
      region: 'ap-northeast-1',
      fairShare: ['batch*', 'teamA'],
    });
  });

  it('falls back to the config when the stack file cannot be read as Terraform JSON', () => {
    const root = projectRoot({ unit: baseConfig() });
    for (const text of ['{"resource": ', '[]']) {
      mkdirSync(join(root, 'cdktf.out', 'stacks', 'unit'), { recursive: true });
      writeFileSync(join(root, 'cdktf.out', 'stacks', 'unit', 'cdk.tf.json'), text);
      expect(resolveJobTarget(root, 'unit', 'hello')).toMatchObject({ source: 'config', jobQueue: 'unit-main', jobDefinition: 'unit-hello' });
    }
  });
});
