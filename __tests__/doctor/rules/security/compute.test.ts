/** Security rules on instances and the network: launch templates, security groups, public IPs. */
import { describe, expect, it } from 'vitest';
import { secEbsUnencrypted } from '../../../../src/doctor/rules/security/ebs-unencrypted';
import { secEgressWide } from '../../../../src/doctor/rules/security/egress-wide';
import { secFargatePublicIp } from '../../../../src/doctor/rules/security/fargate-public-ip';
import { secImdsv2 } from '../../../../src/doctor/rules/security/imdsv2';
import { secNoLaunchTemplate } from '../../../../src/doctor/rules/security/no-launch-template';
import { secRootVolumeUnmapped } from '../../../../src/doctor/rules/security/root-volume-unmapped';
import { secSgIngress } from '../../../../src/doctor/rules/security/sg-ingress';
import { secSgIngressOpen } from '../../../../src/doctor/rules/security/sg-ingress-open';
import { secSubnetPublicIp } from '../../../../src/doctor/rules/security/subnet-public-ip';
import { check, computeResources, ec2Stack, editContainer, endpointsOnly, fargateStack, ref, type Body, type Resources } from '../../helpers';

const template = (r: Resources): Body => r.aws_launch_template!.compute!;

describe('BATCH_SEC_IMDSV2', () => {
  it('reports a Batch launch template with http_tokens "optional"', () => {
    // GIVEN
    const r = ec2Stack();
    template(r).metadata_options.http_tokens = 'optional';
    // WHEN
    const findings = check(secImdsv2, r);
    // THEN
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'BATCH_SEC_IMDSV2',
        severity: 'error',
        address: 'aws_launch_template.compute',
        message: 'metadata_options.http_tokens is "optional", so instances of aws_batch_compute_environment.ec2 answer IMDSv1 requests',
      }),
    ]);
  });

  it('reports a template without metadata_options, named by its literal name', () => {
    const r = ec2Stack();
    delete template(r).metadata_options;
    computeResources(r).launch_template = { launch_template_name: 'compute', version: '$Latest' };
    expect(check(secImdsv2, r)[0]!.message).toBe('metadata_options.http_tokens is not set, so instances of aws_batch_compute_environment.ec2 answer IMDSv1 requests');
  });

  it('passes http_tokens "required", and IMDS switched off', () => {
    expect(check(secImdsv2, ec2Stack())).toEqual([]);
    const off = ec2Stack();
    template(off).metadata_options = { http_endpoint: 'disabled' };
    expect(check(secImdsv2, off)).toEqual([]);
  });

  it('does not apply to templates no compute environment uses, or to http_tokens from a variable', () => {
    const unused = ec2Stack();
    delete computeResources(unused).launch_template;
    delete template(unused).metadata_options;
    expect(check(secImdsv2, unused)).toEqual([]);
    const variable = ec2Stack();
    template(variable).metadata_options.http_tokens = '${var.http_tokens}';
    expect(check(secImdsv2, variable)).toEqual([]);
  });
});

