/**
 * Per compute environment settings (root volume, user data, AMI overrides,
 * instance tags, cluster placement group, own subnets): what the stack emits
 * for them, and that environments without them keep sharing one launch template.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMimeMultipart } from '../../src/aws/user-data';
import { runDoctor } from '../../src/doctor/index';
import { ROOT, baseConfig, synth } from '../support/synth';

const SCRATCH = [
  '#!/bin/bash',
  '# Mount the NVMe instance store at /scratch.',
  'set -euo pipefail',
  'mkdir -p /scratch',
  'disk=$(ls /dev/disk/by-id/nvme-Amazon_EC2_NVMe_Instance_Storage_* 2>/dev/null | head -n 1 || true)',
  'if [ -n "$disk" ]; then mkfs.xfs -f "$disk" && mount -o noatime "$disk" /scratch; fi',
];

const genomics = () =>
  synth(
    baseConfig({
      computeEnvironments: {
        ondemand: { type: 'EC2', maxVcpus: 16 },
        big: { type: 'SPOT', maxVcpus: 256, instanceTypes: ['m6id', 'c6id'], rootVolume: { sizeGiB: 500, iops: 6000, throughputMiBps: 500 }, userData: SCRATCH, instanceTags: { CostCenter: 'genomics', Project: 'wgs' } },
        mnp: { type: 'EC2', maxVcpus: 64, instanceTypes: ['c6i', 'g5'], imageId: 'ami-0123456789abcdef0', gpuImageId: 'ami-0fedcba9876543210', placementGroup: 'cluster', availabilityZones: ['ap-northeast-1c'] },
      },
      jobQueues: { main: { computeEnvironments: ['ondemand', 'big'] }, mnp: { computeEnvironments: ['mnp'] } },
    }),
  );

describe('launch templates', () => {
  const s = genomics();
  const templates = s.resource.aws_launch_template!;
  const ces = s.resource.aws_batch_compute_environment!;

  it('gives an environment with a root volume or user data a template of its own; the others share one', () => {
    expect(Object.keys(templates).sort()).toEqual(['compute', 'compute_big']);
    expect(ces.ondemand!.compute_resources.launch_template.launch_template_id).toBe('${aws_launch_template.compute.id}');
    expect(ces.mnp!.compute_resources.launch_template.launch_template_id).toBe('${aws_launch_template.compute.id}');
    expect(ces.big!.compute_resources.launch_template).toEqual({ launch_template_id: '${aws_launch_template.compute_big.id}', version: '${aws_launch_template.compute_big.latest_version}' });
    expect(templates.compute_big!.name).toBe('unit-compute-big');
  });

  it('keeps IMDSv2 and the encrypted root volume in its own template, with the size, IOPS and throughput given', () => {
    const own = templates.compute_big!;
    expect(own.metadata_options).toEqual(templates.compute!.metadata_options);
    expect(own.block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { encrypted: 'true', volume_type: 'gp3', delete_on_termination: 'true', volume_size: 500, iops: 6000, throughput: 500 } },
    ]);
    expect(templates.compute!.user_data).toBeUndefined();
  });

  it('keeps the shared template when every EC2/SPOT environment has its own: deleting it as the last user is replaced would be a cycle', () => {
    const only = synth(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', rootVolume: { sizeGiB: 100 } } } }));
    expect(Object.keys(only.resource.aws_launch_template!).sort()).toEqual(['compute', 'compute_ondemand']);
  });

  it('makes own templates and placement groups create-before-destroy, so that removing one from a replaced environment plans without a cycle', () => {
    const s = genomics();
    expect(templates.compute_big!.lifecycle).toEqual({ create_before_destroy: true });
    expect(templates.compute!.lifecycle).toBeUndefined();
    expect(s.resource.aws_placement_group!.mnp!.lifecycle).toEqual({ create_before_destroy: true });
  });

  it('replaces a compute environment that is not updatable when its own template changes', () => {
    const bestFit = synth(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', allocationStrategy: 'BEST_FIT', rootVolume: { sizeGiB: 100 } } } }));
    expect(bestFit.resource.aws_batch_compute_environment!.ondemand!.lifecycle.replace_triggered_by).toEqual(['aws_launch_template.compute_ondemand']);
  });
});

describe('user data', () => {
  const userData = genomics().resource.aws_launch_template!.compute_big!.user_data as string;
  const decoded = Buffer.from(userData, 'base64').toString('utf8');

  it('is base64, as EC2 needs it, of a MIME multi-part archive that starts with its headers', () => {
    expect(Buffer.from(decoded, 'utf8').toString('base64')).toBe(userData);
    expect(decoded.startsWith('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="==BATCHCDKTF=="\n\n--==BATCHCDKTF==\n')).toBe(true);
    expect(decoded.endsWith('\n\n--==BATCHCDKTF==--\n')).toBe(true);
  });

  it('holds the script, unchanged, as its one text/x-shellscript part', () => {
    const read = readMimeMultipart(decoded);
    expect(read).toEqual({ parts: [{ contentType: 'text/x-shellscript', body: `${SCRATCH.join('\n')}\n` }] });
  });

  // cloud-init reads user data with Python's email package: the same parser, independent of ours.
  const python = spawnSync('python3', ['--version']).status === 0;
  if (!python) console.warn('SKIPPED user data / Python email parser: python3 not found');
  it.skipIf(!python)("parses with Python's email package (what cloud-init uses) as multipart/mixed with a text/x-shellscript part", () => {
    const script = [
      'import email, json, sys',
      'm = email.message_from_string(sys.stdin.read())',
      'parts = [{"type": p.get_content_type(), "body": p.get_payload()} for p in m.walk() if not p.is_multipart()]',
      'print(json.dumps({"multipart": m.is_multipart(), "type": m.get_content_type(), "defects": [str(d) for d in m.defects], "parts": parts}))',
    ].join('\n');
    const parsed = JSON.parse(execFileSync('python3', ['-c', script], { input: decoded }).toString());
    expect(parsed).toEqual({ multipart: true, type: 'multipart/mixed', defects: [], parts: [{ type: 'text/x-shellscript', body: `${SCRATCH.join('\n')}\n` }] });
  });
});

describe('compute resources', () => {
  const s = genomics();
  const ces = s.resource.aws_batch_compute_environment!;

  it('puts instance tags on the instances (compute_resources.tags), only where given', () => {
    expect(ces.big!.compute_resources.tags).toEqual({ CostCenter: 'genomics', Project: 'wgs' });
    expect(ces.ondemand!.compute_resources.tags).toBeUndefined();
  });

  it('overrides the AMI of each image type it is given for', () => {
    expect(ces.mnp!.compute_resources.ec2_configuration).toEqual([
      { image_type: 'ECS_AL2023', image_id_override: 'ami-0123456789abcdef0' },
      { image_type: 'ECS_AL2023_NVIDIA', image_id_override: 'ami-0fedcba9876543210' },
    ]);
    expect(ces.big!.compute_resources.ec2_configuration).toEqual([{ image_type: 'ECS_AL2023' }]);
  });

  it('launches into a cluster placement group of its own, in its own availability zone', () => {
    expect(s.resource.aws_placement_group).toEqual({ mnp: expect.objectContaining({ name: 'unit-mnp', strategy: 'cluster' }) });
    expect(ces.mnp!.compute_resources.placement_group).toBe('${aws_placement_group.mnp.name}');
    expect(ces.mnp!.compute_resources.subnets).toEqual(['${aws_subnet.private_ap-northeast-1c.id}']);
    expect(ces.ondemand!.compute_resources.subnets).toHaveLength(3);
    expect(ces.ondemand!.compute_resources.placement_group).toBeUndefined();
  });

  it('takes its own subnets by id in an existing VPC', () => {
    const existing = synth(
      baseConfig({
        network: { mode: 'existing', subnetIds: ['subnet-0a', 'subnet-0b'], securityGroupIds: ['sg-0a'] },
        computeEnvironments: { ondemand: { type: 'EC2', subnetIds: ['subnet-0b'], placementGroup: 'cluster' } },
      }),
    );
    expect(existing.resource.aws_batch_compute_environment!.ondemand!.compute_resources.subnets).toEqual(['subnet-0b']);
  });

  it('gives Fargate environments their own subnets too', () => {
    const fargate = synth(
      baseConfig({
        computeEnvironments: { fargate: { type: 'FARGATE', availabilityZones: ['ap-northeast-1a', 'ap-northeast-1d'] } },
        jobQueues: { main: { computeEnvironments: ['fargate'] } },
        jobDefinitions: {},
      }),
    );
    expect(fargate.resource.aws_batch_compute_environment!.fargate!.compute_resources.subnets).toEqual(['${aws_subnet.private_ap-northeast-1a.id}', '${aws_subnet.private_ap-northeast-1d.id}']);
  });
});

describe("the README's example", () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const section = readme.slice(readme.indexOf('### Compute environment settings'));
  const block = /```json\n([\s\S]*?)```/.exec(section)![1]!;
  const computeEnvironments = (JSON.parse(`{${block}}`) as { computeEnvironments: Record<string, { userData?: string[] }> }).computeEnvironments;

  it('is a valid config that synthesizes with no doctor error', () => {
    const s = synth(
      baseConfig({
        computeEnvironments: computeEnvironments as never,
        jobQueues: { genomics: { computeEnvironments: ['genomics'] }, training: { computeEnvironments: ['training'] } },
        jobDefinitions: {},
      }),
    );
    expect(Object.keys(s.resource.aws_launch_template!).sort()).toEqual(['compute', 'compute_genomics']);
    expect(runDoctor(JSON.parse(s.json)).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('has a user data script bash can parse', () => {
    const bash = spawnSync('bash', ['-n'], { input: computeEnvironments.genomics!.userData!.join('\n') });
    expect(bash.stderr.toString()).toBe('');
    expect(bash.status).toBe(0);
  });
});
