import { describe, expect, it } from 'vitest';
import { decodeJsonAttribute } from '../../../src/doctor/terraform/encoded-json';
import { block, blocks, TerraformModel } from '../../../src/doctor/terraform/model';
import { dependsOnAddresses, refsIn, singleRef } from '../../../src/doctor/terraform/refs';
import type { TerraformJson } from '../../../src/doctor/index';

describe('references', () => {
  it('reads a single traversal, with index or splat', () => {
    expect(singleRef('${aws_subnet.a.id}')).toEqual({ type: 'aws_subnet', name: 'a', attr: 'id', indexed: false, address: 'aws_subnet.a', block: 'aws_subnet.a' });
    expect(singleRef('${aws_subnet.private[*].id}')).toEqual({ type: 'aws_subnet', name: 'private', attr: 'id', indexed: true, address: 'aws_subnet.private', block: 'aws_subnet.private' });
    expect(singleRef('${aws_subnet.private[0].id}')).toMatchObject({ address: 'aws_subnet.private[0]', block: 'aws_subnet.private' });
    expect(singleRef('${aws_subnet.private_ap-northeast-1a.id}')?.name).toBe('private_ap-northeast-1a');
    expect(singleRef('${aws_ecr_repository.app.repository_url}:latest')).toBeUndefined();
    expect(singleRef('subnet-123')).toBeUndefined();
  });

  it('finds every traversal inside templates and function calls, not attribute chains', () => {
    const refs = refsIn('${format("%s:%s", aws_ecr_repository.app.repository_url, var.tag)}-${data.aws_region.current.name}');
    expect(refs.map((r) => `${r.type}.${r.name}`)).toEqual(['aws_ecr_repository.app', 'var.tag', 'data.aws_region']);
  });

  it('reads depends_on written by cdktf and by hcl2json', () => {
    expect(dependsOnAddresses(['aws_iam_role.a', '${aws_iam_role_policy_attachment.b}'])).toEqual(['aws_iam_role.a', 'aws_iam_role_policy_attachment.b']);
  });
});

describe('TerraformModel', () => {
  // hcl2json writes each resource body as a one-element list, which TerraformJson's type does not spell out.
  const model = new TerraformModel({
    resource: {
      aws_subnet: { b: { vpc_id: '${aws_vpc.main.id}' }, a: [{ vpc_id: '${aws_vpc.main.id}', '//': { metadata: { path: 'dev/net/a' } } }] },
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
    },
  } as unknown as TerraformJson);

  it('indexes resources by type (sorted) and address, with construct paths', () => {
    expect(model.all('aws_subnet').map((r) => r.address)).toEqual(['aws_subnet.a', 'aws_subnet.b']);
    expect(model.get('aws_subnet.a')?.constructPath).toBe('dev/net/a');
    expect(model.get('aws_subnet.a')?.body['vpc_id']).toBe('${aws_vpc.main.id}');
  });

  it('resolves literals, resources, unknowns and absent values', () => {
    expect(model.resolve('10.0.0.0/16')).toEqual({ kind: 'literal', value: '10.0.0.0/16' });
    expect(model.resolve('${aws_vpc.main.id}')).toMatchObject({ kind: 'resource', attr: 'id', resource: { address: 'aws_vpc.main' } });
    expect(model.resolve('${aws_vpc.other.id}')).toEqual({ kind: 'unknown', reason: 'refers to aws_vpc.other, which is not in this configuration' });
    expect(model.resolve('${var.vpc_id}')).toEqual({ kind: 'unknown', reason: 'comes from var.vpc_id' });
    expect(model.resolve('${data.aws_vpc.main.id}')).toEqual({ kind: 'unknown', reason: 'comes from data.aws_vpc.main' });
    expect(model.resolve(undefined)).toEqual({ kind: 'absent' });
  });

  it('lists referrers through a reverse index', () => {
    expect(model.referrers('aws_subnet', 'vpc_id', model.get('aws_vpc.main')!).map((r) => r.address)).toEqual(['aws_subnet.a', 'aws_subnet.b']);
  });

  it('treats a whole-list expression as unknown, except a splat of one resource', () => {
    expect(model.resolveList('${var.subnets}')).toBeUndefined();
    expect(model.resolveList('${aws_subnet.a[*].id}')).toMatchObject([{ kind: 'resource', resource: { address: 'aws_subnet.a' } }]);
  });

  it('reads blocks as objects or one-element lists', () => {
    expect(block({ lifecycle: { create_before_destroy: true } }, 'lifecycle')).toEqual({ create_before_destroy: true });
    expect(block({ lifecycle: [{ create_before_destroy: true }] }, 'lifecycle')).toEqual({ create_before_destroy: true });
    expect(blocks({ egress: { from_port: 443 } }, 'egress')).toEqual([{ from_port: 443 }]);
    expect(blocks({ egress: '${var.rules}' }, 'egress')).toBeUndefined();
  });
});

describe('decodeJsonAttribute', () => {
  it('decodes cdktf JSON strings', () => {
    expect(decodeJsonAttribute('{"image":"${aws_ecr_repository.a.repository_url}:1","vcpus":1}')).toEqual({ image: '${aws_ecr_repository.a.repository_url}:1', vcpus: 1 });
  });

  it('decodes HCL jsonencode() objects with nested lists, objects, comments and expressions', () => {
    const hcl = `\${jsonencode({
      image   = "\${aws_ecr_repository.app.repository_url}:\${var.tag}"
      command = ["echo", "a \\"quoted\\" word"]
      "resourceRequirements" = [
        { type = "VCPU", value = "2" },
        { type = "MEMORY", value = tostring(var.memory) },
      ]
      # a comment
      logConfiguration = { logDriver: "awslogs" }
      privileged = false
      timeout = var.timeout * 60
    })}`;
    expect(decodeJsonAttribute(hcl)).toEqual({
      image: '${aws_ecr_repository.app.repository_url}:${var.tag}',
      command: ['echo', 'a "quoted" word'],
      resourceRequirements: [{ type: 'VCPU', value: '2' }, { type: 'MEMORY', value: '${tostring(var.memory)}' }],
      logConfiguration: { logDriver: 'awslogs' },
      privileged: false,
      timeout: '${var.timeout * 60}',
    });
  });

  it('returns undefined for what it cannot see', () => {
    expect(decodeJsonAttribute('${var.container_properties}')).toBeUndefined();
    expect(decodeJsonAttribute('${jsonencode(local.props)}')).toBeUndefined();
    expect(decodeJsonAttribute('${file("props.json")}')).toBeUndefined();
  });
});
