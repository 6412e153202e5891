/**
 * stateFromPlan on hand-written plan JSON (no terraform needed): what fills
 * an unknown value, which resources are kept, what is recorded for destroy.
 */
import { describe, expect, it } from 'vitest';
import type { PlanJson } from '../../../src/plan-review/plan-json.js';
import { placeholder, zeroValue } from '../../../test-support/terraform/placeholders.js';
import { stateFromPlan, transitiveDependencies } from '../../../test-support/terraform/prior-state.js';
import type { ResourceSchemas } from '../../../test-support/terraform/schema.js';

const schemas: ResourceSchemas = {
  aws_vpc: { version: 1, block: { attributes: { id: { type: 'string', computed: true }, arn: { type: 'string', computed: true }, cidr_block: { type: 'string', optional: true } } } },
  aws_security_group: {
    version: 1,
    block: {
      attributes: {
        id: { type: 'string', computed: true },
        vpc_id: { type: 'string', optional: true },
        egress: { type: ['set', ['object', { description: 'string', prefix_list_ids: ['list', 'string'] }]], optional: true, computed: true },
      },
    },
  },
  aws_batch_compute_environment: {
    version: 0,
    block: {
      attributes: {
        id: { type: 'string', computed: true },
        arn: { type: 'string', computed: true },
        compute_environment_name: { type: 'string', computed: true, optional: true },
        compute_environment_name_prefix: { type: 'string', optional: true },
        service_role: { type: 'string', computed: true, optional: true },
      },
      block_types: {
        compute_resources: {
          nesting_mode: 'list',
          block: { attributes: { security_group_ids: { type: ['set', 'string'], optional: true }, desired_vcpus: { type: 'number', computed: true, optional: true } } },
        },
      },
    },
  },
};

const create = (type: string, name: string, after: object, afterUnknown: object) => ({
  address: `${type}.${name}`,
  mode: 'managed' as const,
  type,
  name,
  provider_name: 'registry.terraform.io/hashicorp/aws',
  change: { actions: ['create' as const], before: null, after: after as Record<string, unknown>, after_unknown: afterUnknown },
});

const plan: PlanJson = {
  format_version: '1.2',
  terraform_version: '1.11.4',
  resource_changes: [
    create('aws_batch_compute_environment', 'ec2', { compute_environment_name_prefix: 'x-ec2-', compute_resources: [{}] }, {
      id: true, arn: true, compute_environment_name: true, service_role: true, compute_resources: [{ security_group_ids: true, desired_vcpus: true }],
    }),
    create('aws_security_group', 'batch', { egress: [{ description: 'to s3' }, { description: 'to vpc', prefix_list_ids: [] }] }, {
      id: true, vpc_id: true, egress: [{ prefix_list_ids: true }, { prefix_list_ids: [] }],
    }),
    create('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' }, { id: true, arn: true }),
    { ...create('aws_vpc', 'old', {}, {}), change: { actions: ['delete'], before: {}, after: null } },
  ],
  configuration: {
    root_module: {
      resources: [
        {
          address: 'aws_batch_compute_environment.ec2', mode: 'managed', type: 'aws_batch_compute_environment', name: 'ec2', provider_config_key: 'aws',
          expressions: { compute_resources: [{ security_group_ids: { constant_value: ['${aws_security_group.batch.id}'], references: ['aws_security_group.batch.id', 'aws_security_group.batch'] } }] },
        },
        {
          address: 'aws_security_group.batch', mode: 'managed', type: 'aws_security_group', name: 'batch', provider_config_key: 'aws',
          expressions: {
            vpc_id: { constant_value: '${aws_vpc.main.id}', references: ['aws_vpc.main.id', 'aws_vpc.main'] },
            egress: {
              // Written in the other order than the plan's set order: matched by the literal description.
              constant_value: [{ description: 'to vpc', prefix_list_ids: [] }, { description: 'to s3', prefix_list_ids: ['${aws_vpc.main.arn}'] }],
              references: ['aws_vpc.main.arn', 'aws_vpc.main'],
            },
          },
        },
        { address: 'aws_vpc.main', mode: 'managed', type: 'aws_vpc', name: 'main', provider_config_key: 'aws', expressions: {} },
      ],
    },
  },
};

