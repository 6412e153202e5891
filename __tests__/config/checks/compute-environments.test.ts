/** checks/compute-environments.ts: what AWS Batch accepts for each compute type. */
import { describe, expect, it } from 'vitest';
import { parseConfig, type BatchConfig } from '../../../src/index';
import { baseConfig } from '../../support/synth';
import { mimeUserData } from '../../../src/aws/user-data';
import { errorOf, problemsOf } from './problems';

const fargate = (ce: Record<string, unknown>) =>
  baseConfig({ computeEnvironments: { fargate: { type: 'FARGATE', ...ce } as never }, jobQueues: { main: { computeEnvironments: ['fargate'] } }, jobDefinitions: {} });

describe('compute environments', () => {
  it('rejects minVcpus above maxVcpus', () => {
    const error = errorOf(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', minVcpus: 8, maxVcpus: 4 } } }));
    expect(error.problems[0]).toMatchObject({ path: 'computeEnvironments.ondemand.minVcpus', message: 'got 8, above maxVcpus (4)' });
  });

  it('rejects SPOT with BEST_FIT (needs a Spot Fleet role, replaces on edit)', () => {
    const error = errorOf(baseConfig({ computeEnvironments: { ondemand: { type: 'SPOT', allocationStrategy: 'BEST_FIT' } } }));
    expect(error.problems[0]!.fix).toMatch(/SPOT_CAPACITY_OPTIMIZED/);
  });
});

describe('updatePolicy', () => {
  it.each(['FARGATE', 'FARGATE_SPOT'] as const)('is refused on a %s compute environment, naming the value and the fix', (type) => {
    const error = errorOf(fargate({ type, updatePolicy: { terminateJobsOnUpdate: true } }));
    expect(error.problems).toEqual([
      {
        path: 'computeEnvironments.fargate.updatePolicy',
        message: `got {"terminateJobsOnUpdate":true}; AWS Batch refuses an update policy on ${type} compute environments, so the first apply would fail`,
        fix: 'remove updatePolicy: it applies to EC2 and SPOT compute environments only',
      },
    ]);
  });

  it('is accepted on EC2 and SPOT, and left out of Fargate entries by default', () => {
    expect(() => parseConfig(baseConfig({ computeEnvironments: { ondemand: { type: 'SPOT', updatePolicy: { jobExecutionTimeoutMinutes: 60 } } } }))).not.toThrow();
    expect(() => parseConfig(fargate({}))).not.toThrow();
  });
});

describe('instance types', () => {
  const withTypes = (instanceTypes: string[]): BatchConfig => baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', instanceTypes } } });

  it('refuses a size the family does not have, listing its sizes', () => {
    expect(problemsOf(withTypes(['m6i.superhuge']))).toEqual([
      {
        path: 'computeEnvironments.ondemand.instanceTypes[0]',
        message: 'got "m6i.superhuge"; m6i has no size "superhuge"; its sizes are large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge, 24xlarge, 32xlarge, metal',
        fix: 'use one of those sizes (the largest is "m6i.32xlarge"), or the whole family "m6i"',
      },
    ]);
  });

  it('suggests the closest size for a typo', () => {
    expect(problemsOf(withTypes(['c5.9xlage']))[0]!.fix).toBe('use "c5.9xlarge", another size, or the whole family "c5"');
  });

  it('refuses a family that does not exist, suggesting close ones', () => {
    expect(problemsOf(withTypes(['m6', 'mi6.large']))).toEqual([
      expect.objectContaining({ path: 'computeEnvironments.ondemand.instanceTypes[0]', message: 'got "m6"; there is no EC2 instance family "m6"', fix: expect.stringContaining('e.g. "m6a" or "m6g" or "m6i"') }),
      expect.objectContaining({ path: 'computeEnvironments.ondemand.instanceTypes[1]', fix: expect.stringContaining('e.g. "m6i.large"') }),
    ]);
  });

  it('accepts real families, sizes with a hyphen and the aliases', () => {
    expect(() => parseConfig(withTypes(['m6i', 'c7i.metal-24xl', 'm7i-flex.large', 'g5.48xlarge', 'optimal']))).not.toThrow();
  });
});

describe('instance types and the Amazon Linux 2023 images', () => {
  const withCe = (ce: Record<string, unknown>): BatchConfig => baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', ...ce } as never } });

  it('refuses A1, which Amazon Linux 2023 does not support, naming later Graviton families', () => {
    expect(problemsOf(withCe({ instanceTypes: ['a1.large'] }))).toEqual([
      {
        path: 'computeEnvironments.ondemand.instanceTypes[0]',
        message: 'got "a1.large"; Amazon Linux 2023 (image type ECS_AL2023, the AMI Batch picks here) does not support A1 instances',
        fix: 'use a later Graviton family (m6g, c6g, r6g, c7g, m7g...) or "default_arm64", or set imageId to an AMI that supports A1',
      },
    ]);
  });

  it.each(['p3.2xlarge', 'p3dn.24xlarge', 'g3', 'g3s.xlarge'])('refuses %s: ECS_AL2023_NVIDIA supports neither p3 nor g3', (type) => {
    const [problem] = problemsOf(withCe({ instanceTypes: [type] }));
    expect(problem).toMatchObject({ path: 'computeEnvironments.ondemand.instanceTypes[0]', message: expect.stringContaining('does not support p3 and g3 instance types') });
    expect(problem!.fix).toMatch(/^use a newer GPU family \(g4dn, g5, g6, p4d, p5\.\.\.\), or set gpuImageId/);
  });

  it('refuses a Graviton GPU type: the NVIDIA image runs on x86 only', () => {
    expect(problemsOf(withCe({ instanceTypes: ['g5g.xlarge'] }))[0]!.message).toBe(
      'got "g5g.xlarge"; g5g is a Graviton GPU type, and ECS_AL2023_NVIDIA (the GPU AMI Batch picks here) runs on x86 types only',
    );
  });

  it('lets an AMI of your own decide: A1 with imageId, p3 with gpuImageId', () => {
    expect(() => parseConfig(withCe({ instanceTypes: ['a1.large'], imageId: 'ami-0123456789abcdef0' }))).not.toThrow();
    expect(() => parseConfig(withCe({ instanceTypes: ['p3.2xlarge'], gpuImageId: 'ami-0123456789abcdef0' }))).not.toThrow();
  });

  it('accepts the GPU families the NVIDIA image supports', () => {
    expect(() => parseConfig(withCe({ instanceTypes: ['g4dn', 'g5.xlarge', 'g6', 'p4d.24xlarge', 'p5'] }))).not.toThrow();
  });
});

describe('root volume', () => {
  const withVolume = (rootVolume: Record<string, unknown>, ce: Record<string, unknown> = {}): BatchConfig =>
    baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', rootVolume, ...ce } as never } });

  it("refuses a size below the ECS-optimized AMI's 30 GiB root snapshot", () => {
    expect(problemsOf(withVolume({ sizeGiB: 20 }))).toEqual([
      {
        path: 'computeEnvironments.ondemand.rootVolume.sizeGiB',
        message: 'got 20; the root snapshot of the ECS-optimized AMI Batch boots here (ECS_AL2023) is 30 GiB, and EC2 refuses a smaller root volume, so no instance would launch',
        fix: "set sizeGiB to at least 30, or leave it out to keep the AMI's size",
      },
    ]);
  });

  it('cannot judge the size against an AMI of your own, but still against the NVIDIA one GPU types boot', () => {
    expect(() => parseConfig(withVolume({ sizeGiB: 20 }, { imageId: 'ami-0123456789abcdef0' }))).not.toThrow();
    const gpu = problemsOf(withVolume({ sizeGiB: 20 }, { imageId: 'ami-0123456789abcdef0', instanceTypes: ['m6i', 'g5'] }));
    expect(gpu[0]!.message).toContain('(ECS_AL2023_NVIDIA) is 30 GiB');
  });

  it('checks sizes, IOPS and throughput against the volume type', () => {
    expect(problemsOf(withVolume({ sizeGiB: 20_000 }))[0]).toMatchObject({ message: 'got 20000; gp3 volumes are 1-16384 GiB' });
    expect(() => parseConfig(withVolume({ sizeGiB: 20_000, type: 'io2', iops: 10_000 }))).not.toThrow();
    expect(problemsOf(withVolume({ sizeGiB: 100, type: 'io1' }))).toEqual([
      { path: 'computeEnvironments.ondemand.rootVolume.iops', message: 'is missing; io1 volumes need their provisioned IOPS', fix: 'add iops (100-64000)' },
    ]);
    expect(problemsOf(withVolume({ type: 'gp2', iops: 3000 }))[0]).toMatchObject({ path: 'computeEnvironments.ondemand.rootVolume.iops', message: 'got 3000; gp2 volumes take no provisioned IOPS' });
    expect(problemsOf(withVolume({ iops: 1000 }))[0]).toMatchObject({ message: 'got 1000; gp3 volumes take 3000-16000 IOPS' });
    expect(problemsOf(withVolume({ type: 'io2', iops: 5000, throughputMiBps: 500 }))[0]).toMatchObject({
      path: 'computeEnvironments.ondemand.rootVolume.throughputMiBps',
      message: 'got 500; only gp3 volumes take a throughput',
    });
    expect(() => parseConfig(withVolume({ sizeGiB: 500, iops: 6000, throughputMiBps: 500 }))).not.toThrow();
  });
});

describe('user data', () => {
  const withScript = (userData: unknown): BatchConfig => baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', userData } as never } });

  it('takes a shell script as one string or as its lines', () => {
    expect(parseConfig(withScript(['#!/bin/bash', 'mkdir -p /scratch'])).computeEnvironments.ondemand!.userData).toBe('#!/bin/bash\nmkdir -p /scratch\n');
    expect(parseConfig(withScript('#!/bin/bash\nmkdir -p /scratch')).computeEnvironments.ondemand!.userData).toBe('#!/bin/bash\nmkdir -p /scratch\n');
  });

  it('refuses a script without an interpreter line, with the fix', () => {
    expect(problemsOf(withScript('mkdir -p /scratch'))).toEqual([
      {
        path: 'computeEnvironments.ondemand.userData',
        message: 'the script does not start with an interpreter line; cloud-init runs the script as an executable file',
        fix: 'start it with "#!/bin/bash"',
      },
    ]);
  });

  it('refuses what would break the archive the stack builds: MIME given, the boundary, carriage returns, non-ASCII, more than 16 KB', () => {
    const messages = (userData: unknown) => problemsOf(withScript(userData)).map((p) => p.message);
    expect(messages('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="x"\n')).toContain(
      'the script is already a MIME document; the stack builds the MIME multi-part archive itself',
    );
    expect(messages('#!/bin/bash\necho ==BATCHCDKTF==')).toEqual(['the script contains ==BATCHCDKTF==, the boundary of the archive the stack builds around it']);
    expect(messages('#!/bin/bash\r\necho hi\r\n')).toEqual(['the script has carriage returns (\\r); bash reads them as part of each command']);
    expect(messages('#!/bin/bash\n# スクラッチ\n')).toEqual(['the script has a character outside ASCII ("ス"); the part is declared us-ascii']);
    expect(messages(`#!/bin/bash\n${'echo 0123456789abcdef\n'.repeat(800)}`)).toEqual(['the script makes 17779 bytes of user data with the archive around it; EC2 allows 16384']);
  });

  it('allows exactly 16 KB of user data, archive included', () => {
    const wrapping = Buffer.byteLength(mimeUserData('#!/bin/bash\n'));
    const fits = `#!/bin/bash\n#${'x'.repeat(16_384 - wrapping - 2)}\n`;
    expect(Buffer.byteLength(mimeUserData(fits))).toBe(16_384);
    expect(() => parseConfig(withScript(fits))).not.toThrow();
    expect(problemsOf(withScript(`${fits}#\n`))[0]!.message).toContain('makes 16386 bytes');
  });

  it('is refused on Fargate, like every instance setting', () => {
    const config = baseConfig({
      computeEnvironments: {
        fargate: {
          type: 'FARGATE',
          userData: '#!/bin/bash\n',
          rootVolume: { sizeGiB: 100 },
          imageId: 'ami-0123456789abcdef0',
          gpuImageId: 'ami-0123456789abcdef0',
          instanceTags: { a: 'b' },
          placementGroup: 'cluster',
        } as never,
      },
      jobQueues: { main: { computeEnvironments: ['fargate'] } },
      jobDefinitions: {},
    });
    expect(problemsOf(config).map((p) => p.path)).toEqual(
      ['rootVolume', 'userData', 'imageId', 'gpuImageId', 'instanceTags', 'placementGroup'].map((field) => `computeEnvironments.fargate.${field}`),
    );
  });
});

describe('AMI overrides', () => {
  const withCe = (ce: Record<string, unknown>): BatchConfig => baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', ...ce } as never } });

  it('refuses an id that is not an AMI id', () => {
    expect(problemsOf(withCe({ imageId: 'ami-123' }))[0]).toMatchObject({ path: 'computeEnvironments.ondemand.imageId', message: 'got "ami-123"; must be an AMI id (ami- and 8 or 17 hex digits)' });
  });

  it('refuses gpuImageId without GPU instance types, and imageId when every type is a GPU type', () => {
    expect(problemsOf(withCe({ gpuImageId: 'ami-0123456789abcdef0' }))[0]).toMatchObject({
      path: 'computeEnvironments.ondemand.gpuImageId',
      fix: 'use imageId for the AMI of non-GPU instance types, or add GPU instance types',
    });
    expect(problemsOf(withCe({ imageId: 'ami-0123456789abcdef0', instanceTypes: ['g5', 'p4d'] }))[0]).toMatchObject({
      path: 'computeEnvironments.ondemand.imageId',
      message: 'got "ami-0123456789abcdef0", but every instance type of this compute environment is a GPU type (g5, p4d), and those boot gpuImageId',
    });
    expect(() => parseConfig(withCe({ imageId: 'ami-0123456789abcdef0', gpuImageId: 'ami-0fedcba9876543210', instanceTypes: ['m6i', 'g5'] }))).not.toThrow();
  });
});

describe('instance tags', () => {
  it("refuses AWS's own aws: keys and more than 50 tags", () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(problemsOf(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', instanceTags: { 'aws:cost': 'x', ...tags } } } }))).toEqual([
      { path: 'computeEnvironments.ondemand.instanceTags.aws:cost', message: 'key "aws:cost" starts with "aws:", which AWS reserves for its own tags', fix: 'rename the key (e.g. drop the "aws:" prefix)' },
      { path: 'computeEnvironments.ondemand.instanceTags', message: 'has 52 tags; an EC2 instance carries at most 50', fix: 'remove at least 2 of them' },
    ]);
  });
});

