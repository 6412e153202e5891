import { describe, expect, it } from 'vitest';
import { fargateGpu } from '../../../src/doctor/rules/jobs/fargate-gpu';
import { fargateInvalidResources } from '../../../src/doctor/rules/jobs/fargate-invalid-resources';
import { jobExceedsInstanceTypes } from '../../../src/doctor/rules/jobs/exceeds-instance-types';
import { jobGpuNotAvailable } from '../../../src/doctor/rules/jobs/gpu-not-available';
import { jobLegacyVcpusMemory } from '../../../src/doctor/rules/jobs/legacy-vcpus-memory';
import { jobPlatformMismatch } from '../../../src/doctor/rules/jobs/platform-mismatch';
import { jobUnknownContainerKeys } from '../../../src/doctor/rules/jobs/unknown-container-keys';
import { jobVcpuAboveMaxVcpus } from '../../../src/doctor/rules/jobs/vcpu-above-max-vcpus';
import { nameInvalid } from '../../../src/doctor/rules/jobs/name-invalid';
import { jobSecretNotGranted } from '../../../src/doctor/rules/jobs/secret-not-granted';
import { TerraformModel } from '../../../src/doctor/terraform/model';
import { jobDefinitions } from '../../../src/doctor/views/job-definitions';
import type { TerraformJson } from '../../../src/doctor/index';
import { check, computeResources, ec2Stack, editContainer, fargateStack, job, merge, queue, ref, requirements, tf, type Resources } from '../helpers';

describe('BATCH_JOB_PLATFORM_MISMATCH', () => {
  it('reports a Fargate job definition when only EC2 queues exist', () => {
    const r = ec2Stack();
    job(r).platform_capabilities = ['FARGATE'];
    const [f, ...rest] = check(jobPlatformMismatch, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'BATCH_JOB_PLATFORM_MISMATCH', severity: 'error', address: 'aws_batch_job_definition.job' });
    expect(f!.message).toContain('FARGATE job definition, but aws_batch_compute_environment.ec2 is EC2');
  });

  it('reports an EC2 job definition hinted to a Fargate queue, although an EC2 queue exists', () => {
    const r = merge(ec2Stack(), { aws_batch_compute_environment: fargateStack().aws_batch_compute_environment!, aws_batch_job_queue: { ...ec2Stack().aws_batch_job_queue!, ...fargateStack().aws_batch_job_queue! } });
    job(r)['//'] = { queue: 'aws_batch_job_queue.fargate' };
    expect(check(jobPlatformMismatch, r)).toHaveLength(1);
  });

  it('passes when some queue has compute environments of the job platform', () => {
    const r = merge(ec2Stack(), { aws_batch_compute_environment: fargateStack().aws_batch_compute_environment!, aws_batch_job_queue: { ...ec2Stack().aws_batch_job_queue!, ...fargateStack().aws_batch_job_queue! } });
    job(r).platform_capabilities = ['FARGATE'];
    expect(check(jobPlatformMismatch, r)).toEqual([]);
  });

  it('does not apply when the queue takes a compute environment from outside the configuration', () => {
    const r = ec2Stack();
    job(r).platform_capabilities = ['FARGATE'];
    queue(r).compute_environment_order.push({ order: 2, compute_environment: 'arn:aws:batch:eu-west-1:123456789012:compute-environment/other' });
    expect(check(jobPlatformMismatch, r)).toEqual([]);
  });
});

describe('BATCH_JOB_VCPU_ABOVE_MAX_VCPUS', () => {
  it("reports a job needing more vCPUs than every compute environment's max_vcpus", () => {
    const r = ec2Stack();
    computeResources(r).max_vcpus = 4;
    editContainer(r, (c) => (c.resourceRequirements = requirements(8, 4096)));
    const findings = check(jobVcpuAboveMaxVcpus, r);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('needs 8 vCPU, aws_batch_compute_environment.ec2 has max_vcpus 4');
  });

  it('passes when the job fits max_vcpus', () => {
    const r = ec2Stack();
    computeResources(r).max_vcpus = 8;
    editContainer(r, (c) => (c.resourceRequirements = requirements(8, 4096)));
    expect(check(jobVcpuAboveMaxVcpus, r)).toEqual([]);
  });

  it('does not apply when max_vcpus is a variable', () => {
    const r = ec2Stack();
    computeResources(r).max_vcpus = '${var.max_vcpus}';
    editContainer(r, (c) => (c.resourceRequirements = requirements(8, 4096)));
    expect(check(jobVcpuAboveMaxVcpus, r)).toEqual([]);
  });
});

