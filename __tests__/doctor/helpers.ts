/**
 * Small builders for Terraform JSON fixtures, in the shape cdktf writes
 * (blocks as objects or lists of objects, references as `${type.name.attr}`).
 * `ec2Stack()` and `fargateStack()` are clean: the doctor finds nothing in
 * them. Each test breaks one thing.
 */
import { TerraformModel } from '../../src/doctor/terraform/model';
import type { Finding, Rule, TerraformJson } from '../../src/doctor/index';

/* eslint-disable @typescript-eslint/no-explicit-any -- fixtures are edited freely in tests */
export type Body = Record<string, any>;
export type Resources = Record<string, Record<string, Body>>;

export const ref = (address: string, attr = 'id'): string => `\${${address}.${attr}}`;

export const ECS_INSTANCE_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role';

/** container_properties as cdktf writes it: a JSON string. */
export function container(props: Body): string {
  return JSON.stringify(props);
}

export function requirements(vcpus: number | string, memory: number | string, gpus?: number): Body[] {
  return [
    { type: 'VCPU', value: String(vcpus) },
    { type: 'MEMORY', value: String(memory) },
    ...(gpus !== undefined ? [{ type: 'GPU', value: String(gpus) }] : []),
  ];
}

/** VPC with DNS, a private subnet routed through NAT, a public subnet with an internet gateway. */
export function network(): Resources {
  return {
    aws_vpc: { main: { cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true } },
    aws_subnet: {
      private: { vpc_id: ref('aws_vpc.main'), cidr_block: '10.0.1.0/24' },
      public: { vpc_id: ref('aws_vpc.main'), cidr_block: '10.0.0.0/24', map_public_ip_on_launch: true },
    },
    aws_internet_gateway: { main: { vpc_id: ref('aws_vpc.main') } },
    aws_eip: { nat: { domain: 'vpc', depends_on: ['aws_internet_gateway.main'] } },
    aws_nat_gateway: { main: { subnet_id: ref('aws_subnet.public'), allocation_id: ref('aws_eip.nat'), depends_on: ['aws_internet_gateway.main'] } },
    aws_route_table: {
      private: { vpc_id: ref('aws_vpc.main'), route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: ref('aws_nat_gateway.main') }] },
      public: { vpc_id: ref('aws_vpc.main'), route: [{ cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway.main') }] },
    },
    aws_route_table_association: {
      private: { subnet_id: ref('aws_subnet.private'), route_table_id: ref('aws_route_table.private') },
      public: { subnet_id: ref('aws_subnet.public'), route_table_id: ref('aws_route_table.public') },
    },
    aws_security_group: {
      batch: { vpc_id: ref('aws_vpc.main'), egress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] },
    },
  };
}

/** An EC2 compute environment done right (IMDSv2, encrypted root volume), its queue and one job definition. */
export function ec2Stack(): Resources {
  return merge(network(), {
    aws_launch_template: {
      compute: {
        name: 'compute',
        metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 2 },
        block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', volume_type: 'gp3' } }],
      },
    },
    aws_iam_role: { instance: { name: 'instance', assume_role_policy: '{}' } },
    aws_iam_role_policy_attachment: { instance: { role: ref('aws_iam_role.instance', 'name'), policy_arn: ECS_INSTANCE_POLICY } },
    aws_iam_instance_profile: { instance: { role: ref('aws_iam_role.instance', 'name') } },
    aws_batch_compute_environment: {
      ec2: {
        compute_environment_name_prefix: 'ec2-',
        type: 'MANAGED',
        compute_resources: {
          type: 'EC2',
          allocation_strategy: 'BEST_FIT_PROGRESSIVE',
          instance_type: ['m5'],
          max_vcpus: 64,
          min_vcpus: 0,
          subnets: [ref('aws_subnet.private')],
          security_group_ids: [ref('aws_security_group.batch')],
          instance_role: ref('aws_iam_instance_profile.instance', 'arn'),
          launch_template: { launch_template_id: ref('aws_launch_template.compute'), version: ref('aws_launch_template.compute', 'latest_version') },
        },
        lifecycle: { create_before_destroy: true },
        '//': { metadata: { path: 'dev/compute/ec2', uniqueId: 'ec2' } },
      },
    },
    aws_batch_job_queue: {
      main: { name: 'main', priority: 1, state: 'ENABLED', compute_environment_order: [{ order: 1, compute_environment: ref('aws_batch_compute_environment.ec2', 'arn') }] },
    },
    aws_batch_job_definition: {
      job: {
        name: 'job',
        type: 'container',
        platform_capabilities: ['EC2'],
        container_properties: container({ image: 'public.ecr.aws/docker/library/busybox:1', resourceRequirements: requirements(1, 2048) }),
      },
    },
  });
}

