import { describe, expect, it } from 'vitest';
import { baseConfig, synth } from '../support/synth';

describe('EC2 compute environment', () => {
  const s = synth(baseConfig());
  const ce = s.resource.aws_batch_compute_environment!.ondemand!;

  it('uses a name prefix and create_before_destroy, never a fixed name', () => {
    expect(ce.compute_environment_name_prefix).toBe('unit-ondemand-');
    expect(ce.compute_environment_name).toBeUndefined();
    expect(ce.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ['compute_resources[0].desired_vcpus'] });
  });

  it('keeps edits in place: BEST_FIT_PROGRESSIVE, min 0, no desired_vcpus, an update policy', () => {
    expect(ce.compute_resources).toMatchObject({ type: 'EC2', allocation_strategy: 'BEST_FIT_PROGRESSIVE', min_vcpus: 0, max_vcpus: 16, instance_type: ['default_x86_64'] });
    expect(ce.compute_resources.desired_vcpus).toBeUndefined();
    expect(ce.update_policy).toEqual({ job_execution_timeout_minutes: 30, terminate_jobs_on_update: false });
  });

  it('runs the ECS AL2023 AMI through a launch template that requires IMDSv2 and encrypts the root volume', () => {
    expect(ce.compute_resources.ec2_configuration).toEqual([{ image_type: 'ECS_AL2023' }]);
    expect(ce.compute_resources.launch_template).toEqual({ launch_template_id: '${aws_launch_template.compute.id}', version: '${aws_launch_template.compute.latest_version}' });
    const lt = s.resource.aws_launch_template!.compute!;
    expect(lt.metadata_options).toMatchObject({ http_tokens: 'required', http_endpoint: 'enabled' });
    expect(lt.block_device_mappings).toEqual([{ device_name: '/dev/xvda', ebs: { encrypted: 'true', volume_type: 'gp3', delete_on_termination: 'true' } }]);
  });
});

describe.each([
  ['BEST_FIT', baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', allocationStrategy: 'BEST_FIT' } } })],
  ['a custom service role', baseConfig({ serviceRole: 'custom' })],
])('compute environment that is not updatable (%s)', (_, config) => {
  it('is replaced when its launch template changes, so plan and apply agree', () => {
    const ce = synth(config).resource.aws_batch_compute_environment!.ondemand!;
    expect(ce.lifecycle.replace_triggered_by).toEqual(['aws_launch_template.compute']);
    expect(ce.lifecycle.create_before_destroy).toBe(true);
  });
});

describe('updatable compute environment', () => {
  it('takes a new launch template version in place', () => {
    expect(synth(baseConfig()).resource.aws_batch_compute_environment!.ondemand!.lifecycle.replace_triggered_by).toBeUndefined();
  });
});

describe('SPOT compute environment', () => {
  it('defaults to SPOT_CAPACITY_OPTIMIZED and passes the bid percentage', () => {
    const s = synth(baseConfig({ computeEnvironments: { ondemand: { type: 'SPOT', bidPercentage: 60 } } }));
    expect(s.resource.aws_batch_compute_environment!.ondemand!.compute_resources).toMatchObject({ type: 'SPOT', allocation_strategy: 'SPOT_CAPACITY_OPTIMIZED', bid_percentage: 60 });
  });
});

describe('GPU instance types', () => {
  it('add the NVIDIA image type next to the plain one', () => {
    const s = synth(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', instanceTypes: ['g5.xlarge'] } } }));
    expect(s.resource.aws_batch_compute_environment!.ondemand!.compute_resources.ec2_configuration).toEqual([{ image_type: 'ECS_AL2023' }, { image_type: 'ECS_AL2023_NVIDIA' }]);
  });
});

describe('Fargate compute environment', () => {
  const s = synth(
    baseConfig({
      computeEnvironments: { fargate: { type: 'FARGATE_SPOT', maxVcpus: 8 } },
      jobQueues: { main: { computeEnvironments: ['fargate'] } },
      jobDefinitions: {},
    }),
  );

  it('has only type, max vCPUs, subnets and security groups, and no launch template', () => {
    const ce = s.resource.aws_batch_compute_environment!.fargate!;
    expect(Object.keys(ce.compute_resources).sort()).toEqual(['max_vcpus', 'security_group_ids', 'subnets', 'type']);
    expect(ce.compute_resources.type).toBe('FARGATE_SPOT');
    expect(ce.lifecycle).toEqual({ create_before_destroy: true });
    expect(s.resource.aws_launch_template).toBeUndefined();
  });

  it('has no update_policy: Batch refuses it on Fargate, and the provider would send it right after creating', () => {
    expect(s.resource.aws_batch_compute_environment!.fargate!.update_policy).toBeUndefined();
  });
});
