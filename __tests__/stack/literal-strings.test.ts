/**
 * Text a user writes reaches AWS exactly as written, though Terraform reads
 * `${...}` and `%{...}` in every string as a template
 * (docs/aws-batch-facts.md#terraform-json-string-templates): the stack
 * escapes them in both output formats, and the real Terraform with the real
 * provider, reading the JSON and the HCL, plans the user's exact strings.
 */
import { Testing } from 'cdktf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchStack, type BatchConfig } from '../../src/index';
import { escapeTemplateSequences } from '../../src/stack/literal-strings';
import { appliedState } from '../../test-support/terraform/harness';
import { resourceSchemas, validate, type PlanJson } from '../../test-support/terraform/run';
import { MultiStackWorkspace } from '../../test-support/terraform/workspace';
import { removeTestApps, testApp } from '../hcl/support';
import { terraformOrSkip } from '../support/terraform';

/** Every template-looking sequence, including ones that already look escaped and unterminated ones. */
const TRICKY = ['${USER}', 'a ${b} c', '%{ if x }y%{ endif }', '$${already}', '$$${w}', '%%{ z }', '${', '%{', '${TfToken', 'plain $ and % and {}', '100%{'];
const ECR = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com';
const SCRIPT = ['#!/bin/bash', 'echo "${HOSTNAME} %{x}" > /tmp/host'];

function trickyConfig(): BatchConfig {
  return {
    name: 'literal',
    accountId: '123456789012',
    network: { mode: 'existing', subnetIds: ['subnet-0a1b2c3d4e5f60718'], securityGroupIds: ['sg-0123456789abcdef0'] },
    computeEnvironments: { ondemand: { type: 'EC2', maxVcpus: 16, instanceTypes: ['m6i.large'], userData: SCRIPT } },
    jobQueues: { main: { computeEnvironments: ['ondemand'] } },
    jobDefinitions: {
      hello: {
        queue: 'main',
        image: `${ECR}/hello:1`,
        command: ['echo', ...TRICKY, 'Ref::day'],
        environment: Object.fromEntries(TRICKY.map((value, i) => [`V${i}`, value])),
        parameters: { day: '${today}' },
        jobRoleStatements: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/${aws:username}/*'] }],
        schedules: { nightly: { expression: 'rate(1 day)', parameters: { day: '%{yesterday}' } } },
      },
    },
  };
}

describe('escapeTemplateSequences', () => {
  it.each([
    ['${a}', '$${a}'],
    ['%{a}', '%%{a}'],
    ['$${a}', '$$${a}'],
    ['a $ b % c {}', 'a $ b % c {}'],
    ['${TfToken[TOKEN.1]} and ${x}', '${TfToken[TOKEN.1]} and $${x}'],
  ])('%s → %s', (text, escaped) => expect(escapeTemplateSequences(text)).toBe(escaped));
});

describe('synthesized Terraform', () => {
  it('escapes user text in JSON documents, maps and lists, and leaves the stack\'s references alone', () => {
    const json = JSON.parse(Testing.synth(new BatchStack(testApp(), 'literal', trickyConfig())));
    const definition = json.resource.aws_batch_job_definition.hello;
    expect(definition.parameters).toEqual({ day: '$${today}' });
    const container = JSON.parse(definition.container_properties);
    expect(container.environment[0]).toEqual({ name: 'V0', value: '$${USER}' });
    expect(container.jobRoleArn).toBe('${aws_iam_role.job_hello.arn}');
    expect(JSON.parse(json.resource.aws_iam_role_policy.job_hello.policy).Statement[0].Resource).toEqual(['arn:aws:s3:::bucket/$${aws:username}/*']);
  });

  it('renders HCL for them (no unterminated template sequence)', () => {
    const hcl = Testing.synthHcl(new BatchStack(testApp(), 'literal', trickyConfig()));
    expect(hcl).toContain('$${USER}');
  });
});

afterAll(removeTestApps);
const tf = terraformOrSkip('literal strings');

describe.skipIf(!tf)('the real Terraform reads back exactly what the user wrote', () => {
  let workspace: MultiStackWorkspace;
  let planned: Map<string, PlanJson>;
  let valid: boolean;

  beforeAll(async () => {
    const stack = new BatchStack(testApp(), 'literal', trickyConfig());
    const hcl = Testing.synthHcl(stack);
    const json = stack.toTerraform() as object;
    workspace = await MultiStackWorkspace.create([{ id: 'json', tfJson: json }, { id: 'hcl', hcl }]);
    valid = (await validate(workspace.dir)).valid;
    const fromNothing = await workspace.plan();
    // Against the state the JSON leaves, every reference is known and so is every document.
    const state = appliedState(fromNothing.get('json')!, json, await resourceSchemas());
    planned = await workspace.plan(new Map([['json', state], ['hcl', state]]));
  }, 240_000);
  afterAll(() => workspace?.remove());

  const after = (format: string, address: string): Record<string, any> =>
    planned.get(format)!.resource_changes!.find((rc) => rc.address === address)!.change.after as Record<string, any>;

  it('both formats validate', () => expect(valid).toBe(true));

  it.each(['json', 'hcl'])('%s: container command, environment, parameters, policy, schedule input and user data are the user\'s text', (format) => {
    const definition = after(format, 'aws_batch_job_definition.hello');
    const container = JSON.parse(definition.container_properties);
    expect(container.command).toEqual(['echo', ...TRICKY, 'Ref::day']);
    expect(Object.fromEntries(container.environment.map((e: any) => [e.name, e.value]))).toEqual(Object.fromEntries(TRICKY.map((value, i) => [`V${i}`, value])));
    expect(container.jobRoleArn).toMatch(/^arn:aws:iam::123456789012:role\//);
    expect(definition.parameters).toEqual({ day: '${today}' });
    expect(JSON.parse(after(format, 'aws_iam_role_policy.job_hello').policy).Statement[0].Resource).toEqual(['arn:aws:s3:::bucket/${aws:username}/*']);
    expect(JSON.parse(after(format, 'aws_scheduler_schedule.hello_nightly').target[0].input).Parameters).toEqual({ day: '%{yesterday}' });
    const userData = Buffer.from(after(format, 'aws_launch_template.compute_ondemand').user_data, 'base64').toString('utf8');
    expect(userData).toContain(SCRIPT.join('\n'));
  });
});