describe('BATCH_JOB_EXCEEDS_INSTANCE_TYPES', () => {
  it('reports a job asking for the nominal memory of the largest instance type', () => {
    // m4.large has 8192 MiB, ECS registers about 7985: 8192 never fits.
    const r = ec2Stack();
    computeResources(r).instance_type = ['m4.large'];
    editContainer(r, (c) => (c.resourceRequirements = requirements(2, 8192)));
    const findings = check(jobExceedsInstanceTypes, r);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/largest m4\.large: 2 vCPU, \d+ MiB schedulable/);
  });

  it('passes with memory below the registered amount', () => {
    const r = ec2Stack();
    computeResources(r).instance_type = ['m4.large'];
    editContainer(r, (c) => (c.resourceRequirements = requirements(2, 7680)));
    expect(check(jobExceedsInstanceTypes, r)).toEqual([]);
  });

  it('expands optimal and bare families', () => {
    const r = ec2Stack();
    computeResources(r).instance_type = ['optimal'];
    editContainer(r, (c) => (c.resourceRequirements = requirements(64, 400_000)));
    expect(check(jobExceedsInstanceTypes, r)).toEqual([]); // r6i.16xlarge: 64 vCPU, 512 GiB
    computeResources(r).instance_type = ['c5'];
    expect(check(jobExceedsInstanceTypes, r)).toHaveLength(1);
  });

  it('does not apply to instance types missing from the table', () => {
    const r = ec2Stack();
    computeResources(r).instance_type = ['m4.large', 'x2iedn.32xlarge'];
    editContainer(r, (c) => (c.resourceRequirements = requirements(2, 8192)));
    expect(check(jobExceedsInstanceTypes, r)).toEqual([]);
  });
});

describe('BATCH_JOB_GPU_NOT_AVAILABLE', () => {
  it('reports a GPU job when the compute environment has no GPU type', () => {
    const r = ec2Stack();
    editContainer(r, (c) => (c.resourceRequirements = requirements(2, 4096, 1)));
    const findings = check(jobGpuNotAvailable, r);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('allows no GPU instance type (m5)');
  });

  it('reports a GPU job on GPU types booted from a non-NVIDIA image type', () => {
    const r = ec2Stack();
    computeResources(r).instance_type = ['g5'];
    computeResources(r).ec2_configuration = [{ image_type: 'ECS_AL2023' }];
    editContainer(r, (c) => (c.resourceRequirements = requirements(2, 4096, 1)));
    expect(check(jobGpuNotAvailable, r)[0]!.message).toContain('without NVIDIA drivers');
  });

  it('still checks the image type behind a launch template without image_id', () => {
    const r = ec2Stack();
    r.aws_launch_template = { compute: { metadata_options: { http_tokens: 'required' } } };
    computeResources(r).launch_template = { launch_template_id: ref('aws_launch_template.compute') };
    computeResources(r).instance_type = ['g5'];
    computeResources(r).ec2_configuration = [{ image_type: 'ECS_AL2023' }];
    editContainer(r, (c) => (c.resourceRequirements = requirements(2, 4096, 1)));
    expect(check(jobGpuNotAvailable, r)).toHaveLength(1);
    r.aws_launch_template.compute!.image_id = 'ami-0123456789abcdef0';
    expect(check(jobGpuNotAvailable, r)).toEqual([]); // a custom AMI may carry the drivers
  });

  it('passes on GPU types with the NVIDIA image type', () => {
    const r = ec2Stack();
    computeResources(r).instance_type = ['g5'];
    computeResources(r).ec2_configuration = [{ image_type: 'ECS_AL2023_NVIDIA' }];
    editContainer(r, (c) => (c.resourceRequirements = requirements(2, 4096, 1)));
    expect(check(jobGpuNotAvailable, r)).toEqual([]);
  });
});

describe('BATCH_FARGATE_INVALID_RESOURCES', () => {
  it('reports a vCPU/memory pair Fargate does not offer', () => {
    const r = fargateStack();
    editContainer(r, (c) => (c.resourceRequirements = requirements(1, 1024)));
    const findings = check(fargateInvalidResources, r);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('with 1 vCPU Fargate allows 2048 to 8192 MiB in steps of 1024');
  });

  it('passes a valid pair', () => {
    const r = fargateStack();
    editContainer(r, (c) => (c.resourceRequirements = requirements(0.25, 512)));
    expect(check(fargateInvalidResources, r)).toEqual([]);
  });
});

describe('BATCH_FARGATE_GPU', () => {
  it('reports a GPU requirement on Fargate', () => {
    const r = fargateStack();
    editContainer(r, (c) => (c.resourceRequirements = requirements(1, 2048, 1)));
    expect(check(fargateGpu, r)).toMatchObject([{ rule: 'BATCH_FARGATE_GPU', address: 'aws_batch_job_definition.job' }]);
  });

  it('passes a Fargate job without GPU', () => {
    expect(check(fargateGpu, fargateStack())).toEqual([]);
  });
});

