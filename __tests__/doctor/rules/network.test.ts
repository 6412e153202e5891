import { describe, expect, it } from 'vitest';
import { fargatePublicIpDisabled } from '../../../src/doctor/rules/network/fargate-public-ip-disabled';
import { netNoEcsPath } from '../../../src/doctor/rules/network/no-ecs-path';
import { netNoImagePath } from '../../../src/doctor/rules/network/no-image-path';
import { netNoLogsPath } from '../../../src/doctor/rules/network/no-logs-path';
import { sgEgress } from '../../../src/doctor/rules/network/sg-egress';
import { vpcDnsForEndpoints } from '../../../src/doctor/rules/network/vpc-dns-for-endpoints';
import { netNatBeforeIgw } from '../../../src/doctor/rules/network/nat-before-igw';
import { check, computeResources, ec2Stack, editContainer, endpointsOnly, fargateStack, ref, type Resources } from '../helpers';

const ECR_IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1';

/** Take the NAT route away from the private subnet. */
function isolated(r: Resources): Resources {
  r.aws_route_table!.private!.route = [];
  return r;
}

describe('BATCH_NET_NO_ECS_PATH', () => {
  it('reports a private subnet with no NAT and no endpoints', () => {
    const [f, ...rest] = check(netNoEcsPath, isolated(ec2Stack()));
    expect(rest).toEqual([]);
    expect(f!.message).toBe(
      'instances cannot reach ECS from aws_subnet.private: route table aws_route_table.private has no NAT or internet gateway route; no endpoint for ecs, ecs-agent, ecs-telemetry',
    );
  });

  it('reports endpoints without private DNS (the provider default)', () => {
    const r = endpointsOnly(ec2Stack());
    delete r.aws_vpc_endpoint!['ecs-agent']!.private_dns_enabled;
    expect(check(netNoEcsPath, r)[0]!.message).toContain('no endpoint for ecs-agent');
  });

  it('reports a public subnet without public IPs', () => {
    const r = ec2Stack();
    computeResources(r).subnets = [ref('aws_subnet.public')];
    r.aws_subnet!.public!.map_public_ip_on_launch = false;
    expect(check(netNoEcsPath, r)[0]!.message).toContain('instances get no public IP');
  });

  it('passes NAT, public IP + internet gateway, and ECS endpoints', () => {
    expect(check(netNoEcsPath, ec2Stack())).toEqual([]);
    const pub = ec2Stack();
    computeResources(pub).subnets = [ref('aws_subnet.public')];
    expect(check(netNoEcsPath, pub)).toEqual([]);
    expect(check(netNoEcsPath, endpointsOnly(ec2Stack()))).toEqual([]);
  });

  it('passes a NAT route given as an aws_route resource', () => {
    const r = isolated(ec2Stack());
    r.aws_route = { nat: { route_table_id: ref('aws_route_table.private'), destination_cidr_block: '0.0.0.0/0', nat_gateway_id: ref('aws_nat_gateway.main') } };
    expect(check(netNoEcsPath, r)).toEqual([]);
  });

  it('does not apply through a transit gateway, or to subnets outside the configuration', () => {
    const tgw = isolated(ec2Stack());
    tgw.aws_route_table!.private!.route = [{ cidr_block: '0.0.0.0/0', transit_gateway_id: 'tgw-123' }];
    expect(check(netNoEcsPath, tgw)).toEqual([]);
    const external = isolated(ec2Stack());
    computeResources(external).subnets = '${var.subnet_ids}';
    expect(check(netNoEcsPath, external)).toEqual([]);
  });

  it('does not apply when endpoints are created with for_each over service names', () => {
    const r = isolated(ec2Stack());
    r.aws_vpc_endpoint = { all: { for_each: '${toset(var.services)}', vpc_id: ref('aws_vpc.main'), service_name: 'com.amazonaws.eu-west-1.${each.key}', vpc_endpoint_type: 'Interface', private_dns_enabled: true } };
    expect(check(netNoEcsPath, r)).toEqual([]);
  });
});

describe('BATCH_NET_NO_IMAGE_PATH', () => {
  it('reports an ECR image without ecr.api, ecr.dkr and s3 endpoints', () => {
    const r = endpointsOnly(ec2Stack(), ['ecs', 'ecs-agent', 'ecs-telemetry', 'logs']);
    delete r.aws_vpc_endpoint!.s3;
    editContainer(r, (c) => (c.image = ECR_IMAGE));
    expect(check(netNoImagePath, r)[0]!.message).toBe(
      `cannot pull image ${ECR_IMAGE} from aws_subnet.private (aws_batch_compute_environment.ec2): route table aws_route_table.private has no NAT or internet gateway route; no endpoint for ecr.api, ecr.dkr, s3`,
    );
  });

  it('reports an s3 gateway endpoint not attached to the subnet route table', () => {
    const r = endpointsOnly(ec2Stack());
    r.aws_vpc_endpoint!.s3!.route_table_ids = [ref('aws_route_table.public')];
    editContainer(r, (c) => (c.image = ECR_IMAGE));
    expect(check(netNoImagePath, r)[0]!.message).toContain('no endpoint for s3');
  });

  it('reports a public registry image in a subnet with endpoints only', () => {
    const r = endpointsOnly(ec2Stack());
    expect(check(netNoImagePath, r)).toHaveLength(1);
  });

  it('passes ECR through endpoints, and any image through NAT', () => {
    const r = endpointsOnly(ec2Stack());
    editContainer(r, (c) => (c.image = '${aws_ecr_repository.app.repository_url}:latest'));
    expect(check(netNoImagePath, r)).toEqual([]);
    expect(check(netNoImagePath, ec2Stack())).toEqual([]);
  });
});

