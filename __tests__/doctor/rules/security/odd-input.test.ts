/** The security rules never throw on values of unexpected types, and judge nothing they cannot read. */
import { describe, expect, it } from 'vitest';
import { securityFindings, type TerraformJson } from '../../../../src/doctor/index';

const ODD: TerraformJson[] = [
  { resource: { aws_iam_role: { a: { assume_role_policy: 42 }, b: { assume_role_policy: '{"Statement": "x"}' }, c: { assume_role_policy: '{"Statement": [{"Principal": 7, "Condition": []}]}' } } } },
  { resource: { aws_iam_role: { a: { assume_role_policy: '${var.trust}', inline_policy: '${var.inline}', managed_policy_arns: '${var.arns}' } } } },
  { resource: { aws_iam_role_policy: { a: { policy: null }, b: { policy: '{"Statement": [{"Effect": "${var.e}", "Action": "${var.a}"}]}' } } } },
  { resource: { aws_iam_role_policy: { a: { policy: '${data.aws_iam_policy_document.missing.json}' } } }, data: { aws_iam_policy_document: { other: { statement: '${var.s}' } } } },
  { resource: { aws_launch_template: { a: { block_device_mappings: '${var.bdm}', metadata_options: 'x' } }, aws_batch_compute_environment: { ce: { compute_resources: { type: 'EC2', launch_template: 'x' } } } } },
  { resource: { aws_security_group: { s: { ingress: [null], egress: '${var.egress}' } }, aws_batch_compute_environment: { ce: { compute_resources: { type: 'FARGATE', security_group_ids: ['${aws_security_group.s.id}'] } } } } },
  { resource: { aws_batch_job_definition: { j: { container_properties: '{"environment": "x", "privileged": "${var.p}", "logConfiguration": {"options": 3}}' } } } },
  { resource: { aws_cloudwatch_log_group: { g: { retention_in_days: 'abc' } }, aws_sns_topic: { t: { kms_master_key_id: '${var.key}' } }, aws_s3_bucket: { b: { bucket: '${var.name}', server_side_encryption_configuration: '${var.sse}' } } } },
];

describe('security rules on odd input', () => {
  it.each(ODD.map((tf, i) => [i, tf] as const))('case %i neither throws nor reports what it cannot read', (_, tf) => {
    expect(securityFindings(tf)).toEqual([]);
  });
});
