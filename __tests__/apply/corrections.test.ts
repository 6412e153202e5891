/**
 * Each correction of test-support/emulator/corrections.py, shown against raw
 * moto 5.2.1: the same requests to an uncorrected emulator and to a corrected
 * one; raw moto deviates from AWS's documented behaviour, the corrected one
 * follows it (the AWS page for each is in corrections.py and the emulator's
 * README).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateComputeEnvironmentCommand,
  CreateJobQueueCommand,
  CreateSchedulingPolicyCommand,
  DeleteComputeEnvironmentCommand,
  DeleteJobQueueCommand,
  DeleteSchedulingPolicyCommand,
  DescribeComputeEnvironmentsCommand,
  DescribeJobDefinitionsCommand,
  DescribeJobQueuesCommand,
  DescribeJobsCommand,
  RegisterJobDefinitionCommand,
  SubmitJobCommand,
  UpdateComputeEnvironmentCommand,
  UpdateJobQueueCommand,
  type BatchClient,
  type CreateComputeEnvironmentCommandInput,
  type NodeProperties,
} from '@aws-sdk/client-batch';
import { emulatorBatchClient, emulatorOrSkip, startEmulator, type Emulator } from '../../test-support/emulator/emulator.js';
import { boto } from './boto.js';

const found = emulatorOrSkip('apply: emulator corrections');
const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const SERVICE_LINKED_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch`;
const SUBNETS = ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'];
const SECURITY_GROUPS = ['sg-0123456789abcdef0'];

interface Side {
  emulator: Emulator;
  batch: BatchClient;
  /** A regular (not service-linked) Batch service role, and an instance profile. */
  role: string;
  profile: string;
}