describe('BATCH_NET_NO_LOGS_PATH', () => {
  it('reports awslogs (the default driver) without a logs endpoint or NAT', () => {
    const r = endpointsOnly(ec2Stack(), ['ecs', 'ecs-agent', 'ecs-telemetry', 'ecr.api', 'ecr.dkr']);
    editContainer(r, (c) => (c.image = ECR_IMAGE));
    expect(check(netNoLogsPath, r)[0]!.message).toContain('the awslogs driver cannot reach CloudWatch Logs from aws_subnet.private');
  });

  it('passes another log driver, or a logs endpoint', () => {
    const r = endpointsOnly(ec2Stack(), ['ecs', 'ecs-agent', 'ecs-telemetry', 'ecr.api', 'ecr.dkr']);
    editContainer(r, (c) => (c.logConfiguration = { logDriver: 'json-file' }));
    expect(check(netNoLogsPath, r)).toEqual([]);
    expect(check(netNoLogsPath, endpointsOnly(ec2Stack()))).toEqual([]);
  });
});

describe('BATCH_FARGATE_PUBLIC_IP_DISABLED', () => {
  /** Fargate in the public subnet (internet gateway only). */
  function publicFargate(): Resources {
    const r = fargateStack();
    computeResources(r, 'fargate').subnets = [ref('aws_subnet.public')];
    return r;
  }

  it('reports a Fargate job in an internet-gateway subnet with assignPublicIp DISABLED (the default)', () => {
    const r = publicFargate();
    const findings = check(fargatePublicIpDisabled, r);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('assignPublicIp is DISABLED');
    // reported once, not again as image and logs problems
    expect(check(netNoImagePath, r)).toEqual([]);
    expect(check(netNoLogsPath, r)).toEqual([]);
  });

  it('passes assignPublicIp ENABLED', () => {
    const r = publicFargate();
    editContainer(r, (c) => (c.networkConfiguration = { assignPublicIp: 'ENABLED' }));
    expect(check(fargatePublicIpDisabled, r)).toEqual([]);
  });
});

describe('BATCH_VPC_DNS_FOR_ENDPOINTS', () => {
  it('reports private-DNS endpoints in a VPC without DNS hostnames (the aws_vpc default)', () => {
    const r = endpointsOnly(ec2Stack());
    delete r.aws_vpc!.main!.enable_dns_hostnames;
    expect(check(vpcDnsForEndpoints, r)[0]!.message).toMatch(/^enable_dns_hostnames off, but aws_vpc_endpoint\.ecr_api, /);
  });

  it('passes a VPC with DNS support and hostnames', () => {
    expect(check(vpcDnsForEndpoints, endpointsOnly(ec2Stack()))).toEqual([]);
  });
});

describe('BATCH_SG_EGRESS', () => {
  it('reports a security group with no egress (Terraform strips the default rule)', () => {
    const r = ec2Stack();
    r.aws_security_group!.batch!.egress = [];
    expect(check(sgEgress, r)[0]!.message).toBe(
      'security groups aws_security_group.batch allow no egress on 443 to 0.0.0.0/0 (AWS service endpoints through NAT / internet gateway)',
    );
  });

  it('reports egress to the VPC only, missing the S3 prefix list', () => {
    const r = endpointsOnly(ec2Stack());
    r.aws_security_group!.batch!.egress = [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'] }];
    expect(check(sgEgress, r)[0]!.message).toContain('the S3 prefix list (aws_vpc_endpoint.s3)');
  });

  it('passes egress given as aws_vpc_security_group_egress_rule resources', () => {
    const r = endpointsOnly(ec2Stack());
    r.aws_security_group!.batch!.egress = [];
    r.aws_vpc_security_group_egress_rule = {
      endpoints: { security_group_id: ref('aws_security_group.batch'), ip_protocol: 'tcp', from_port: 443, to_port: 443, referenced_security_group_id: ref('aws_security_group.endpoints') },
      s3: { security_group_id: ref('aws_security_group.batch'), ip_protocol: 'tcp', from_port: 443, to_port: 443, prefix_list_id: ref('aws_vpc_endpoint.s3', 'prefix_list_id') },
    };
    expect(check(sgEgress, r)).toEqual([]);
  });

  it('passes egress to the endpoints only when a NAT route exists too (private DNS wins)', () => {
    const r = endpointsOnly(ec2Stack());
    r.aws_route_table!.private!.route = ec2Stack().aws_route_table!.private!.route;
    expect(check(sgEgress, r)).toEqual([]);
  });

  it('passes all egress, and does not apply to a security group outside the configuration', () => {
    expect(check(sgEgress, ec2Stack())).toEqual([]);
    const r = ec2Stack();
    r.aws_security_group!.batch!.egress = [];
    computeResources(r).security_group_ids = ['sg-0123456789abcdef0'];
    expect(check(sgEgress, r)).toEqual([]);
  });
});

// Terraform that plans cleanly and then fails at apply, on the next apply, or
// when a job starts (was rules-fails-after-plan.test.ts): a failing and a passing case each.

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
