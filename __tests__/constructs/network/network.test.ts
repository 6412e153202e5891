import { describe, expect, it } from 'vitest';
import { addresses, baseConfig, synth } from '../../support/synth';
import { runDoctor, type TerraformJson } from '../../../src/doctor/index';

const nat = (natGateways: 'perAz' | 'single') => baseConfig({ network: { mode: 'nat', natGateways }, availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] });

describe('endpoints mode (default)', () => {
  // GIVEN the default network
  const s = synth(baseConfig({ availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] }));

  it('creates a VPC with DNS support and hostnames (private DNS of endpoints needs both)', () => {
    expect(s.resource.aws_vpc!.batch).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
  });

  it('creates private subnets in each AZ, no public subnet, no internet or NAT gateway', () => {
    expect(s.resource.aws_subnet!['private_ap-northeast-1a']).toMatchObject({ availability_zone: 'ap-northeast-1a', cidr_block: '10.0.0.0/20', map_public_ip_on_launch: false });
    expect(s.resource.aws_subnet!['private_ap-northeast-1c']).toMatchObject({ cidr_block: '10.0.16.0/20' });
    expect(Object.keys(s.resource.aws_subnet!)).toHaveLength(2);
    expect(s.resource.aws_internet_gateway).toBeUndefined();
    expect(s.resource.aws_nat_gateway).toBeUndefined();
  });

  it('creates the interface endpoints ECS, ECR and logs need, with private DNS', () => {
    const endpoints = s.resource.aws_vpc_endpoint!;
    for (const [name, service] of [['ecs', 'ecs'], ['ecs-agent', 'ecs-agent'], ['ecs-telemetry', 'ecs-telemetry'], ['ecr_api', 'ecr.api'], ['ecr_dkr', 'ecr.dkr'], ['logs', 'logs']]) {
      expect(endpoints[name!]).toMatchObject({
        service_name: `com.amazonaws.ap-northeast-1.${service}`,
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        security_group_ids: ['${aws_security_group.endpoints.id}'],
      });
    }
    expect(endpoints.s3).toMatchObject({ vpc_endpoint_type: 'Gateway', route_table_ids: ['${aws_route_table.private.id}'] });
  });

  it('lets the endpoints accept HTTPS from the VPC only', () => {
    const sg = s.resource.aws_security_group!.endpoints!;
    expect(sg.ingress).toEqual([expect.objectContaining({ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'] })]);
    expect(sg.egress).toEqual([]);
  });

  it('gives the Batch security group no ingress and HTTPS egress to the VPC and the S3 prefix list only', () => {
    const sg = s.resource.aws_security_group!.batch!;
    expect(sg.ingress).toEqual([]);
    expect(sg.egress).toHaveLength(2);
    expect(sg.egress[0]).toMatchObject({ from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'], prefix_list_ids: [] });
    expect(sg.egress[1]).toMatchObject({ from_port: 443, to_port: 443, cidr_blocks: [], prefix_list_ids: ['${aws_vpc_endpoint.s3.prefix_list_id}'] });
    expect(JSON.stringify(sg)).not.toContain('0.0.0.0/0');
  });

  it('adds secretsmanager and ssm endpoints when jobs read secrets', () => {
    const withSecrets = synth(
      baseConfig({
        jobDefinitions: {
          hello: {
            queue: 'main',
            image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1',
            secrets: { A: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:a-AbCdEf', B: 'arn:aws:ssm:ap-northeast-1:123456789012:parameter/b' },
          },
        },
      }),
    );
    expect(withSecrets.resource.aws_vpc_endpoint!.secretsmanager).toMatchObject({ service_name: 'com.amazonaws.ap-northeast-1.secretsmanager' });
    expect(withSecrets.resource.aws_vpc_endpoint!.ssm).toMatchObject({ service_name: 'com.amazonaws.ap-northeast-1.ssm' });
  });
});

describe.each([
  ['perAz', 2],
  ['single', 1],
] as const)('nat mode, %s', (natGateways, count) => {
  const s = synth(nat(natGateways));

  it(`creates public subnets, an internet gateway and ${count} NAT gateway(s)`, () => {
    expect(Object.keys(s.resource.aws_nat_gateway!)).toHaveLength(count);
    expect(s.resource.aws_internet_gateway!.batch).toBeDefined();
    expect(s.resource.aws_subnet!['public_ap-northeast-1a']).toMatchObject({ cidr_block: '10.0.128.0/20', map_public_ip_on_launch: true });
    expect(s.resource.aws_route_table!.public!.route).toEqual([expect.objectContaining({ cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.batch.id}' })]);
  });

  it('creates the Elastic IPs and NAT gateways only after the internet gateway (a NAT gateway needs it attached)', () => {
    const ordered = [...Object.values(s.resource.aws_eip!), ...Object.values(s.resource.aws_nat_gateway!)];
    expect(ordered).toHaveLength(2 * count);
    for (const r of ordered) expect(r.depends_on).toEqual(['aws_internet_gateway.batch']);
    expect(runDoctor(JSON.parse(s.json) as TerraformJson).filter((f) => f.rule === 'BATCH_NET_NAT_BEFORE_IGW')).toEqual([]);
  });

  it('routes each private subnet through a NAT gateway', () => {
    const table = s.resource.aws_route_table!['private_ap-northeast-1c']!;
    const nat = natGateways === 'perAz' ? 'ap-northeast-1c' : 'ap-northeast-1a';
    expect(table.route).toEqual([expect.objectContaining({ cidr_block: '0.0.0.0/0', nat_gateway_id: `\${aws_nat_gateway.${nat}.id}` })]);
  });

  it('runs Batch in the private subnets, with HTTPS egress to anywhere and no ingress', () => {
    expect(s.resource.aws_batch_compute_environment!.ondemand!.compute_resources.subnets).toEqual(['${aws_subnet.private_ap-northeast-1a.id}', '${aws_subnet.private_ap-northeast-1c.id}']);
    expect(s.resource.aws_security_group!.batch).toMatchObject({ ingress: [], egress: [expect.objectContaining({ from_port: 443, cidr_blocks: ['0.0.0.0/0'] })] });
  });

  it('creates no interface endpoints', () => {
    expect(Object.keys(s.resource.aws_vpc_endpoint!)).toEqual(['s3']);
  });
});

describe('public mode', () => {
  const s = synth(
    baseConfig({
      network: { mode: 'public' },
      computeEnvironments: { fargate: { type: 'FARGATE' } },
      jobQueues: { main: { computeEnvironments: ['fargate'] } },
      jobDefinitions: { hello: { queue: 'main', image: 'busybox', vcpus: 0.25, memoryMiB: 512 } },
    }),
  );

  it('runs Batch in public subnets with public IPs, and no private subnet or NAT', () => {
    expect(Object.keys(s.resource.aws_subnet!).every((k) => k.startsWith('public_'))).toBe(true);
    expect(s.resource.aws_nat_gateway).toBeUndefined();
    expect(s.resource.aws_batch_compute_environment!.fargate!.compute_resources.subnets[0]).toBe('${aws_subnet.public_ap-northeast-1a.id}');
  });

  it('gives Fargate jobs a public IP', () => {
    const props = JSON.parse(s.resource.aws_batch_job_definition!.hello!.container_properties);
    expect(props.networkConfiguration).toEqual({ assignPublicIp: 'ENABLED' });
  });
});

describe('existing VPC', () => {
  const s = synth(baseConfig({ network: { mode: 'existing', subnetIds: ['subnet-0abc', 'subnet-0def'], securityGroupIds: ['sg-0123'] } }));

  it('creates nothing network-related and uses the given ids', () => {
    expect(addresses(s).filter((a) => /^aws_(vpc|subnet|route|security_group|internet_gateway|nat_gateway|eip)/.test(a))).toEqual([]);
    expect(s.resource.aws_batch_compute_environment!.ondemand!.compute_resources).toMatchObject({ subnets: ['subnet-0abc', 'subnet-0def'], security_group_ids: ['sg-0123'] });
  });
});
