/**
 * Rules for Terraform that plans cleanly and then fails at apply, on the next
 * apply, or when a job starts: a failing and a passing case each.
 */
import { describe, expect, it } from 'vitest';
import { TerraformModel } from '../../src/checks/model';
import type { TerraformJson } from '../../src/checks/types';
import { ceDesiredVcpusDrift } from '../../src/checks/rules/ce-desired-vcpus-drift';
import { ceFargateUpdatePolicy } from '../../src/checks/rules/ce-fargate-update-policy';
import { jobSecretNotGranted } from '../../src/checks/rules/job-secret-not-granted';
import { netNatBeforeIgw } from '../../src/checks/rules/net-nat-before-igw';
import { netNoImagePath } from '../../src/checks/rules/net-no-image-path';
import { ce, check, computeResources, ec2Stack, editContainer, endpointsOnly, fargateStack, ref, type Resources } from './helpers';

describe('BATCH_CE_FARGATE_UPDATE_POLICY', () => {
  it('reports update_policy on a Fargate compute environment', () => {
    const r = fargateStack();
    ce(r, 'fargate').update_policy = { job_execution_timeout_minutes: 30, terminate_jobs_on_update: false };
    expect(check(ceFargateUpdatePolicy, r)).toMatchObject([{ severity: 'error', address: 'aws_batch_compute_environment.fargate', message: expect.stringContaining('FARGATE compute environment') }]);
  });

  it('reads the HCL block shape (a list of one object), and FARGATE_SPOT', () => {
    const r = fargateStack();
    ce(r, 'fargate').compute_resources.type = 'FARGATE_SPOT';
    ce(r, 'fargate').update_policy = [{ terminate_jobs_on_update: true }];
    expect(check(ceFargateUpdatePolicy, r)).toHaveLength(1);
  });

  it('passes Fargate without update_policy, and update_policy on EC2', () => {
    expect(check(ceFargateUpdatePolicy, fargateStack())).toEqual([]);
    const r = ec2Stack();
    ce(r).update_policy = { job_execution_timeout_minutes: 30, terminate_jobs_on_update: false };
    expect(check(ceFargateUpdatePolicy, r)).toEqual([]);
  });
});

describe('BATCH_NET_NAT_BEFORE_IGW', () => {
  /** The shared network fixture with its NAT gateway and EIP no longer ordered after the internet gateway. */
  function racing(): Resources {
    const r = ec2Stack();
    delete r.aws_nat_gateway!.main!.depends_on;
    delete r.aws_eip!.nat!.depends_on;
    return r;
  }

  it('reports a public NAT gateway and its EIP with no dependency on the internet gateway', () => {
    expect(check(netNatBeforeIgw, racing())).toMatchObject([
      {
        severity: 'warning',
        address: 'aws_nat_gateway.main',
        message: expect.stringContaining('aws_nat_gateway.main and aws_eip.nat do not depend on aws_internet_gateway.main'),
        fix: 'Add depends_on = [aws_internet_gateway.main] to aws_nat_gateway.main and aws_eip.nat.',
      },
    ]);
  });

  it('wants the attachment when the gateway is attached by aws_internet_gateway_attachment', () => {
    const r = racing();
    delete r.aws_internet_gateway!.main!.vpc_id;
    r.aws_internet_gateway_attachment = { main: { internet_gateway_id: ref('aws_internet_gateway.main'), vpc_id: ref('aws_vpc.main') } };
    r.aws_nat_gateway!.main!.depends_on = ['${aws_internet_gateway.main}'];
    expect(check(netNatBeforeIgw, r)[0]!.fix).toBe('Add depends_on = [aws_internet_gateway_attachment.main] to aws_nat_gateway.main and aws_eip.nat.');
    r.aws_nat_gateway!.main!.depends_on = ['${aws_internet_gateway_attachment.main}'];
    expect(check(netNatBeforeIgw, r)).toEqual([]);
  });

  it('passes a dependency on the NAT gateway, or one reached through its EIP (HCL ${} form)', () => {
    expect(check(netNatBeforeIgw, ec2Stack())).toEqual([]);
    const r = racing();
    r.aws_eip!.nat!.depends_on = ['${aws_internet_gateway.main}'];
    expect(check(netNatBeforeIgw, r)).toEqual([]);
  });

  it('does not apply to private NAT gateways, or when a dependency may hide in a module or local', () => {
    const r = racing();
    r.aws_nat_gateway!.main!.connectivity_type = 'private';
    expect(check(netNatBeforeIgw, r)).toEqual([]);
    const m = racing();
    m.aws_eip!.nat!.depends_on = ['module.network'];
    expect(check(netNatBeforeIgw, m)).toEqual([]);
  });
});