describe.skipIf(!found)('emulator corrections: raw moto vs corrected', () => {
  const sides = {} as Record<'raw' | 'corrected', Side>;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}`;

  beforeAll(async () => {
    for (const kind of ['raw', 'corrected'] as const) {
      const emulator = await startEmulator({ raw: kind === 'raw', seed: { region: REGION, subnets: SUBNETS, securityGroups: SECURITY_GROUPS } });
      const { role, profile } = boto<{ role: string; profile: string }>(
        emulator.endpoint,
        REGION,
        `
iam = c('iam')
trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "batch.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
role = iam.create_role(RoleName='custom-batch-service', AssumeRolePolicyDocument=trust)['Role']['Arn']
iam.create_role(RoleName='instance', AssumeRolePolicyDocument=trust)
profile = iam.create_instance_profile(InstanceProfileName='instance')['InstanceProfile']['Arn']
iam.add_role_to_instance_profile(InstanceProfileName='instance', RoleName='instance')
return {'role': role, 'profile': profile}`,
      );
      sides[kind] = { emulator, batch: emulatorBatchClient(emulator.endpoint, REGION), role, profile };
    }
    expect(sides.raw.emulator.corrections).toEqual([]);
  });
  afterAll(async () => {
    for (const side of Object.values(sides)) {
      side.batch.destroy();
      await side.emulator.stop();
    }
  });

  // state as the provider always sends it (moto leaves it unset otherwise).
  const fargate = (name: string, serviceRole?: string): CreateComputeEnvironmentCommandInput => ({
    computeEnvironmentName: name,
    type: 'MANAGED',
    state: 'ENABLED',
    ...(serviceRole ? { serviceRole } : {}),
    computeResources: { type: 'FARGATE', maxvCpus: 8, subnets: [SUBNETS[0]!], securityGroupIds: SECURITY_GROUPS },
  });
  const ec2 = (side: Side, name: string, extra: Record<string, unknown> = {}, serviceRole?: string): CreateComputeEnvironmentCommandInput => ({
    computeEnvironmentName: name,
    type: 'MANAGED',
    state: 'ENABLED',
    ...(serviceRole ? { serviceRole } : {}),
    computeResources: {
      type: 'EC2',
      allocationStrategy: 'BEST_FIT_PROGRESSIVE',
      minvCpus: 0,
      maxvCpus: 16,
      instanceTypes: ['m6i.large'],
      instanceRole: side.profile,
      subnets: SUBNETS,
      securityGroupIds: SECURITY_GROUPS,
      ...extra,
    },
  });
  const describeCe = async (side: Side, name: string) =>
    (await side.batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: [name] }))).computeEnvironments![0]!;
  const create = async (side: Side, input: CreateComputeEnvironmentCommandInput) => (await side.batch.send(new CreateComputeEnvironmentCommand(input))).computeEnvironmentArn!;
  const queue = async (side: Side, ceArn: string, extra: Record<string, unknown> = {}) => {
    const name = unique('queue');
    await side.batch.send(new CreateJobQueueCommand({ jobQueueName: name, state: 'ENABLED', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: ceArn }], ...extra }));
    return name;
  };
  const rejects = (promise: Promise<unknown>, message: RegExp, name = 'ClientException') => expect(promise).rejects.toMatchObject({ name, message: expect.stringMatching(message) });

  describe('service-linked-role', () => {
    it('raw moto refuses a compute environment without serviceRole', async () => {
      await rejects(create(sides.raw, fargate(unique('ce'))), /ServiceRole is required/);
    });

    it('corrected: Batch uses the service-linked role, reported with its exact ARN, and the role exists', async () => {
      const name = unique('ce');
      await create(sides.corrected, fargate(name));
      expect((await describeCe(sides.corrected, name)).serviceRole).toBe(SERVICE_LINKED_ROLE);
      const path = boto<string>(sides.corrected.emulator.endpoint, REGION, "return c('iam').get_role(RoleName='AWSServiceRoleForBatch')['Role']['Path']");
      expect(path).toBe('/aws-service-role/batch.amazonaws.com/');
    });
  });

  describe('default-instance-types', () => {
    it.each(['default_x86_64', 'default_arm64'])('%s: raw moto refuses it; corrected accepts it and describes it as given', async (instanceType) => {
      await rejects(create(sides.raw, ec2(sides.raw, unique('ce'), { instanceTypes: [instanceType] }, sides.raw.role)), /does not exist/, 'InvalidParameterValue');
      const name = unique('ce');
      await create(sides.corrected, ec2(sides.corrected, name, { instanceTypes: [instanceType], minvCpus: 2 }));
      expect((await describeCe(sides.corrected, name)).computeResources!.instanceTypes).toEqual([instanceType]);
    });

    it('corrected still refuses instance types that do not exist', async () => {
      await rejects(create(sides.corrected, ec2(sides.corrected, unique('ce'), { instanceTypes: ['m99x.large'] })), /does not exist/, 'InvalidParameterValue');
    });
  });

  describe('update-policy', () => {
    const policy = { terminateJobsOnUpdate: true, jobExecutionTimeoutMinutes: 15 };

    it('raw moto drops the update policy of an EC2 environment; corrected stores and describes it', async () => {
      for (const [kind, side] of Object.entries(sides)) {
        const name = unique('ce');
        await create(side, ec2(side, name, {}, side.role));
        await side.batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: name, updatePolicy: policy }));
        expect((await describeCe(side, name)).updatePolicy, kind).toEqual(kind === 'raw' ? undefined : policy);
      }
    });

    it("corrected fills AWS's defaults and refuses a timeout outside 1-360 minutes", async () => {
      const name = unique('ce');
      await create(sides.corrected, ec2(sides.corrected, name));
      await sides.corrected.batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: name, updatePolicy: { terminateJobsOnUpdate: true } }));
      expect((await describeCe(sides.corrected, name)).updatePolicy).toEqual({ terminateJobsOnUpdate: true, jobExecutionTimeoutMinutes: 30 });
      await rejects(sides.corrected.batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: name, updatePolicy: { jobExecutionTimeoutMinutes: 0 } })), /between 1 and 360/);
    });

    it("a Fargate environment takes no update policy: raw moto accepts one, corrected answers as Batch does", async () => {
      const raw = unique('ce');
      await create(sides.raw, fargate(raw, sides.raw.role));
      await sides.raw.batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: raw, updatePolicy: policy }));
      const name = unique('ce');
      await create(sides.corrected, fargate(name));
      await rejects(sides.corrected.batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: name, updatePolicy: policy })), /^The following parameters can't be updated for Fargate compute environment: .*updatePolicy/);
      expect((await describeCe(sides.corrected, name)).updatePolicy).toBeUndefined();
    });
  });

  describe('update-compute-resources', () => {
    it('raw moto ignores computeResources in UpdateComputeEnvironment; corrected applies them', async () => {
      for (const [kind, side] of Object.entries(sides)) {
        const name = unique('ce');
        await create(side, fargate(name, side.role));
        await side.batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: name, computeResources: { maxvCpus: 32, subnets: SUBNETS } }));
        const resources = (await describeCe(side, name)).computeResources!;
        expect({ maxvCpus: resources.maxvCpus, subnets: resources.subnets }, kind).toEqual(kind === 'raw' ? { maxvCpus: 8, subnets: [SUBNETS[0]] } : { maxvCpus: 32, subnets: SUBNETS });
      }
    });

    it('corrected: an infrastructure update in place needs the service-linked role and an updatable strategy, as in AWS', async () => {
      const { batch } = sides.corrected;
      const custom = unique('ce');
      await create(sides.corrected, ec2(sides.corrected, custom, {}, sides.corrected.role));
      await rejects(batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: custom, computeResources: { instanceTypes: ['m6i.xlarge'] } })), /infrastructure updates require/);
      const bestFit = unique('ce');
      await create(sides.corrected, ec2(sides.corrected, bestFit, { allocationStrategy: 'BEST_FIT' }));
      await rejects(batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: bestFit, computeResources: { instanceTypes: ['m6i.xlarge'] } })), /infrastructure updates require/);
      // Scaling updates are allowed on any environment.
      await batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: bestFit, computeResources: { maxvCpus: 64 } }));
      expect((await describeCe(sides.corrected, bestFit)).computeResources!.maxvCpus).toBe(64);
      const updatable = unique('ce');
      await create(sides.corrected, ec2(sides.corrected, updatable));
      await batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: updatable, computeResources: { instanceTypes: ['m6i.xlarge'], maxvCpus: 16 } }));
      expect((await describeCe(sides.corrected, updatable)).computeResources!.instanceTypes).toEqual(['m6i.xlarge']);
    });

    it('corrected: a Fargate environment updates only its vCPUs, subnets and security groups', async () => {
      const name = unique('ce');
      await create(sides.corrected, fargate(name));
      await rejects(sides.corrected.batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: name, computeResources: { maxvCpus: 8, tags: { Team: 'ml' } } })), /^The following parameters can't be updated for Fargate compute environment/);
      await sides.corrected.batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: name, computeResources: { maxvCpus: 4, securityGroupIds: SECURITY_GROUPS } }));
      expect((await describeCe(sides.corrected, name)).computeResources!.maxvCpus).toBe(4);
    });

    it('corrected: a service-linked role cannot be swapped for a regular role (raw moto allows it)', async () => {
      const rawName = unique('ce');
      await create(sides.raw, fargate(rawName, sides.raw.role));
      const other = boto<string>(sides.raw.emulator.endpoint, REGION, "return c('iam').create_role(RoleName='other', AssumeRolePolicyDocument='{}')['Role']['Arn']");
      await sides.raw.batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: rawName, serviceRole: other }));
      const name = unique('ce');
      await create(sides.corrected, fargate(name));
      await rejects(sides.corrected.batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: name, serviceRole: sides.corrected.role })), /service-linked role cannot use a regular IAM role/);
    });
  });

  describe('job-state-time-limit-actions', () => {
    const actions = [{ reason: 'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT', state: 'RUNNABLE' as const, maxTimeSeconds: 1800, action: 'CANCEL' as const }];

    it('raw moto drops them; corrected stores them on create and update and describes them', async () => {
      for (const [kind, side] of Object.entries(sides)) {
        const name = await queue(side, await create(side, fargate(unique('ce'), side.role)), { jobStateTimeLimitActions: actions });
        const described = async () => (await side.batch.send(new DescribeJobQueuesCommand({ jobQueues: [name] }))).jobQueues![0]!.jobStateTimeLimitActions;
        expect(await described(), kind).toEqual(kind === 'raw' ? undefined : actions);
        const updated = [{ ...actions[0]!, maxTimeSeconds: 900 }];
        await side.batch.send(new UpdateJobQueueCommand({ jobQueue: name, jobStateTimeLimitActions: updated }));
        expect(await described(), kind).toEqual(kind === 'raw' ? undefined : updated);
      }
    });

    it('corrected refuses what AWS refuses: a time outside 600-86400 seconds, a state other than RUNNABLE', async () => {
      const ce = await create(sides.corrected, fargate(unique('ce')));
      await rejects(queue(sides.corrected, ce, { jobStateTimeLimitActions: [{ ...actions[0]!, maxTimeSeconds: 60 }] }), /between 600 and 86400/);
      await rejects(queue(sides.corrected, ce, { jobStateTimeLimitActions: [{ ...actions[0]!, state: 'RUNNING' }] }), /must be RUNNABLE/);
    });
  });

  describe('placement-groups', () => {
    const attempt = (side: Side, body: string) =>
      boto<{ ok?: unknown; error?: string }>(side.emulator.endpoint, REGION, `
ec2 = c('ec2')
try:
${body.trim().split('\n').map((line) => `    ${line}`).join('\n')}
except Exception as e:
    return {'error': f'{type(e).__name__}: {e}'}`);

    it('raw moto fails every placement group call (it has no such API)', () => {
      expect(attempt(sides.raw, "return {'ok': ec2.create_placement_group(GroupName='raw-pg', Strategy='cluster')}").error).toMatch(/500 Internal Server Error/);
      expect(attempt(sides.raw, "return {'ok': ec2.describe_placement_groups()}").error).toMatch(/500 Internal Server Error/);
    });

    it('corrected: a cluster group is created with its tags, described by name, refused twice, deleted, then unknown', () => {
      const { ok } = attempt(
        sides.corrected,
        `
created = ec2.create_placement_group(GroupName='train', Strategy='cluster', TagSpecifications=[{'ResourceType': 'placement-group', 'Tags': [{'Key': 'Team', 'Value': 'ml'}]}])['PlacementGroup']
described = ec2.describe_placement_groups(GroupNames=['train'])['PlacementGroups']
try:
    ec2.create_placement_group(GroupName='train', Strategy='cluster')
    duplicate = 'accepted'
except Exception as e:
    duplicate = e.response['Error']['Code']
ec2.delete_placement_group(GroupName='train')
try:
    ec2.describe_placement_groups(GroupNames=['train'])
    after = 'found'
except Exception as e:
    after = e.response['Error']['Code']
return {'ok': {'created': created, 'described': described, 'duplicate': duplicate, 'after': after, 'left': ec2.describe_placement_groups()['PlacementGroups']}}`,
      ) as { ok: { created: Record<string, unknown>; described: unknown[]; duplicate: string; after: string; left: unknown[] } };
      expect(ok.created).toMatchObject({ GroupName: 'train', Strategy: 'cluster', State: 'available', GroupId: expect.stringMatching(/^pg-[0-9a-f]{17}$/), GroupArn: `arn:aws:ec2:${REGION}:${ACCOUNT}:placement-group/train`, Tags: [{ Key: 'Team', Value: 'ml' }] });
      expect(ok.described).toEqual([ok.created]);
      expect(ok.duplicate).toBe('InvalidPlacementGroup.Duplicate');
      expect(ok.after).toBe('InvalidPlacementGroup.Unknown');
      expect(ok.left).toEqual([]);
    });

    it('corrected refuses what EC2 refuses: an unknown strategy, a partition count on a cluster group, deleting an unknown group', () => {
      expect(attempt(sides.corrected, "return {'ok': ec2.create_placement_group(GroupName='x', Strategy='tight')}").error).toMatch(/InvalidParameterValue/);
      expect(attempt(sides.corrected, "return {'ok': ec2.create_placement_group(GroupName='x', Strategy='cluster', PartitionCount=2)}").error).toMatch(/InvalidParameterValue/);
      expect(attempt(sides.corrected, "return {'ok': ec2.delete_placement_group(GroupName='nope')}").error).toMatch(/InvalidPlacementGroup\.Unknown/);
    });
  });

  describe('efs-file-system-policy-delete', () => {
    const deletePolicy = (side: Side) =>
      boto<{ deleted?: boolean; error?: string; after?: string; unknown?: string }>(
        side.emulator.endpoint,
        REGION,
        `
efs = c('efs')
fs = efs.create_file_system(CreationToken='policy-' + str(len(efs.describe_file_systems()['FileSystems'])))['FileSystemId']
efs.put_file_system_policy(FileSystemId=fs, Policy=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Deny', 'Principal': {'AWS': '*'}, 'Action': '*', 'Condition': {'Bool': {'aws:SecureTransport': 'false'}}}]}))
try:
    efs.delete_file_system_policy(FileSystemId=fs)
except Exception as e:
    return {'error': str(e)}
try:
    efs.describe_file_system_policy(FileSystemId=fs)
    after = 'still there'
except Exception as e:
    after = e.response['Error']['Code']
try:
    efs.delete_file_system_policy(FileSystemId='fs-00000000')
    unknown = 'deleted'
except Exception as e:
    unknown = e.response['Error']['Code']
return {'deleted': True, 'after': after, 'unknown': unknown}`,
      );

    it('raw moto has no DeleteFileSystemPolicy (HTTP 500); corrected removes the policy, and refuses an unknown file system', () => {
      expect(deletePolicy(sides.raw).error).toMatch(/\(500\)/);
      expect(deletePolicy(sides.corrected)).toEqual({ deleted: true, after: 'PolicyNotFound', unknown: 'FileSystemNotFound' });
    });
  });

  describe('launch-template-tags', () => {
    it("raw moto copies the template's own tags into its data; corrected keeps them on the template only", async () => {
      for (const [kind, side] of Object.entries(sides)) {
        const { data, tags } = boto<{ data: Record<string, unknown>; tags: unknown[] }>(
          side.emulator.endpoint,
          REGION,
          `
ec2 = c('ec2')
t = ec2.create_launch_template(LaunchTemplateName='tagged', LaunchTemplateData={'MetadataOptions': {'HttpTokens': 'required'}},
    TagSpecifications=[{'ResourceType': 'launch-template', 'Tags': [{'Key': 'Team', 'Value': 'ml'}]}])['LaunchTemplate']
data = ec2.describe_launch_template_versions(LaunchTemplateId=t['LaunchTemplateId'])['LaunchTemplateVersions'][0]['LaunchTemplateData']
tags = ec2.describe_launch_templates(LaunchTemplateIds=[t['LaunchTemplateId']])['LaunchTemplates'][0].get('Tags', [])
return {'data': data, 'tags': tags}`,
        );
        expect(tags, kind).toEqual([{ Key: 'Team', Value: 'ml' }]);
        expect(data.TagSpecifications, kind).toEqual(kind === 'raw' ? [{ ResourceType: 'launch-template', Tags: [{ Key: 'Team', Value: 'ml' }] }] : undefined);
      }
    });

    it('corrected keeps LaunchTemplateData.TagSpecifications for the instances', async () => {
      const data = boto<Record<string, unknown>>(
        sides.corrected.emulator.endpoint,
        REGION,
        `
ec2 = c('ec2')
spec = [{'ResourceType': 'instance', 'Tags': [{'Key': 'Name', 'Value': 'worker'}]}]
t = ec2.create_launch_template(LaunchTemplateName='instances', LaunchTemplateData={'TagSpecifications': spec},
    TagSpecifications=[{'ResourceType': 'launch-template', 'Tags': [{'Key': 'Team', 'Value': 'ml'}]}])['LaunchTemplate']
return ec2.describe_launch_template_versions(LaunchTemplateId=t['LaunchTemplateId'])['LaunchTemplateVersions'][0]['LaunchTemplateData']`,
      );
      expect(data.TagSpecifications).toEqual([{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'worker' }] }]);
    });
  });

  describe('delete-rules', () => {
    it('raw moto deletes an ENABLED compute environment that a queue still uses, and an ENABLED queue', async () => {
      const { batch } = sides.raw;
      const ce = await create(sides.raw, fargate(unique('ce'), sides.raw.role));
      const name = await queue(sides.raw, ce);
      await batch.send(new DeleteComputeEnvironmentCommand({ computeEnvironment: ce }));
      await batch.send(new DeleteJobQueueCommand({ jobQueue: name }));
      expect((await batch.send(new DescribeJobQueuesCommand({ jobQueues: [name] }))).jobQueues).toEqual([]);
    });

    it('corrected: a compute environment must be DISABLED and used by no queue; a queue DISABLED', async () => {
      const { batch } = sides.corrected;
      const ce = await create(sides.corrected, fargate(unique('ce')));
      const name = await queue(sides.corrected, ce);
      await rejects(batch.send(new DeleteComputeEnvironmentCommand({ computeEnvironment: ce })), /state ENABLED: disable it first/);
      await batch.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: ce, state: 'DISABLED' }));
      await rejects(batch.send(new DeleteComputeEnvironmentCommand({ computeEnvironment: ce })), /^Cannot delete, found existing JobQueue relationship$/);
      await rejects(batch.send(new DeleteJobQueueCommand({ jobQueue: name })), /state ENABLED: disable it first/);
      await batch.send(new UpdateJobQueueCommand({ jobQueue: name, state: 'DISABLED' }));
      await batch.send(new DeleteJobQueueCommand({ jobQueue: name }));
      await batch.send(new DeleteComputeEnvironmentCommand({ computeEnvironment: ce }));
      expect((await batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: [ce] }))).computeEnvironments).toEqual([]);
    });

    it('corrected: a scheduling policy a queue uses cannot be deleted (raw moto deletes it)', async () => {
      for (const [kind, side] of Object.entries(sides)) {
        const { arn } = await side.batch.send(new CreateSchedulingPolicyCommand({ name: unique('policy'), fairsharePolicy: { shareDecaySeconds: 3600 } }));
        await queue(side, await create(side, fargate(unique('ce'), side.role)), { schedulingPolicyArn: arn });
        const deleting = side.batch.send(new DeleteSchedulingPolicyCommand({ arn }));
        if (kind === 'raw') await deleting;
        else await rejects(deleting, /used by job queue/);
      }
    });
  });

  describe('scheduling-priority', () => {
    const register = (side: Side, name: string, schedulingPriority: number) =>
      side.batch.send(
        new RegisterJobDefinitionCommand({ jobDefinitionName: name, type: 'container', schedulingPriority, containerProperties: { image: 'busybox', resourceRequirements: [{ type: 'VCPU', value: '1' }, { type: 'MEMORY', value: '2048' }] } }),
      );

    it("raw moto drops a job definition's scheduling priority; corrected stores it per revision and describes it", async () => {
      for (const [kind, side] of Object.entries(sides)) {
        const name = unique('job');
        await register(side, name, 10);
        await register(side, name, 20);
        const revisions = (await side.batch.send(new DescribeJobDefinitionsCommand({ jobDefinitionName: name }))).jobDefinitions!;
        expect(revisions.map((d) => [d.revision, d.schedulingPriority]).sort(), kind).toEqual(kind === 'raw' ? [[1, undefined], [2, undefined]] : [[1, 10], [2, 20]]);
      }
    });

    it('corrected refuses a priority outside 0-9999', async () => {
      await rejects(register(sides.corrected, unique('job'), 10_000), /between 0 and 9999/);
    });
  });

  describe('node-properties', () => {
    it("raw moto leaves a multi-node job definition's nodeProperties out of its description; corrected returns them", async () => {
      const nodeProperties: NodeProperties = {
        numNodes: 2,
        mainNode: 0,
        nodeRangeProperties: [
          { targetNodes: '0:0', container: { image: 'busybox', command: ['main'], resourceRequirements: [{ type: 'VCPU', value: '2' }, { type: 'MEMORY', value: '4096' }] } },
          { targetNodes: '1:', container: { image: 'busybox', command: ['worker'], resourceRequirements: [{ type: 'VCPU', value: '2' }, { type: 'MEMORY', value: '4096' }] } },
        ],
      };
      for (const [kind, side] of Object.entries(sides)) {
        const name = unique('mnp');
        await side.batch.send(new RegisterJobDefinitionCommand({ jobDefinitionName: name, type: 'multinode', nodeProperties }));
        const [described] = (await side.batch.send(new DescribeJobDefinitionsCommand({ jobDefinitionName: name }))).jobDefinitions!;
        expect(described!.type, kind).toBe('multinode');
        expect(described!.nodeProperties, kind).toEqual(kind === 'raw' ? undefined : nodeProperties);
      }
    });
  });

  describe('share-identifier', () => {
    const setup = async (side: Side, fairShare: boolean) => {
      const ce = await create(side, fargate(unique('ce'), side.role));
      const policy = fairShare ? (await side.batch.send(new CreateSchedulingPolicyCommand({ name: unique('policy'), fairsharePolicy: {} }))).arn : undefined;
      const jobQueue = await queue(side, ce, policy ? { schedulingPolicyArn: policy } : {});
      const jobDefinition = unique('job');
      await side.batch.send(
        new RegisterJobDefinitionCommand({ jobDefinitionName: jobDefinition, type: 'container', platformCapabilities: ['FARGATE'], containerProperties: { image: 'busybox', resourceRequirements: [{ type: 'VCPU', value: '0.25' }, { type: 'MEMORY', value: '512' }] } }),
      );
      return { jobQueue, jobDefinition };
    };

    it('raw moto accepts a job without shareIdentifier on a fair-share queue; corrected refuses it', async () => {
      const raw = await setup(sides.raw, true);
      await sides.raw.batch.send(new SubmitJobCommand({ jobName: 'j', ...raw }));
      const corrected = await setup(sides.corrected, true);
      await rejects(sides.corrected.batch.send(new SubmitJobCommand({ jobName: 'j', ...corrected })), /shareIdentifier is required/);
    });

    it('corrected accepts it with a shareIdentifier and reports it on the job; refuses one on a queue without a policy', async () => {
      const fair = await setup(sides.corrected, true);
      const { jobId } = await sides.corrected.batch.send(new SubmitJobCommand({ jobName: 'j', shareIdentifier: 'teamA', ...fair }));
      expect((await sides.corrected.batch.send(new DescribeJobsCommand({ jobs: [jobId!] }))).jobs![0]!.shareIdentifier).toBe('teamA');
      const fifo = await setup(sides.corrected, false);
      await rejects(sides.corrected.batch.send(new SubmitJobCommand({ jobName: 'j', shareIdentifier: 'teamA', ...fifo })), /do not specify shareIdentifier/);
    });
  });
});