/** A Fargate compute environment in the private subnet, its queue and one job definition. */
export function fargateStack(): Resources {
  return merge(network(), {
    aws_batch_compute_environment: {
      fargate: {
        compute_environment_name_prefix: 'fargate-',
        type: 'MANAGED',
        compute_resources: { type: 'FARGATE', max_vcpus: 16, subnets: [ref('aws_subnet.private')], security_group_ids: [ref('aws_security_group.batch')] },
        lifecycle: { create_before_destroy: true },
      },
    },
    aws_batch_job_queue: {
      fargate: { name: 'fargate', priority: 1, state: 'ENABLED', compute_environment_order: [{ order: 1, compute_environment: ref('aws_batch_compute_environment.fargate', 'arn') }] },
    },
    aws_batch_job_definition: {
      job: {
        name: 'fargate-job',
        type: 'container',
        platform_capabilities: ['FARGATE'],
        container_properties: container({
          image: 'public.ecr.aws/docker/library/busybox:1',
          resourceRequirements: requirements(1, 2048),
          executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
        }),
      },
    },
  });
}

/** Replace the private subnet's NAT route with VPC endpoints for every service jobs need. */
export function endpointsOnly(r: Resources, services = ['ecs', 'ecs-agent', 'ecs-telemetry', 'ecr.api', 'ecr.dkr', 'logs']): Resources {
  r.aws_route_table!.private!.route = [];
  r.aws_security_group!.endpoints = { vpc_id: ref('aws_vpc.main'), ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'] }] };
  r.aws_vpc_endpoint = {};
  for (const s of services) {
    r.aws_vpc_endpoint[s.replace('.', '_')] = {
      vpc_id: ref('aws_vpc.main'),
      service_name: `com.amazonaws.\${var.region}.${s}`,
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: true,
      subnet_ids: [ref('aws_subnet.private')],
      security_group_ids: [ref('aws_security_group.endpoints')],
    };
  }
  r.aws_vpc_endpoint.s3 = { vpc_id: ref('aws_vpc.main'), service_name: 'com.amazonaws.eu-west-1.s3', route_table_ids: [ref('aws_route_table.private')] };
  r.aws_security_group!.batch!.egress = [
    { from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: [ref('aws_vpc.main', 'cidr_block')] },
    { from_port: 443, to_port: 443, protocol: 'tcp', prefix_list_ids: [ref('aws_vpc_endpoint.s3', 'prefix_list_id')] },
  ];
  return r;
}

export function merge(...parts: Resources[]): Resources {
  const out: Resources = {};
  for (const part of parts) for (const [type, byName] of Object.entries(part)) out[type] = { ...(out[type] ?? {}), ...byName };
  return out;
}

export function tf(resources: Resources): TerraformJson {
  return { resource: resources };
}

/** Run one rule on a fixture. */
export function check(rule: Rule, resources: Resources): Finding[] {
  return rule.check(new TerraformModel(tf(resources)));
}

export const ce = (r: Resources, name = 'ec2'): Body => r.aws_batch_compute_environment![name]!;
export const computeResources = (r: Resources, name = 'ec2'): Body => ce(r, name).compute_resources;
export const job = (r: Resources, name = 'job'): Body => r.aws_batch_job_definition![name]!;
export const queue = (r: Resources, name = 'main'): Body => r.aws_batch_job_queue![name]!;

/** Edit a job definition's container_properties. */
export function editContainer(r: Resources, edit: (props: Body) => void, name = 'job'): void {
  const props = JSON.parse(job(r, name).container_properties) as Body;
  edit(props);
  job(r, name).container_properties = container(props);
}