describe('BATCH_CE_DESIRED_VCPUS_DRIFT', () => {
  it('reports desired_vcpus on an EC2 compute environment without ignore_changes', () => {
    const r = ec2Stack();
    computeResources(r).desired_vcpus = 4;
    expect(check(ceDesiredVcpusDrift, r)).toMatchObject([
      { severity: 'error', address: 'aws_batch_compute_environment.ec2', message: expect.stringContaining('desired_vcpus is set to 4 and lifecycle.ignore_changes does not cover it') },
    ]);
  });

  it('reports it when ignore_changes names other attributes only', () => {
    const r = ec2Stack();
    computeResources(r).desired_vcpus = '${var.desired}';
    ce(r).lifecycle = [{ create_before_destroy: true, ignore_changes: ['${tags}'] }];
    expect(check(ceDesiredVcpusDrift, r)).toHaveLength(1);
  });

  it.each([
    ['cdktf', ['compute_resources[0].desired_vcpus']],
    ['HCL', ['${compute_resources[0].desired_vcpus}']],
    ['the whole block', ['${compute_resources}']],
    ['all', '${all}'],
  ])('passes ignore_changes covering it (%s)', (_, ignore) => {
    const r = ec2Stack();
    computeResources(r).desired_vcpus = 4;
    ce(r).lifecycle = { create_before_destroy: true, ignore_changes: ignore };
    expect(check(ceDesiredVcpusDrift, r)).toEqual([]);
  });

  it('passes desired_vcpus left unset (Batch owns it), and does not apply to Fargate', () => {
    expect(check(ceDesiredVcpusDrift, ec2Stack())).toEqual([]);
    const r = fargateStack();
    ce(r, 'fargate').compute_resources.desired_vcpus = 4;
    expect(check(ceDesiredVcpusDrift, r)).toEqual([]);
  });
});

describe('BATCH_NET_NO_IMAGE_PATH on an ECR Public image', () => {
  it('says VPC endpoints do not serve ECR Public, and offers a pull through cache rule or NAT', () => {
    const [f] = check(netNoImagePath, endpointsOnly(ec2Stack()));
    expect(f!.message).toMatch(/^cannot pull image public\.ecr\.aws\/docker\/library\/busybox:1 \(ECR Public, which VPC endpoints do not serve\) from /);
    expect(f!.fix).toBe(
      'VPC endpoints do not serve ECR Public: create an ECR pull through cache rule for ECR Public (e.g. prefix ecr-public) and pull <account>.dkr.ecr.<region>.amazonaws.com/ecr-public/docker/library/busybox:1 through the ecr.api, ecr.dkr and s3 endpoints, or add a NAT gateway route.',
    );
  });

  it('keeps the general fix for other public registries, and passes ECR Public through NAT', () => {
    const r = endpointsOnly(ec2Stack());
    editContainer(r, (c) => (c.image = 'busybox:1'));
    expect(check(netNoImagePath, r)[0]!.fix).toBe(netNoImagePath.fix);
    expect(check(netNoImagePath, ec2Stack())).toEqual([]);
  });
});