describe('BATCH_JOB_LEGACY_VCPUS_MEMORY', () => {
  it('reports top-level vcpus and memory', () => {
    const r = ec2Stack();
    editContainer(r, (c) => {
      delete c.resourceRequirements;
      c.vcpus = 1;
      c.memory = 2048;
    });
    expect(check(jobLegacyVcpusMemory, r)[0]!.message).toBe('container_properties sets top-level vcpus and memory instead of resourceRequirements');
  });

  it('reads them from an HCL jsonencode() call', () => {
    const r = ec2Stack();
    job(r).container_properties = '${jsonencode({\n    image = "${aws_ecr_repository.app.repository_url}:latest"\n    vcpus = 1\n    memory = 2048\n  })}';
    expect(check(jobLegacyVcpusMemory, r)).toHaveLength(1);
  });

  it('passes resourceRequirements', () => {
    expect(check(jobLegacyVcpusMemory, ec2Stack())).toEqual([]);
  });
});

describe('BATCH_JOB_UNKNOWN_CONTAINER_KEYS', () => {
  it('reports misspelled keys the provider would drop', () => {
    const r = ec2Stack();
    editContainer(r, (c) => {
      c.resourceRequirement = c.resourceRequirements;
      delete c.resourceRequirements;
      c.logConfig = { logDriver: 'awslogs' };
    });
    expect(check(jobUnknownContainerKeys, r)[0]!.message).toBe(
      'container_properties has keys AWS Batch does not know: resourceRequirement (did you mean resourceRequirements?), logConfig (did you mean logConfiguration?)',
    );
  });

  it('reads keys as the provider does, ignoring case (Go encoding/json): logconfiguration is logConfiguration', () => {
    const r = ec2Stack();
    editContainer(r, (c) => {
      c.logconfiguration = { LOGDRIVER: 'syslog' };
      c.ResourceRequirements = c.resourceRequirements;
      delete c.resourceRequirements;
    });
    expect(check(jobUnknownContainerKeys, r)).toEqual([]);
    const model = new TerraformModel(tf(r));
    const [jd] = jobDefinitions(model);
    expect(jd!.container!['logConfiguration']).toEqual({ logDriver: 'syslog' });
    expect(jd!.needs).toMatchObject({ vcpus: 1, memoryMiB: 2048 });
  });

  it('passes API keys', () => {
    const r = ec2Stack();
    editContainer(r, (c) => {
      c.command = ['echo'];
      c.environment = [{ name: 'A', value: 'b' }];
      c.logConfiguration = { logDriver: 'awslogs' };
    });
    expect(check(jobUnknownContainerKeys, r)).toEqual([]);
  });
});

describe('BATCH_NAME_INVALID', () => {
  it('reports a queue or job definition name with other characters', () => {
    const r = ec2Stack();
    job(r).name = 'my job.v1';
    queue(r).name = 'x'.repeat(129);
    expect(check(nameInvalid, r).map((f) => f.address)).toEqual(['aws_batch_job_definition.job', 'aws_batch_job_queue.main']);
  });

  it('passes valid names and ignores unknown parts', () => {
    const r = ec2Stack();
    job(r).name = 'my-job_v1';
    queue(r).name = '${var.prefix}-queue';
    expect(check(nameInvalid, r)).toEqual([]);
  });

  it('reports an invalid character in the known part of a name with an unknown part', () => {
    const r = ec2Stack();
    queue(r).name = '${var.prefix}.queue';
    expect(check(nameInvalid, r).map((f) => f.message)).toEqual(['name "${var.prefix}.queue" contains characters other than letters, digits, hyphens or underscores']);
  });
});

describe('job definition to queue hint', () => {
  it('checks a hinted job definition against its queue only', () => {
    // GIVEN a small and a large queue, and a big job hinted to the small one
    const r = ec2Stack();
    r.aws_batch_compute_environment!.big = JSON.parse(JSON.stringify(r.aws_batch_compute_environment!.ec2));
    r.aws_batch_compute_environment!.big!.compute_resources.max_vcpus = 256;
    r.aws_batch_job_queue!.big = { name: 'big', priority: 1, compute_environment_order: [{ order: 1, compute_environment: ref('aws_batch_compute_environment.big', 'arn') }] };
    computeResources(r).max_vcpus = 4;
    editContainer(r, (c) => (c.resourceRequirements = requirements(16, 32768)));
    // WHEN unhinted, THEN the big queue could run it
    expect(check(jobVcpuAboveMaxVcpus, r)).toEqual([]);
    // WHEN hinted to the small queue, THEN it never runs
    job(r)['//'] = { queue: 'aws_batch_job_queue.main' };
    expect(check(jobVcpuAboveMaxVcpus, r)[0]!.message).toContain('it can never run on its queue aws_batch_job_queue.main');
  });
});

// Terraform that plans cleanly and then fails at apply, on the next apply, or
// when a job starts (was rules-fails-after-plan.test.ts): a failing and a passing case each.

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
