import { describe, expect, it } from 'vitest';
import { ceBidPercentage } from '../../../src/doctor/rules/compute-environments/bid-percentage';
import { ceCustomAmi } from '../../../src/doctor/rules/compute-environments/custom-ami';
import { ceFixedNameCreateBeforeDestroy } from '../../../src/doctor/rules/compute-environments/fixed-name-create-before-destroy';
import { ceInstanceRoleNotProfile } from '../../../src/doctor/rules/compute-environments/instance-role-not-profile';
import { ceInstanceRolePolicy } from '../../../src/doctor/rules/compute-environments/instance-role-policy';
import { ceMinAboveMax } from '../../../src/doctor/rules/compute-environments/min-above-max';
import { ceMixedArchitectures } from '../../../src/doctor/rules/compute-environments/mixed-architectures';
import { ceNoCreateBeforeDestroy } from '../../../src/doctor/rules/compute-environments/no-create-before-destroy';
import { ceReplacedOnEdit } from '../../../src/doctor/rules/compute-environments/replaced-on-edit';
import { ceLaunchTemplateVersion } from '../../../src/doctor/rules/compute-environments/launch-template-version';
import { ceServiceRoleDestroyOrder } from '../../../src/doctor/rules/compute-environments/service-role-destroy-order';
import { ceServiceRolePolicy } from '../../../src/doctor/rules/compute-environments/service-role-policy';
import { ceSpotFleetRole } from '../../../src/doctor/rules/compute-environments/spot-fleet-role';
import { ceDesiredVcpusDrift } from '../../../src/doctor/rules/compute-environments/desired-vcpus-drift';
import { ceFargateUpdatePolicy } from '../../../src/doctor/rules/compute-environments/fargate-update-policy';
import { ce, check, computeResources, ec2Stack, ECS_INSTANCE_POLICY, fargateStack, ref, type Resources } from '../helpers';