describe("an environment's own subnets and its cluster placement group", () => {
  const created = (ce: Record<string, unknown>): BatchConfig => baseConfig({ computeEnvironments: { ondemand: { type: 'EC2', ...ce } as never } });
  const existing = (ce: Record<string, unknown>): BatchConfig =>
    baseConfig({
      network: { mode: 'existing', subnetIds: ['subnet-0a', 'subnet-0b'], securityGroupIds: ['sg-0a'] },
      computeEnvironments: { ondemand: { type: 'EC2', ...ce } as never },
    });

  it('refuses a cluster placement group over several availability zones, naming them and the fix', () => {
    expect(problemsOf(created({ placementGroup: 'cluster' }))).toEqual([
      {
        path: 'computeEnvironments.ondemand.placementGroup',
        message: `got "cluster"; a cluster placement group lives in one availability zone, but this compute environment's subnets are in 3 (ap-northeast-1a, ap-northeast-1c, ap-northeast-1d)`,
        fix: 'add "availabilityZones": ["ap-northeast-1a"] to computeEnvironments.ondemand',
      },
    ]);
    expect(() => parseConfig(created({ placementGroup: 'cluster', availabilityZones: ['ap-northeast-1c'] }))).not.toThrow();
  });

  it("takes availability zones from the stack's own, once each", () => {
    expect(problemsOf(created({ availabilityZones: ['ap-northeast-1b', 'ap-northeast-1a', 'ap-northeast-1a'] }))).toEqual([
      {
        path: 'computeEnvironments.ondemand.availabilityZones[0]',
        message: `got "ap-northeast-1b", which is not one of the stack's availability zones (ap-northeast-1a, ap-northeast-1c, ap-northeast-1d)`,
        fix: 'use zones of the top-level availabilityZones, or add it there',
      },
      { path: 'computeEnvironments.ondemand.availabilityZones[2]', message: 'got "ap-northeast-1a" twice', fix: 'list each availability zone once' },
    ]);
    expect(problemsOf(created({ subnetIds: ['subnet-0a'] }))[0]).toMatchObject({ path: 'computeEnvironments.ondemand.subnetIds', fix: expect.stringContaining('use "availabilityZones" instead') });
  });

  it('in an existing VPC, takes subnets of network.subnetIds, and needs them for a placement group', () => {
    expect(problemsOf(existing({ subnetIds: ['subnet-0c'] }))[0]).toMatchObject({
      path: 'computeEnvironments.ondemand.subnetIds[0]',
      message: 'got "subnet-0c", which is not one of network.subnetIds (subnet-0a, subnet-0b)',
    });
    expect(problemsOf(existing({ availabilityZones: ['ap-northeast-1a'] }))[0]!.fix).toBe('list the subnets instead: "subnetIds", a subset of network.subnetIds');
    expect(problemsOf(existing({ placementGroup: 'cluster' }))).toEqual([
      {
        path: 'computeEnvironments.ondemand.placementGroup',
        message: 'got "cluster"; a cluster placement group lives in one availability zone, and this compute environment would use all 2 of network.subnetIds, whose zones the stack cannot see',
        fix: 'add "subnetIds" to computeEnvironments.ondemand: the subnets of network.subnetIds in one availability zone',
      },
    ]);
    expect(() => parseConfig(existing({ placementGroup: 'cluster', subnetIds: ['subnet-0b'] }))).not.toThrow();
  });
});
