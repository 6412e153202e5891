/**
 * The security invariants (README, "Security") hold on
 * everything this project emits: every example environment, the shipped
 * environments and the bootstrap stack give no BATCH_SEC_* finding at all,
 * warnings included. The rules themselves are tested one by one in
 * __tests__/doctor/rules/security/*.test.ts.
 */
import { Testing } from 'cdktf';
import { scratchApp } from '../../test-support/terraform/scratch-app';
import { describe, expect, it } from 'vitest';
import { BootstrapStack } from '../../src/bootstrap/stack';
import { loadBootstrapConfig } from '../../src/bootstrap/config';
import { RULES, SECURITY_RULES, securityFindings, securityMarkdown, type TerraformJson } from '../../src/doctor/index';
import { loadConfigFile } from '../../src/index';
import { EXAMPLES, ROOT, loadExample, synth } from '../support/synth';

const ENVIRONMENTS: Record<string, () => TerraformJson> = {
  ...Object.fromEntries(Object.keys(EXAMPLES).map((name) => [name, () => JSON.parse(synth(loadExample(name), name).json) as TerraformJson])),
  prod: () => JSON.parse(synth(loadConfigFile(`${ROOT}environments/prod.json`), 'prod').json) as TerraformJson,
};

function bootstrap(): TerraformJson {
  const config = loadBootstrapConfig(`${ROOT}environments/bootstrap.json`);
  return JSON.parse(Testing.synth(new BootstrapStack(scratchApp(), 'bootstrap', config))) as TerraformJson;
}

const types = (tf: TerraformJson): string[] => Object.keys(tf.resource ?? {});

describe.each(Object.keys(ENVIRONMENTS))('environment %s', (name) => {
  it('breaks no security invariant (no errors, no warnings)', () => {
    expect(securityFindings(ENVIRONMENTS[name]!())).toEqual([]);
  });
});

describe('bootstrap stack', () => {
  it('breaks no security invariant (no errors, no warnings)', () => {
    const tf = bootstrap();
    // The checks had something to look at: the bucket, its encryption, the roles and their policies.
    expect(types(tf)).toEqual(expect.arrayContaining(['aws_s3_bucket', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_iam_role', 'aws_iam_role_policy']));
    expect(securityFindings(tf)).toEqual([]);
  });
});

describe('what the invariants cover in our stacks', () => {
  it('reaches the launch template, security group, roles, policies and log group of an EC2 environment', () => {
    const tf = ENVIRONMENTS['default']!();
    expect(types(tf)).toEqual(
      expect.arrayContaining(['aws_launch_template', 'aws_security_group', 'aws_iam_role', 'aws_iam_role_policy_attachment', 'aws_cloudwatch_log_group', 'aws_batch_job_definition']),
    );
  });

  it('reaches the encrypted topic and scheduler roles of the scheduled example', () => {
    expect(types(ENVIRONMENTS['scheduled']!())).toEqual(expect.arrayContaining(['aws_sns_topic', 'aws_scheduler_schedule', 'aws_iam_role_policy']));
  });

  it('would catch a break: IMDSv1 allowed on the default environment is an error', () => {
    // GIVEN the default environment with its launch template relaxed
    const tf = ENVIRONMENTS['default']!() as { resource: Record<string, Record<string, Record<string, any>>> };
    for (const lt of Object.values(tf.resource['aws_launch_template']!)) lt['metadata_options'].http_tokens = 'optional';
    // WHEN / THEN
    expect(securityFindings(tf).map((f) => [f.severity, f.rule])).toEqual([['error', 'BATCH_SEC_IMDSV2']]);
  });
});

describe('securityFindings', () => {
  it('runs the security rules only', () => {
    // A compute environment with min above max is a doctor error, not a security one.
    const tf = { resource: { aws_batch_compute_environment: { ce: { type: 'MANAGED', compute_resources: { type: 'FARGATE', max_vcpus: 1, min_vcpus: 4 } } } } };
    expect(securityFindings(tf)).toEqual([]);
  });

  it('covers every BATCH_SEC_* rule of the doctor, each of which has a why and a fix', () => {
    expect(SECURITY_RULES.map((r) => r.id)).toEqual(RULES.filter((r) => r.id.startsWith('BATCH_SEC_')).map((r) => r.id));
    expect(SECURITY_RULES.length).toBeGreaterThanOrEqual(20);
  });
});

describe('securityMarkdown', () => {
  it('lists every invariant with its id, severity, why and fix', () => {
    const md = securityMarkdown();
    const lines = md.trimEnd().split('\n');
    expect(lines).toHaveLength(SECURITY_RULES.length);
    SECURITY_RULES.forEach((rule, i) => {
      expect(lines[i]).toBe(`- **${rule.title}** (\`${rule.id}\`, ${rule.severity}): ${rule.why} *Fix:* ${rule.fix}`);
    });
  });
});