describe('BATCH_JOB_SECRET_NOT_GRANTED', () => {
  const SM = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret';
  const EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

  /** A Fargate job reading `valueFrom` with an execution role whose inline policy allows `resources`. */
  function job(valueFrom: string, resources: string[], action = 'secretsmanager:GetSecretValue'): Resources {
    const r = fargateStack();
    r.aws_iam_role = { execution: { name: 'exec', assume_role_policy: '{}' } };
    r.aws_iam_role_policy_attachment = { execution: { role: ref('aws_iam_role.execution', 'name'), policy_arn: EXECUTION_POLICY } };
    r.aws_iam_role_policy = {
      secrets: { role: ref('aws_iam_role.execution'), policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resources }] }) },
    };
    editContainer(r, (c) => {
      c.executionRoleArn = ref('aws_iam_role.execution', 'arn');
      c.secrets = [{ name: 'DB_PASSWORD', valueFrom }];
    });
    return r;
  }

  it('reports a grant copied from a valueFrom that names a JSON key', () => {
    const valueFrom = `${SM}:db-AbCdEf:password::`;
    expect(check(jobSecretNotGranted, job(valueFrom, [valueFrom]))).toMatchObject([
      {
        severity: 'error',
        address: 'aws_batch_job_definition.job',
        message: `execution role aws_iam_role.execution cannot read DB_PASSWORD (${valueFrom}): no secretsmanager:GetSecretValue grant matches the secret's own ARN, so the job fails at start`,
        fix: `Allow secretsmanager:GetSecretValue on ${SM}:db-AbCdEf in a policy of aws_iam_role.execution.`,
      },
    ]);
  });

  it('reports a partial ARN granted as written, and a version stage', () => {
    expect(check(jobSecretNotGranted, job(`${SM}:db`, [`${SM}:db`]))[0]!.fix).toBe(`Allow secretsmanager:GetSecretValue on ${SM}:db-?????? in a policy of aws_iam_role.execution.`);
    expect(check(jobSecretNotGranted, job(`${SM}:db-AbCdEf::AWSPREVIOUS:`, [`${SM}:db-AbCdEf::AWSPREVIOUS:`]))).toHaveLength(1);
  });

  it('reports a parameter name granted with its leading slash repeated', () => {
    const r = job('/crawl/token', ['arn:aws:ssm:eu-west-1:123456789012:parameter//crawl/token'], 'ssm:GetParameters');
    expect(check(jobSecretNotGranted, r)[0]!.fix).toBe('Allow ssm:GetParameters on arn:aws:ssm:<region>:<account>:parameter/crawl/token in a policy of aws_iam_role.execution.');
  });

  it.each([
    ['the secret ARN for a JSON key', `${SM}:db-AbCdEf:password::`, [`${SM}:db-AbCdEf`]],
    ['-?????? for a partial ARN', `${SM}:db`, [`${SM}:db-??????`]],
    ['a full ARN for a partial one (its suffix may be the one)', `${SM}:db`, [`${SM}:db-AbCdEf`]],
    ['a wildcard', `${SM}:db-AbCdEf::AWSPREVIOUS:`, ['arn:aws:secretsmanager:*:123456789012:secret:db-*']],
    ['a parameter by ARN for its name', '/crawl/token', ['arn:aws:ssm:eu-west-1:123456789012:parameter/crawl/token']],
  ])('passes %s', (_, valueFrom, resources) => {
    expect(check(jobSecretNotGranted, job(valueFrom, resources, valueFrom.startsWith('arn:aws:secretsmanager') ? 'secretsmanager:Get*' : 'ssm:GetParameters'))).toEqual([]);
  });

  it('reads HCL policy documents (data.aws_iam_policy_document)', () => {
    const r = job(`${SM}:db-AbCdEf:password::`, []);
    r.aws_iam_role_policy!.secrets!.policy = '${data.aws_iam_policy_document.secrets.json}';
    const tf = { resource: r, data: { aws_iam_policy_document: { secrets: [{ statement: [{ actions: ['secretsmanager:GetSecretValue'], resources: [`${SM}:db-AbCdEf:password::`] }] }] } } };
    expect(jobSecretNotGranted.check(new TerraformModel(tf as unknown as TerraformJson))).toHaveLength(1);
    tf.data.aws_iam_policy_document.secrets[0]!.statement[0]!.resources = [`${SM}:db-AbCdEf`];
    expect(jobSecretNotGranted.check(new TerraformModel(tf as unknown as TerraformJson))).toEqual([]);
  });

  it('does not apply when the role may be granted elsewhere: another managed policy, a secret resource policy, policies from a variable', () => {
    const valueFrom = `${SM}:db-AbCdEf:password::`;
    const managed = job(valueFrom, [valueFrom]);
    managed.aws_iam_role_policy_attachment!.read = { role: ref('aws_iam_role.execution', 'name'), policy_arn: 'arn:aws:iam::aws:policy/SecretsManagerReadWrite' };
    expect(check(jobSecretNotGranted, managed)).toEqual([]);
    const resourcePolicy = job(valueFrom, [valueFrom]);
    resourcePolicy.aws_secretsmanager_secret_policy = { db: { secret_arn: `${SM}:db-AbCdEf`, policy: '{}' } };
    expect(check(jobSecretNotGranted, resourcePolicy)).toEqual([]);
    const listed = job(valueFrom, [valueFrom]);
    listed.aws_iam_role!.execution!.managed_policy_arns = '${var.execution_policies}';
    expect(check(jobSecretNotGranted, listed)).toEqual([]);
  });
});
