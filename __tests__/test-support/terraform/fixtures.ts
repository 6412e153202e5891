/**
 * Hand-written Terraform JSON shaped like cdktf output: a small AWS Batch
 * stack whose knobs are the ones that decide in-place versus replacement
 * (docs/aws-batch-facts.md#what-makes-a-compute-environment-updatable). Independent of BatchStack, so the harness is proven on its own.
 */
export interface FixtureOptions {
  readonly allocationStrategy?: 'BEST_FIT_PROGRESSIVE' | 'BEST_FIT';
  readonly instanceTypes?: string[];
  /** A service role the stack owns (with its policy attachment), instead of the service-linked role. */
  readonly customServiceRole?: boolean;
  /** With a custom service role: the CE depends_on the role's policy attachment. @default true */
  readonly dependOnServicePolicy?: boolean;
  /** Job definition image. */
  readonly image?: string;
}

const assumeRole = (service: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: service } }] });

export function batchFixture(options: FixtureOptions = {}): Record<string, unknown> {
  const custom = options.customServiceRole ?? false;
  return {
    terraform: {
      required_providers: { aws: { source: 'aws', version: '5.100.0' } },
      backend: { local: { path: 'terraform.fixture.tfstate' } },
    },
    provider: {
      aws: [{ region: 'eu-west-1', allowed_account_ids: ['210987654321'], default_tags: [{ tags: { ManagedBy: 'fixture' } }] }],
    },
    resource: {
      aws_iam_role: {
        instance: { name: 'fixture-instance', assume_role_policy: assumeRole('ec2.amazonaws.com') },
        ...(custom ? { service: { name: 'fixture-service', assume_role_policy: assumeRole('batch.amazonaws.com') } } : {}),
      },
      aws_iam_role_policy_attachment: {
        instance: {
          role: '${aws_iam_role.instance.name}',
          policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role',
        },
        ...(custom
          ? { service: { role: '${aws_iam_role.service.name}', policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole' } }
          : {}),
      },
      aws_iam_instance_profile: { instance: { name: 'fixture-instance', role: '${aws_iam_role.instance.name}' } },
      aws_batch_compute_environment: {
        ec2: {
          compute_environment_name_prefix: 'fixture-ec2-',
          type: 'MANAGED',
          ...(custom ? { service_role: '${aws_iam_role.service.arn}' } : {}),
          ...(custom && (options.dependOnServicePolicy ?? true) ? { depends_on: ['aws_iam_role_policy_attachment.service'] } : {}),
          compute_resources: {
            type: 'EC2',
            allocation_strategy: options.allocationStrategy ?? 'BEST_FIT_PROGRESSIVE',
            instance_type: options.instanceTypes ?? ['m6i.large'],
            instance_role: '${aws_iam_instance_profile.instance.arn}',
            max_vcpus: 16,
            min_vcpus: 0,
            subnets: ['subnet-0a1b2c3d4e5f60718'],
            security_group_ids: ['sg-0a1b2c3d4e5f60718'],
          },
          lifecycle: { create_before_destroy: true, ignore_changes: ['compute_resources[0].desired_vcpus'] },
        },
      },
      aws_batch_job_queue: {
        main: {
          name: 'fixture-main',
          priority: 1,
          state: 'ENABLED',
          compute_environment_order: [{ order: 0, compute_environment: '${aws_batch_compute_environment.ec2.arn}' }],
        },
      },
      aws_batch_job_definition: {
        hello: {
          name: 'fixture-hello',
          type: 'container',
          platform_capabilities: ['EC2'],
          container_properties: JSON.stringify({
            image: options.image ?? 'public.ecr.aws/docker/library/busybox:1.36',
            command: ['echo', 'hello'],
            resourceRequirements: [
              { type: 'VCPU', value: '1' },
              { type: 'MEMORY', value: '2048' },
            ],
          }),
        },
      },
    },
  };
}
