/**
 * Rules on what a compute environment's instances are launched with: launch
 * template user data, the root volume against the AMI's snapshot, and a
 * cluster placement group against the subnets' availability zones.
 */
import { describe, expect, it } from 'vitest';
import { mimeUserData } from '../../../src/aws/user-data';
import { ceClusterPlacementMultiAz } from '../../../src/doctor/rules/compute-environments/cluster-placement-multi-az';
import { ceRootVolumeBelowSnapshot } from '../../../src/doctor/rules/compute-environments/root-volume-below-snapshot';
import { collectingSkipped } from '../../../src/doctor/engine/finding';
import { TerraformModel } from '../../../src/doctor/terraform/model';
import { ceUserDataNotMime } from '../../../src/doctor/rules/compute-environments/user-data-not-mime';
import { doctorReport, runDoctor } from '../../../src/doctor/index';
import { baseConfig, synth } from '../../support/synth';
import { check, computeResources, ec2Stack, ref, tf, type Resources } from '../helpers';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const template = (r: Resources) => r.aws_launch_template!.compute!;

describe('BATCH_CE_USER_DATA_NOT_MIME', () => {
  const withUserData = (userData: unknown): Resources => {
    const r = ec2Stack();
    template(r).user_data = userData;
    return r;
  };

  it('reports plain shell, base64-encoded: Batch marks the compute environment INVALID', () => {
    expect(check(ceUserDataNotMime, withUserData(base64('#!/bin/bash\nmkdir /scratch\n')))).toEqual([
      expect.objectContaining({
        rule: 'BATCH_CE_USER_DATA_NOT_MIME',
        severity: 'error',
        address: 'aws_launch_template.compute',
        message:
          'user_data (used by aws_batch_compute_environment.ec2), base64-decoded, does not start with MIME headers (first line: "#!/bin/bash"): it is not a MIME multi-part archive, so Batch marks the compute environment INVALID and launches no instance',
      }),
    ]);
  });

  it('reports a MIME archive with a blank line before its headers (aws-cdk#6427)', () => {
    expect(check(ceUserDataNotMime, withUserData(base64(`\n${mimeUserData('#!/bin/bash\n')}`)))[0]!.message).toContain('starts with a blank line, so it has no MIME headers');
  });

  it('reports MIME that is not multipart; lists one without its closing boundary as not judged', () => {
    expect(check(ceUserDataNotMime, withUserData(base64('Content-Type: text/x-shellscript\n\n#!/bin/bash\n')))[0]!.message).toContain('is not multipart/mixed (Content-Type: text/x-shellscript)');
    const unclosed = mimeUserData('#!/bin/bash\n').replace('--==BATCHCDKTF==--', '');
    expect(collectingSkipped(() => ceUserDataNotMime.check(new TerraformModel(tf(withUserData(base64(unclosed))))))).toEqual({
      result: [],
      skipped: [{ rule: 'BATCH_CE_USER_DATA_NOT_MIME', address: 'aws_launch_template.compute', reason: expect.stringContaining('without its closing boundary line') }],
    });
  });

  it('reports user data that is not base64 at all: EC2 refuses it at apply', () => {
    const [f] = check(ceUserDataNotMime, withUserData(mimeUserData('#!/bin/bash\n')));
    expect(f!.message).toMatch(/^user_data \(used by aws_batch_compute_environment\.ec2\) is not base64-encoded \(it starts "MIME-Version: 1\.0\\nContent-Type: multipar"\); EC2 refuses it at apply \(InvalidUserData\.Malformed\)$/);
    expect(f!.fix).toContain('base64encode(');
  });

  it('passes a base64 MIME multi-part archive, AWS\'s own example layout included', () => {
    expect(check(ceUserDataNotMime, withUserData(base64(mimeUserData('#!/bin/bash\necho hi\n'))))).toEqual([]);
    const aws = ['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="==MYBOUNDARY=="', '', '--==MYBOUNDARY==', 'Content-Type: text/x-shellscript; charset="us-ascii"', '', '#!/bin/bash', 'echo "Hello World"', '', '--==MYBOUNDARY==--', ''].join('\r\n');
    expect(check(ceUserDataNotMime, withUserData(base64(aws)))).toEqual([]);
  });

  it('does not judge an expression, nor a template no compute environment uses', () => {
    expect(check(ceUserDataNotMime, withUserData('${base64encode(var.script)}'))).toEqual([]);
    const r = withUserData(base64('#!/bin/bash\n'));
    delete computeResources(r).launch_template;
    expect(check(ceUserDataNotMime, r)).toEqual([]);
  });

  it("passes the stack's own user data (the doctor runs on every synth)", () => {
    const s = synth(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', userData: '#!/bin/bash\nmkdir -p /scratch' } } }));
    expect(runDoctor(JSON.parse(s.json)).filter((f) => f.rule === 'BATCH_CE_USER_DATA_NOT_MIME')).toEqual([]);
  });
});

describe('BATCH_CE_CLUSTER_PLACEMENT_MULTI_AZ', () => {
  /** Two private subnets, in the given zones, and a placement group of the given strategy on the compute environment. */
  const withGroup = (zones: [string, string], strategy = 'cluster'): Resources => {
    const r = ec2Stack();
    r.aws_subnet!.private!.availability_zone = zones[0];
    r.aws_subnet!.private2 = { vpc_id: ref('aws_vpc.main'), cidr_block: '10.0.2.0/24', availability_zone: zones[1] };
    r.aws_route_table_association!.private2 = { subnet_id: ref('aws_subnet.private2'), route_table_id: ref('aws_route_table.private') };
    r.aws_placement_group = { mnp: { name: 'mnp', strategy } };
    computeResources(r).subnets = [ref('aws_subnet.private'), ref('aws_subnet.private2')];
    computeResources(r).placement_group = ref('aws_placement_group.mnp', 'name');
    return r;
  };

  it('reports a cluster placement group over subnets in two availability zones', () => {
    expect(check(ceClusterPlacementMultiAz, withGroup(['eu-west-1a', 'eu-west-1b']))).toEqual([
      expect.objectContaining({
        severity: 'error',
        address: 'aws_batch_compute_environment.ec2',
        message: 'launches into cluster placement group aws_placement_group.mnp, but its subnets are in 2 availability zones: eu-west-1a (aws_subnet.private), eu-west-1b (aws_subnet.private2)',
      }),
    ]);
  });

  it('finds the group by a literal name too, and compares zone ids', () => {
    const r = withGroup(['eu-west-1a', 'eu-west-1b']);
    computeResources(r).placement_group = 'mnp';
    expect(check(ceClusterPlacementMultiAz, r)).toHaveLength(1);
    for (const s of ['private', 'private2']) delete r.aws_subnet![s]!.availability_zone;
    r.aws_subnet!.private!.availability_zone_id = 'euw1-az1';
    r.aws_subnet!.private2!.availability_zone_id = 'euw1-az2';
    expect(check(ceClusterPlacementMultiAz, r)[0]!.message).toContain('zone id euw1-az1 (aws_subnet.private), zone id euw1-az2 (aws_subnet.private2)');
  });

  it('passes one availability zone, a spread group, and subnets whose zones it cannot see', () => {
    expect(check(ceClusterPlacementMultiAz, withGroup(['eu-west-1a', 'eu-west-1a']))).toEqual([]);
    expect(check(ceClusterPlacementMultiAz, withGroup(['eu-west-1a', 'eu-west-1b'], 'spread'))).toEqual([]);
    const literal = withGroup(['eu-west-1a', 'eu-west-1b']);
    computeResources(literal).subnets = ['subnet-0a', 'subnet-0b'];
    expect(check(ceClusterPlacementMultiAz, literal)).toEqual([]);
  });

  it("passes the stack's own placement group, pinned to one zone by the config", () => {
    const s = synth(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', placementGroup: 'cluster', availabilityZones: ['ap-northeast-1a'] } } }));
    expect(runDoctor(JSON.parse(s.json)).filter((f) => f.rule === 'BATCH_CE_CLUSTER_PLACEMENT_MULTI_AZ')).toEqual([]);
    // The same stack with the compute environment over all three zones is what the config refuses.
    const spread = JSON.parse(s.json);
    spread.resource.aws_batch_compute_environment.ondemand.compute_resources.subnets = ['ap-northeast-1a', 'ap-northeast-1c'].map((az) => `\${aws_subnet.private_${az}.id}`);
    expect(runDoctor(spread).filter((f) => f.rule === 'BATCH_CE_CLUSTER_PLACEMENT_MULTI_AZ')).toHaveLength(1);
  });
});

describe('BATCH_CE_ROOT_VOLUME_BELOW_SNAPSHOT', () => {
  const withSize = (size: unknown, ec2Configuration?: unknown): Resources => {
    const r = ec2Stack();
    template(r).block_device_mappings[0].ebs.volume_size = size;
    if (ec2Configuration !== undefined) computeResources(r).ec2_configuration = ec2Configuration;
    return r;
  };
  const both = (r: Resources) => check(ceRootVolumeBelowSnapshot, r);
  /** The rule's findings and the checks it reported as skipped. */
  const judged = (r: Resources) => collectingSkipped(() => ceRootVolumeBelowSnapshot.check(new TerraformModel(tf(r))));

  it("reports a root volume below the ECS-optimized AMI's 30 GiB snapshot", () => {
    expect(both(withSize(20, [{ image_type: 'ECS_AL2023' }]))).toEqual([
      expect.objectContaining({
        rule: 'BATCH_CE_ROOT_VOLUME_BELOW_SNAPSHOT',
        severity: 'error',
        address: 'aws_launch_template.compute',
        message: 'maps the root volume /dev/xvda at 20 GiB, but aws_batch_compute_environment.ec2 boots the ECS-optimized AMI, whose root snapshot is 30 GiB',
        fix: "Set volume_size of the /dev/xvda mapping to at least 30, or leave it out to keep the AMI's size.",
      }),
    ]);
    // No ec2_configuration: Batch's default image type, an ECS-optimized AMI too.
    expect(both(withSize('8')).map((f) => f.rule)).toEqual(['BATCH_CE_ROOT_VOLUME_BELOW_SNAPSHOT']);
  });

  it('passes 30 GiB and more, no size at all, and a volume from a snapshot of its own', () => {
    expect(both(withSize(30, [{ image_type: 'ECS_AL2023' }, { image_type: 'ECS_AL2023_NVIDIA' }]))).toEqual([]);
    expect(both(withSize(undefined))).toEqual([]);
    const fromSnapshot = withSize(8);
    template(fromSnapshot).block_device_mappings[0].ebs.snapshot_id = 'snap-0123456789abcdef0';
    expect(both(fromSnapshot)).toEqual([]);
  });

  it('lists the check as skipped when the AMI is a custom one or the size is unknown, instead of passing', () => {
    expect(judged(withSize(20, [{ image_type: 'ECS_AL2023', image_id_override: 'ami-0123456789abcdef0' }]))).toEqual({
      result: [],
      skipped: [
        {
          rule: 'BATCH_CE_ROOT_VOLUME_BELOW_SNAPSHOT',
          address: 'aws_launch_template.compute',
          reason:
            'the root snapshot size of the AMI aws_batch_compute_environment.ec2 boots (a custom AMI from ec2_configuration.image_id_override) is not in the configuration, so 20 GiB could not be checked against it',
        },
      ],
    });
    expect(judged(withSize(500, [{ image_type: '${var.image_type}' }])).skipped.map((s) => s.rule)).toEqual(['BATCH_CE_ROOT_VOLUME_BELOW_SNAPSHOT']);
    expect(judged(withSize('${var.root_size}')).skipped).toEqual([
      { rule: 'BATCH_CE_ROOT_VOLUME_BELOW_SNAPSHOT', address: 'aws_launch_template.compute', reason: expect.stringContaining('volume_size ') },
    ]);
    // Batch's own AMI and a literal size: judged, nothing skipped.
    expect(judged(withSize(30)).skipped).toEqual([]);
  });

  it("judges the stack's own root volumes: checked with Batch's AMI, listed as skipped with imageId", () => {
    const findings = (ce: Record<string, unknown>) =>
      runDoctor(JSON.parse(synth(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', ...ce } as never } })).json))
        .filter((f) => f.rule.startsWith('BATCH_CE_ROOT_VOLUME_'))
        .map((f) => `${f.rule} ${f.address}`);
    expect(findings({ rootVolume: { sizeGiB: 500 } })).toEqual([]);
    expect(findings({ rootVolume: { sizeGiB: 500 }, imageId: 'ami-0123456789abcdef0' })).toEqual([]);
    const custom = JSON.parse(synth(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', rootVolume: { sizeGiB: 500 }, imageId: 'ami-0123456789abcdef0' } as never } })).json);
    expect(doctorReport(custom).skipped.filter((s) => s.rule === 'BATCH_CE_ROOT_VOLUME_BELOW_SNAPSHOT').map((s) => s.address)).toEqual(['aws_launch_template.compute_ondemand']);
  });
});
