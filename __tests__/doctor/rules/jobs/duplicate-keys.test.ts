import { describe, expect, it } from 'vitest';
import type { TerraformJson } from '../../../../src/doctor/index';
import { duplicateKeys, jobDuplicateKeys } from '../../../../src/doctor/rules/jobs/duplicate-keys';
import { TerraformModel } from '../../../../src/doctor/terraform/model';
import { check, ec2Stack, job } from '../../helpers';

async function hcl(containerProperties: string): Promise<TerraformJson> {
  const { parse } = await import('@cdktf/hcl2json');
  return (await parse('main.tf', `resource "aws_batch_job_definition" "heatmap" {\n  name = "heatmap"\n  type = "container"\n  container_properties = ${containerProperties}\n}\n`)) as TerraformJson;
}

const run = (tf: TerraformJson) => jobDuplicateKeys.check(new TerraformModel(tf));

describe('BATCH_JOB_DUPLICATE_KEYS', () => {
  it('reports a heredoc of JSON with environment written twice, naming the dropped value', async () => {
    const findings = run(
      await hcl(`<<EOF
{
  "image": "busybox",
  "environment": [{"name": "JAVA_OPTS", "value": "-Xmx58g"}],
  "memory": 60000,
  "environment": []
}
EOF`),
    );
    expect(findings).toMatchObject([
      {
        rule: 'BATCH_JOB_DUPLICATE_KEYS',
        severity: 'warning',
        address: 'aws_batch_job_definition.heatmap',
        message: 'container_properties environment (the first value, [{"name": "JAVA_OPTS", "value": "-Xmx58g"}], is dropped): a key written twice keeps only its later value',
      },
    ]);
  });

  it('reports jsonencode of an HCL object with a key twice (Terraform keeps the later one), also nested', async () => {
    const findings = run(
      await hcl(`jsonencode({
    image = "busybox"
    command = ["a"]
    logConfiguration = {
      logDriver = "awslogs"
      logDriver = "json-file"
    }
    command = ["b"]
  })`),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('container_properties logConfiguration.logDriver (the first value, "awslogs", is dropped)');
    expect(findings[0]!.message).toContain('container_properties command (the first value, ["a"], is dropped)');
  });

  it('passes documents with each key once: JSON, HCL with references, lists of objects with the same keys', async () => {
    expect(check(jobDuplicateKeys, ec2Stack())).toEqual([]);
    expect(
      run(
        await hcl(`jsonencode({
    image = "\${aws_ecr_repository.app.repository_url}:latest"
    environment = [{ name = "A", value = "1" }, { name = "B", value = var.b == "x" ? "y" : "z" }]
    secrets = [for k, v in var.secrets : { name = k, valueFrom = v }]
    resourceRequirements = [{ type = "VCPU", value = "1" }, { type = "MEMORY", value = "2048" }]
  })`),
      ),
    ).toEqual([]);
  });

  it('finds duplicates in a JSON string as cdktf or a file would hold it, and only real keys', () => {
    const r = ec2Stack();
    job(r).container_properties = '{"image":"busybox","command":["echo","{\\"a\\":1,\\"a\\":2}"],"user":"x","user":"y"}';
    expect(check(jobDuplicateKeys, r)[0]!.message).toBe('container_properties user (the first value, "x", is dropped): a key written twice keeps only its later value');
    expect(duplicateKeys('{"a": {"b": 1}, "c": [{"b": 1}, {"b": 2}]}')).toEqual([]);
    expect(duplicateKeys('{"a": [{"b": 1, "b": 2}]}')).toEqual([{ path: 'a[0].b', dropped: '1' }]);
  });
});