/** A custom service role with its policy attachment, used by the CE. */
function withServiceRole(r: Resources): Resources {
  r.aws_iam_role!.service = { name: 'batch-service', assume_role_policy: '{}' };
  r.aws_iam_role_policy_attachment!.service = { role: ref('aws_iam_role.service', 'name'), policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole' };
  ce(r).service_role = ref('aws_iam_role.service', 'arn');
  return r;
}

describe('BATCH_CE_MIN_ABOVE_MAX', () => {
  it('reports min_vcpus above max_vcpus', () => {
    const r = ec2Stack();
    computeResources(r).min_vcpus = 128;
    expect(check(ceMinAboveMax, r)).toMatchObject([{ severity: 'error', message: 'min_vcpus (128) is greater than max_vcpus (64)' }]);
  });

  it('passes min_vcpus up to max_vcpus', () => {
    const r = ec2Stack();
    computeResources(r).min_vcpus = 64;
    expect(check(ceMinAboveMax, r)).toEqual([]);
  });
});

describe('BATCH_CE_FIXED_NAME_CREATE_BEFORE_DESTROY', () => {
  it('reports a fixed name with create_before_destroy', () => {
    const r = ec2Stack();
    delete ce(r).compute_environment_name_prefix;
    ce(r).compute_environment_name = 'sample';
    expect(check(ceFixedNameCreateBeforeDestroy, r)).toMatchObject([{ severity: 'error', address: 'aws_batch_compute_environment.ec2', constructPath: 'dev/compute/ec2' }]);
  });

  it('reads the HCL block shape (a list of one object)', () => {
    const r = ec2Stack();
    ce(r).compute_environment_name = 'sample';
    ce(r).lifecycle = [{ create_before_destroy: true }];
    expect(check(ceFixedNameCreateBeforeDestroy, r)).toHaveLength(1);
  });

  it('passes a name prefix', () => {
    expect(check(ceFixedNameCreateBeforeDestroy, ec2Stack())).toEqual([]);
  });
});

describe('BATCH_CE_NO_CREATE_BEFORE_DESTROY', () => {
  it('reports a compute environment without create_before_destroy', () => {
    const r = ec2Stack();
    delete ce(r).lifecycle;
    expect(check(ceNoCreateBeforeDestroy, r)).toMatchObject([{ severity: 'warning' }]);
  });

  it('passes with create_before_destroy', () => {
    expect(check(ceNoCreateBeforeDestroy, ec2Stack())).toEqual([]);
  });
});

describe('BATCH_CE_REPLACED_ON_EDIT', () => {
  it('reports BEST_FIT, also when it is the unset default', () => {
    const r = ec2Stack();
    delete computeResources(r).allocation_strategy;
    expect(check(ceReplacedOnEdit, r)[0]!.message).toContain('allocation_strategy BEST_FIT (the default)');
  });

  it('reports a custom service role', () => {
    const r = withServiceRole(ec2Stack());
    expect(check(ceReplacedOnEdit, r)[0]!.message).toContain('a custom service_role');
  });

  it('passes BEST_FIT_PROGRESSIVE with the service-linked role', () => {
    expect(check(ceReplacedOnEdit, ec2Stack())).toEqual([]);
  });
});

describe('BATCH_CE_LAUNCH_TEMPLATE_VERSION', () => {
  it('reports a BEST_FIT environment following latest_version without replace_triggered_by', () => {
    const r = ec2Stack();
    computeResources(r).allocation_strategy = 'BEST_FIT';
    const [f] = check(ceLaunchTemplateVersion, r);
    expect(f!.severity).toBe('error');
    expect(f!.fix).toBe('Add lifecycle { replace_triggered_by = [aws_launch_template.compute] } to aws_batch_compute_environment.ec2, or make it updatable (no service_role; BEST_FIT_PROGRESSIVE or SPOT_CAPACITY_OPTIMIZED).');
  });

  it('reports a custom service role too', () => {
    expect(check(ceLaunchTemplateVersion, withServiceRole(ec2Stack()))).toHaveLength(1);
  });

  it('passes with replace_triggered_by on the template (as cdktf writes it)', () => {
    const r = withServiceRole(ec2Stack());
    ce(r).lifecycle = { create_before_destroy: true, replace_triggered_by: ['aws_launch_template.compute'] };
    expect(check(ceLaunchTemplateVersion, r)).toEqual([]);
  });

  it('passes an updatable environment, and a fixed version', () => {
    expect(check(ceLaunchTemplateVersion, ec2Stack())).toEqual([]);
    const r = withServiceRole(ec2Stack());
    (computeResources(r).launch_template as Record<string, unknown>).version = '3';
    expect(check(ceLaunchTemplateVersion, r)).toEqual([]);
  });
});

describe('BATCH_CE_SERVICE_ROLE_DESTROY_ORDER', () => {
  it('reports a compute environment depending on the role only', () => {
    const r = withServiceRole(ec2Stack());
    ce(r).depends_on = ['${aws_iam_role.service}'];
    const [f] = check(ceServiceRoleDestroyOrder, r);
    expect(f!.severity).toBe('error');
    expect(f!.fix).toBe('Add depends_on = [aws_iam_role_policy_attachment.service] to aws_batch_compute_environment.ec2, or drop service_role.');
  });

  it('passes when depends_on lists the policy attachment (cdktf writes plain addresses)', () => {
    const r = withServiceRole(ec2Stack());
    ce(r).depends_on = ['aws_iam_role_policy_attachment.service'];
    expect(check(ceServiceRoleDestroyOrder, r)).toEqual([]);
  });

  it('does not apply to a service role outside the configuration', () => {
    const r = ec2Stack();
    ce(r).service_role = 'arn:aws:iam::123456789012:role/batch';
    expect(check(ceServiceRoleDestroyOrder, r)).toEqual([]);
  });
});

describe('BATCH_CE_INSTANCE_ROLE_NOT_PROFILE', () => {
  it('reports a role ARN given as instance_role', () => {
    const r = ec2Stack();
    computeResources(r).instance_role = ref('aws_iam_role.instance', 'arn');
    expect(check(ceInstanceRoleNotProfile, r)[0]!.message).toBe('instance_role is the IAM role aws_iam_role.instance, not an instance profile');
  });

  it('reports a literal role ARN', () => {
    const r = ec2Stack();
    computeResources(r).instance_role = 'arn:aws:iam::123456789012:role/ecsInstanceRole';
    expect(check(ceInstanceRoleNotProfile, r)).toHaveLength(1);
  });

  it('passes an instance profile', () => {
    expect(check(ceInstanceRoleNotProfile, ec2Stack())).toEqual([]);
  });
});

describe('BATCH_CE_INSTANCE_ROLE_POLICY', () => {
  it("reports a profile whose role lacks AmazonEC2ContainerServiceforEC2Role", () => {
    const r = ec2Stack();
    r.aws_iam_role_policy_attachment!.instance!.policy_arn = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';
    expect(check(ceInstanceRolePolicy, r)[0]!.message).toContain('role aws_iam_role.instance, which has no AmazonEC2ContainerServiceforEC2Role attachment');
  });

  it('passes with the policy, given by attachment or managed_policy_arns', () => {
    expect(check(ceInstanceRolePolicy, ec2Stack())).toEqual([]);
    const r = ec2Stack();
    delete r.aws_iam_role_policy_attachment!.instance;
    r.aws_iam_role!.instance!.managed_policy_arns = [ECS_INSTANCE_POLICY];
    expect(check(ceInstanceRolePolicy, r)).toEqual([]);
  });

  it('does not apply when a policy ARN is an expression', () => {
    const r = ec2Stack();
    r.aws_iam_role_policy_attachment!.instance!.policy_arn = '${data.aws_iam_policy.ecs.arn}';
    expect(check(ceInstanceRolePolicy, r)).toEqual([]);
  });
});

describe('BATCH_CE_SPOT_FLEET_ROLE', () => {
  it('reports SPOT with BEST_FIT and no fleet role', () => {
    const r = ec2Stack();
    computeResources(r).type = 'SPOT';
    computeResources(r).allocation_strategy = 'BEST_FIT';
    expect(check(ceSpotFleetRole, r)).toHaveLength(1);
  });

  it('passes SPOT_CAPACITY_OPTIMIZED', () => {
    const r = ec2Stack();
    computeResources(r).type = 'SPOT';
    computeResources(r).allocation_strategy = 'SPOT_CAPACITY_OPTIMIZED';
    expect(check(ceSpotFleetRole, r)).toEqual([]);
  });
});

describe('BATCH_CE_BID_PERCENTAGE', () => {
  it('reports a bid percentage above 100', () => {
    const r = ec2Stack();
    computeResources(r).bid_percentage = 120;
    expect(check(ceBidPercentage, r)[0]!.message).toBe('bid_percentage 120 is outside 0-100');
  });

  it('passes 60', () => {
    const r = ec2Stack();
    computeResources(r).bid_percentage = 60;
    expect(check(ceBidPercentage, r)).toEqual([]);
  });
});

describe('BATCH_CE_MIXED_ARCHITECTURES', () => {
  it('reports x86_64 and Graviton types together', () => {
    const r = ec2Stack();
    computeResources(r).instance_type = ['m5', 'm6g.large'];
    expect(check(ceMixedArchitectures, r)[0]!.message).toBe('instance_type mixes x86_64 (m5) and arm64 (m6g.large)');
  });

  it('passes one architecture, GPU families included', () => {
    const r = ec2Stack();
    computeResources(r).instance_type = ['default_x86_64', 'g4dn', 'p4d.24xlarge'];
    expect(check(ceMixedArchitectures, r)).toEqual([]);
  });
});

describe('BATCH_CE_SERVICE_ROLE_POLICY', () => {
  it('reports a custom service role without AWSBatchServiceRole', () => {
    const r = withServiceRole(ec2Stack());
    r.aws_iam_role_policy_attachment!.service!.policy_arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    expect(check(ceServiceRolePolicy, r)[0]!.message).toBe('service_role aws_iam_role.service has no AWSBatchServiceRole attachment');
  });

  it('passes a role with the policy, and the service-linked role', () => {
    expect(check(ceServiceRolePolicy, withServiceRole(ec2Stack()))).toEqual([]);
    expect(check(ceServiceRolePolicy, ec2Stack())).toEqual([]);
  });
});

describe('BATCH_CE_CUSTOM_AMI', () => {
  it("reports a launch template's image_id", () => {
    const r = ec2Stack();
    r.aws_launch_template = { compute: { image_id: 'ami-0123456789abcdef0' } };
    computeResources(r).launch_template = { launch_template_id: ref('aws_launch_template.compute'), version: ref('aws_launch_template.compute', 'latest_version') };
    expect(check(ceCustomAmi, r)[0]!.message).toContain('(aws_launch_template.compute.image_id)');
  });

  it('reports image_id_override', () => {
    const r = ec2Stack();
    computeResources(r).ec2_configuration = [{ image_type: 'ECS_AL2023', image_id_override: 'ami-0123456789abcdef0' }];
    expect(check(ceCustomAmi, r)).toHaveLength(1);
  });

  it('passes a launch template without image_id (e.g. for IMDSv2 only)', () => {
    const r = ec2Stack();
    r.aws_launch_template = { compute: { metadata_options: { http_tokens: 'required' } } };
    computeResources(r).launch_template = { launch_template_id: ref('aws_launch_template.compute') };
    expect(check(ceCustomAmi, r)).toEqual([]);
  });
});

// Terraform that plans cleanly and then fails at apply, on the next apply, or
// when a job starts (was rules-fails-after-plan.test.ts): a failing and a passing case each.

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