describe('BATCH_SEC_EBS_UNENCRYPTED', () => {
  it('reports a block device mapping without encrypted (the provider default is false)', () => {
    const r = ec2Stack();
    template(r).block_device_mappings = [{ device_name: '/dev/xvda', ebs: { volume_type: 'gp3' } }, { device_name: '/dev/xvdb', ebs: { encrypted: false } }];
    const [f, ...rest] = check(secEbsUnencrypted, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', address: 'aws_launch_template.compute' });
    expect(f!.message).toBe('block_device_mappings /dev/xvda, /dev/xvdb set no ebs.encrypted = true, so the volumes are created unencrypted');
  });

  it('passes encrypted volumes, volumes from a snapshot, and accounts encrypting EBS by default', () => {
    expect(check(secEbsUnencrypted, ec2Stack())).toEqual([]);
    const snapshot = ec2Stack();
    template(snapshot).block_device_mappings = [{ device_name: '/dev/xvdb', ebs: { snapshot_id: 'snap-0123456789abcdef0' } }];
    expect(check(secEbsUnencrypted, snapshot)).toEqual([]);
    const byDefault = ec2Stack();
    template(byDefault).block_device_mappings = [{ device_name: '/dev/xvda', ebs: {} }];
    byDefault.aws_ebs_encryption_by_default = { this: { enabled: true } };
    expect(check(secEbsUnencrypted, byDefault)).toEqual([]);
  });
});

describe('BATCH_SEC_ROOT_VOLUME_UNMAPPED', () => {
  it('reports a Batch launch template that maps no EBS volume', () => {
    const r = ec2Stack();
    delete template(r).block_device_mappings;
    const [f, ...rest] = check(secRootVolumeUnmapped, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', address: 'aws_launch_template.compute' });
    expect(f!.message).toContain('root volume of aws_batch_compute_environment.ec2 instances is created from the AMI unencrypted');
  });

  it('passes a mapped root volume, and an account that encrypts EBS by default', () => {
    expect(check(secRootVolumeUnmapped, ec2Stack())).toEqual([]);
    const r = ec2Stack();
    delete template(r).block_device_mappings;
    r.aws_ebs_encryption_by_default = { this: {} };
    expect(check(secRootVolumeUnmapped, r)).toEqual([]);
  });
});

describe('BATCH_SEC_NO_LAUNCH_TEMPLATE', () => {
  it('reports an EC2 compute environment without a launch template', () => {
    const r = ec2Stack();
    delete computeResources(r).launch_template;
    const [f, ...rest] = check(secNoLaunchTemplate, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', address: 'aws_batch_compute_environment.ec2' });
    expect(f!.message).toBe(
      'EC2 compute environment has no launch_template: instances allow IMDSv1 unless the AMI requires IMDSv2, and the root volume is encrypted only if the account encrypts EBS by default',
    );
  });

  it('passes a launch template (ours or one outside the configuration), and Fargate', () => {
    expect(check(secNoLaunchTemplate, ec2Stack())).toEqual([]);
    const external = ec2Stack();
    computeResources(external).launch_template = { launch_template_id: 'lt-0123456789abcdef0' };
    expect(check(secNoLaunchTemplate, external)).toEqual([]);
    expect(check(secNoLaunchTemplate, fargateStack())).toEqual([]);
  });
});

describe('BATCH_SEC_SG_INGRESS_OPEN', () => {
  it('reports ingress from anywhere, inline and as rule resources, on a compute environment security group', () => {
    const r = ec2Stack();
    r.aws_security_group!.batch!.ingress = [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }];
    r.aws_vpc_security_group_ingress_rule = { v6: { security_group_id: ref('aws_security_group.batch'), ip_protocol: '-1', cidr_ipv6: '::/0' } };
    r.aws_security_group_rule = { ssh: { type: 'ingress', security_group_id: ref('aws_security_group.batch'), protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] } };
    const findings = check(secSgIngressOpen, r);
    expect(findings.map((f) => [f.severity, f.address])).toEqual([
      ['error', 'aws_security_group.batch'],
      ['error', 'aws_security_group_rule.ssh'],
      ['error', 'aws_vpc_security_group_ingress_rule.v6'],
    ]);
    expect(findings[0]!.message).toBe('aws_security_group.batch has inline ingress open to the internet (tcp 22 from 0.0.0.0/0); the group is used by aws_batch_compute_environment.ec2');
    expect(findings[2]!.message).toBe('aws_vpc_security_group_ingress_rule.v6 adds ingress to aws_security_group.batch open to the internet (all traffic from ::/0); the group is used by aws_batch_compute_environment.ec2');
  });

  it('reports a group once, naming every open port, however many inline ingress blocks it has', () => {
    const r = ec2Stack();
    r.aws_security_group!.batch!.ingress = [
      { from_port: 0, to_port: 0, protocol: '-1', self: true },
      ...[80, 443, 22].map((port) => ({ from_port: port, to_port: port, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: ['::/0'] })),
    ];
    const findings = check(secSgIngressOpen, r);
    expect(findings.map((f) => f.message)).toEqual([
      'aws_security_group.batch has inline ingress open to the internet (tcp 80 from 0.0.0.0/0, ::/0; tcp 443 from 0.0.0.0/0, ::/0; tcp 22 from 0.0.0.0/0, ::/0); the group is used by aws_batch_compute_environment.ec2',
    ]);
    expect(check(secSgIngress, r).map((f) => f.message)).toEqual(['aws_security_group.batch has inline ingress (all traffic); the group is used by aws_batch_compute_environment.ec2']);
  });

  it('passes no ingress, and ingress on groups no compute environment uses (the endpoints group)', () => {
    expect(check(secSgIngressOpen, ec2Stack())).toEqual([]);
    const r = endpointsOnly(ec2Stack());
    r.aws_security_group!.endpoints!.ingress[0].cidr_blocks = ['0.0.0.0/0'];
    expect(check(secSgIngressOpen, r)).toEqual([]);
  });
});

describe('BATCH_SEC_SG_INGRESS', () => {
  it('reports other ingress on a compute environment security group, and not the open kind again', () => {
    const r = ec2Stack();
    r.aws_security_group!.batch!.ingress = [{ from_port: 0, to_port: 0, protocol: '-1', self: true }];
    r.aws_security_group_rule = {
      bastion: { type: 'ingress', security_group_id: ref('aws_security_group.batch'), protocol: 'tcp', from_port: 22, to_port: 22, source_security_group_id: 'sg-0bastion' },
      open: { type: 'ingress', security_group_id: ref('aws_security_group.batch'), protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] },
    };
    const findings = check(secSgIngress, r);
    expect(findings.map((f) => [f.severity, f.address])).toEqual([
      ['warning', 'aws_security_group.batch'],
      ['warning', 'aws_security_group_rule.bastion'],
    ]);
  });

  it('passes groups without ingress, and egress rules', () => {
    const r = ec2Stack();
    r.aws_security_group_rule = { out: { type: 'egress', security_group_id: ref('aws_security_group.batch'), protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'] } };
    expect(check(secSgIngress, r)).toEqual([]);
  });
});

describe('BATCH_SEC_EGRESS_WIDE', () => {
  it('reports egress to 0.0.0.0/0 from endpoint-only subnets', () => {
    const r = endpointsOnly(ec2Stack());
    r.aws_security_group!.batch!.egress.push({ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] });
    const [f, ...rest] = check(secEgressWide, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', address: 'aws_security_group.batch' });
    expect(f!.message).toBe(
      'egress to 0.0.0.0/0 in aws_security_group.batch (inline), but the subnets of aws_batch_compute_environment.ec2 have no NAT or internet gateway route',
    );
  });

  it('passes egress to the VPC and S3 only, and 0.0.0.0/0 where NAT needs it', () => {
    expect(check(secEgressWide, endpointsOnly(ec2Stack()))).toEqual([]);
    expect(check(secEgressWide, ec2Stack())).toEqual([]);
  });

  it('does not apply to a subnet with neither routes nor endpoints (the network rules report that)', () => {
    const r = ec2Stack();
    r.aws_route_table!.private!.route = [];
    expect(check(secEgressWide, r)).toEqual([]);
  });
});

describe('BATCH_SEC_SUBNET_PUBLIC_IP', () => {
  it('reports public IPs on launch in a subnet routed through NAT', () => {
    const r = ec2Stack();
    r.aws_subnet!.private!.map_public_ip_on_launch = true;
    const [f, ...rest] = check(secSubnetPublicIp, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', address: 'aws_batch_compute_environment.ec2' });
    expect(f!.message).toBe(
      'instances get public IPs from map_public_ip_on_launch in subnets without an internet gateway route: aws_subnet.private (route table aws_route_table.private routes 0.0.0.0/0 to a NAT gateway)',
    );
  });

  it('passes public IPs in a public subnet, and Fargate (assignPublicIp decides there)', () => {
    const pub = ec2Stack();
    computeResources(pub).subnets = [ref('aws_subnet.public')];
    expect(check(secSubnetPublicIp, pub)).toEqual([]);
    const fargate = fargateStack();
    fargate.aws_subnet!.private!.map_public_ip_on_launch = true;
    expect(check(secSubnetPublicIp, fargate)).toEqual([]);
  });
});

describe('BATCH_SEC_FARGATE_PUBLIC_IP', () => {
  it('reports assignPublicIp ENABLED in a subnet routed through NAT', () => {
    const r = fargateStack();
    editContainer(r, (c) => (c.networkConfiguration = { assignPublicIp: 'ENABLED' }));
    const [f, ...rest] = check(secFargatePublicIp, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', address: 'aws_batch_job_definition.job' });
    expect(f!.message).toBe('assignPublicIp is ENABLED, but aws_subnet.private route 0.0.0.0/0 through NAT or nowhere, not an internet gateway');
  });

  it('passes assignPublicIp ENABLED in a public subnet, and DISABLED anywhere', () => {
    const pub = fargateStack();
    computeResources(pub, 'fargate').subnets = [ref('aws_subnet.public')];
    editContainer(pub, (c) => (c.networkConfiguration = { assignPublicIp: 'ENABLED' }));
    expect(check(secFargatePublicIp, pub)).toEqual([]);
    const disabled = fargateStack();
    editContainer(disabled, (c) => (c.networkConfiguration = { assignPublicIp: 'DISABLED' }));
    expect(check(secFargatePublicIp, disabled)).toEqual([]);
  });
});
