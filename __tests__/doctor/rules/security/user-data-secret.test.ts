import { describe, expect, it } from 'vitest';
import type { TerraformJson } from '../../../../src/doctor/index';
import { looksLikeSecret, secUserDataSecret } from '../../../../src/doctor/rules/security/user-data-secret';
import { TerraformModel } from '../../../../src/doctor/terraform/model';
import { check, ec2Stack } from '../../helpers';

/** A launch template with this user data, used by an EC2 compute environment (unless `used` is false). */
async function template(userData: string, used = true): Promise<ReturnType<typeof secUserDataSecret.check>> {
  const { parse } = await import('@cdktf/hcl2json');
  const ce = `
resource "aws_batch_compute_environment" "workers" {
  type = "MANAGED"
  compute_resources {
    type          = "EC2"
    max_vcpus     = 16
    instance_type = ["m5"]
    subnets       = ["subnet-0123456789abcdef0"]
    launch_template {
      launch_template_id = aws_launch_template.compute.id
      version            = aws_launch_template.compute.latest_version
    }
  }
}`;
  const tf = (await parse('main.tf', `resource "aws_launch_template" "compute" {\n  name = "compute"\n  user_data = ${userData}\n}\n${used ? ce : ''}`)) as TerraformJson;
  return secUserDataSecret.check(new TerraformModel(tf));
}

describe('BATCH_SEC_USER_DATA_SECRET', () => {
  it('reports a templatefile() variable named like a password, and the variable itself', async () => {
    const findings = await template('base64encode(templatefile("${path.module}/user-data.tpl", { database_password = var.database_password, region = var.region }))');
    expect(findings).toMatchObject([{ severity: 'error', address: 'aws_launch_template.compute' }]);
    expect(findings[0]!.message).toBe(
      'user_data renders var.database_password, templatefile() variable database_password: anyone who can describe the launch template or the instance, and every process on the instance, can read them',
    );
  });

  it('reports a heredoc interpolating a secret, a Secrets Manager value, and a literal assignment (also base64-encoded)', async () => {
    expect((await template('<<EOF\n#!/bin/bash\nexport PGPASSWORD=${var.db_password}\nEOF'))[0]!.message).toContain('var.db_password');
    expect((await template('base64encode(data.aws_secretsmanager_secret_version.db.secret_string)'))[0]!.message).toContain('data.aws_secretsmanager_secret_version.db.secret_string');
    expect((await template('<<EOF\nexport API_TOKEN=s3cr3t-value\nEOF'))[0]!.message).toContain('a literal API_TOKEN');
    const r = ec2Stack();
    r.aws_launch_template!.compute!.user_data = Buffer.from('#!/bin/bash\necho ECS_ENGINE_AUTH_DATA=x\nDB_PASSWORD=hunter2 ./start\n').toString('base64');
    expect(check(secUserDataSecret, r)[0]!.message).toContain('a literal DB_PASSWORD');
  });

  it('passes user data that fetches secrets at boot, names of secrets (ARNs, ids), the IMDS token and key pair names', async () => {
    expect(
      await template(`<<EOF
#!/bin/bash
TOKEN=$(curl -X PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")
export DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id \${var.db_password_secret_arn} --query SecretString --output text)
echo ECS_CLUSTER=\${var.cluster_name} >> /etc/ecs/ecs.config
echo "key: \${var.key_name}" > /tmp/info
EOF`),
    ).toEqual([]);
    expect(check(secUserDataSecret, ec2Stack())).toEqual([]);
  });

  it('judges only launch templates Batch starts instances from', async () => {
    expect(await template('base64encode("export PGPASSWORD=hunter2")', false)).toEqual([]);
    expect(await template('base64encode("export PGPASSWORD=hunter2")')).toHaveLength(1);
  });

  it('tells secrets from pointers to them', () => {
    for (const name of ['db_password', 'PGPASSWORD', 'apiToken', 'github_token', 'aws_secret_access_key', 'private_key', 'API_KEY']) expect(looksLikeSecret(name), name).toBe(true);
    for (const name of ['db_password_secret_arn', 'secret_id', 'key_name', 'ssh_key', 'PWD', 'http_tokens', 'kms_key_id', 'password_length', 'public_key']) expect(looksLikeSecret(name), name).toBe(false);
  });
});