const state = stateFromPlan(plan, { schemas, region: 'eu-west-1', accountId: '210987654321', createBeforeDestroy: new Set(['aws_batch_compute_environment.ec2']) });
const attributes = (type: string) => state.resources.find((r) => r.type === type)!.instances[0]!;

describe('stateFromPlan', () => {
  it('keeps what the plan keeps: no deleted resources, one instance each, sorted, with the provider', () => {
    expect(state.resources.map((r) => `${r.type}.${r.name}`)).toEqual(['aws_batch_compute_environment.ec2', 'aws_security_group.batch', 'aws_vpc.main']);
    expect(state.resources.every((r) => r.provider === 'provider["registry.terraform.io/hashicorp/aws"]')).toBe(true);
    expect(state).toMatchObject({ version: 4, terraform_version: '1.11.4', serial: 1 });
  });

  it('resolves references to values made in the same state, so ids agree across resources', () => {
    const vpc = attributes('aws_vpc').attributes;
    expect(vpc.id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(vpc.arn).toBe(`arn:aws:ec2:eu-west-1:210987654321:vpc/${vpc.id}`);
    const sg = attributes('aws_security_group').attributes;
    expect(sg.vpc_id).toBe(vpc.id);
    expect(sg.egress).toEqual([
      { description: 'to s3', prefix_list_ids: [vpc.arn] },
      { description: 'to vpc', prefix_list_ids: [] },
    ]);
    expect(attributes('aws_batch_compute_environment').attributes.compute_resources).toEqual([{ security_group_ids: [sg.id], desired_vcpus: 0 }]);
  });

  it('gives a compute environment what Batch returns: a prefixed name, its ARN, the service-linked role', () => {
    const ce = attributes('aws_batch_compute_environment').attributes;
    expect(ce.compute_environment_name).toMatch(/^x-ec2-\d{26}$/);
    expect(ce.id).toBe(ce.compute_environment_name);
    expect(ce.arn).toBe(`arn:aws:batch:eu-west-1:210987654321:compute-environment/${ce.compute_environment_name}`);
    expect(ce.service_role).toBe('arn:aws:iam::210987654321:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch');
  });

  it('records dependencies (transitive) and create_before_destroy as apply would', () => {
    expect(attributes('aws_batch_compute_environment')).toMatchObject({
      dependencies: ['aws_security_group.batch', 'aws_vpc.main'],
      create_before_destroy: true,
    });
    expect(attributes('aws_vpc').dependencies).toBeUndefined();
  });

  it('computes transitive dependencies through chains', () => {
    const direct = new Map([['a', ['b']], ['b', ['c']], ['c', []]]);
    expect(transitiveDependencies(direct).get('a')).toEqual(['b', 'c']);
  });
});

describe('placeholders', () => {
  const ctx = { region: 'us-east-1', accountId: '111122223333', address: 'aws_batch_job_definition.hello', type: 'aws_batch_job_definition', values: { name: 'app-hello' } };

  it('shapes job definition ARNs with and without the revision', () => {
    expect(placeholder(ctx, ['arn'], 'string')).toBe('arn:aws:batch:us-east-1:111122223333:job-definition/app-hello:1');
    expect(placeholder(ctx, ['arn_prefix'], 'string')).toBe('arn:aws:batch:us-east-1:111122223333:job-definition/app-hello');
    expect(placeholder(ctx, ['revision'], 'number')).toBe(1);
  });

  it('is deterministic per address', () => {
    const subnet = { ...ctx, address: 'aws_subnet.a', type: 'aws_subnet', values: {} };
    expect(placeholder(subnet, ['id'], 'string')).toBe(placeholder(subnet, ['id'], 'string'));
    expect(placeholder(subnet, ['id'], 'string')).not.toBe(placeholder({ ...subnet, address: 'aws_subnet.b' }, ['id'], 'string'));
  });

  it('falls back to the zero value of the type', () => {
    expect(zeroValue(['list', 'string'])).toEqual([]);
    expect(zeroValue(['object', { a: 'number', b: ['map', 'string'] }])).toEqual({ a: 0, b: {} });
  });
});
