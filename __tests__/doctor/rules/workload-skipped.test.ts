/**
 * The Step 11 rules (compute environment settings and job workloads) read
 * the evaluated model like the others: a value the configuration does not
 * decide is a check listed as skipped, with the reason, never a silent pass.
 */
import { describe, expect, it } from 'vitest';
import { collectingSkipped } from '../../../src/doctor/engine/finding';
import type { Rule } from '../../../src/doctor/index';
import { ceClusterPlacementMultiAz } from '../../../src/doctor/rules/compute-environments/cluster-placement-multi-az';
import { ceUserDataNotMime } from '../../../src/doctor/rules/compute-environments/user-data-not-mime';
import { fargateEc2OnlySettings } from '../../../src/doctor/rules/jobs/fargate-ec2-only-settings';
import { fargateEphemeralStorage } from '../../../src/doctor/rules/jobs/fargate-ephemeral-storage';
import { multiNodeNoOnDemand } from '../../../src/doctor/rules/jobs/multinode-no-on-demand';
import { jobShmExceedsMemory } from '../../../src/doctor/rules/jobs/shm-exceeds-memory';
import { multiNodeInterNode } from '../../../src/doctor/rules/network/multinode-inter-node';
import { TerraformModel } from '../../../src/doctor/terraform/model';
import { computeResources, container, ec2Stack, fargateStack, job, ref, requirements, tf, type Resources } from '../helpers';

const judged = (rule: Rule, r: Resources) => collectingSkipped(() => rule.check(new TerraformModel({ ...tf(r), variable: { input: {} } })));
const skippedOf = (rule: Rule, r: Resources) => judged(rule, r).skipped.map((s) => `${s.address}: ${s.reason}`);

describe('Step 11 rules on values the configuration does not decide', () => {
  it('user data from a variable without a value: skipped, naming it', () => {
    const r = ec2Stack();
    r.aws_launch_template!.compute!.user_data = '${var.input}';
    expect(judged(ceUserDataNotMime, r).result).toEqual([]);
    expect(skippedOf(ceUserDataNotMime, r)).toEqual([expect.stringMatching(/^aws_launch_template\.compute: user_data .*var\.input/)]);
  });

  it('base64encode() of a template with unknown parts: its known text is judged (not MIME is an error; MIME passes)', () => {
    const plain = ec2Stack();
    plain.aws_launch_template!.compute!.user_data = '${base64encode("#!/bin/bash\\necho ECS_CLUSTER=${var.input} >> /etc/ecs/ecs.config\\n")}';
    expect(judged(ceUserDataNotMime, plain).result.map((f) => f.message)).toEqual([expect.stringContaining('before base64encode(), ')]);
    const mime = ec2Stack();
    mime.aws_launch_template!.compute!.user_data =
      '${base64encode("MIME-Version: 1.0\\nContent-Type: multipart/mixed; boundary=\\"==B==\\"\\n\\n--==B==\\nContent-Type: text/x-shellscript\\n\\n#!/bin/bash\\necho ${var.input}\\n\\n--==B==--\\n")}';
    expect(judged(ceUserDataNotMime, mime)).toEqual({ result: [], skipped: [] });
  });

  it('a placement group or subnets the configuration cannot see: skipped', () => {
    const r = ec2Stack();
    r.aws_placement_group = { cluster: { name: 'cluster', strategy: 'cluster' } };
    computeResources(r).placement_group = '${var.input}';
    expect(skippedOf(ceClusterPlacementMultiAz, r)).toEqual([expect.stringMatching(/^aws_batch_compute_environment\.ec2: compute_resources\.placement_group .*var\.input/)]);
    computeResources(r).placement_group = ref('aws_placement_group.cluster', 'name');
    computeResources(r).subnets = ['subnet-0123456789abcdef0', ref('aws_subnet.private')];
    expect(skippedOf(ceClusterPlacementMultiAz, r)).toEqual([expect.stringContaining('so their zones are not known')]);
  });

  it('job documents and sizes from a variable: skipped for shared memory, Fargate settings and ephemeral storage', () => {
    const ec2 = ec2Stack();
    job(ec2).container_properties = '${var.input}';
    expect(skippedOf(jobShmExceedsMemory, ec2)).toEqual([expect.stringMatching(/^aws_batch_job_definition\.job: container_properties .*var\.input/)]);
    const shm = ec2Stack();
    job(shm).container_properties = container({ image: 'busybox', resourceRequirements: requirements(1, 2048), linuxParameters: { sharedMemorySize: '${var.input}' } });
    expect(skippedOf(jobShmExceedsMemory, shm)).toEqual(['aws_batch_job_definition.job: a sharedMemorySize or tmpfs size is not a known number']);

    const fargate = fargateStack();
    job(fargate).platform_capabilities = '${var.input}';
    expect(skippedOf(fargateEc2OnlySettings, fargate)).toEqual([expect.stringMatching(/^aws_batch_job_definition\.job: platform_capabilities .*var\.input/)]);
    const storage = fargateStack();
    job(storage).container_properties = container({ image: 'busybox', resourceRequirements: requirements(1, 2048), ephemeralStorage: { sizeInGiB: '${var.input}' } });
    expect(skippedOf(fargateEphemeralStorage, storage)).toEqual(['aws_batch_job_definition.job: ephemeralStorage.sizeInGiB is not a known number']);
  });

  it('a multi-node job whose environments or groups are unknown: skipped', () => {
    const r = ec2Stack();
    job(r).type = 'multinode';
    delete job(r).container_properties;
    job(r).node_properties = JSON.stringify({ numNodes: 2, mainNode: 0, nodeRangeProperties: [{ targetNodes: '0:', container: { image: 'busybox', resourceRequirements: requirements(1, 2048) } }] });
    computeResources(r).type = '${var.input}';
    expect(skippedOf(multiNodeNoOnDemand, r)).toEqual([expect.stringMatching(/^aws_batch_job_definition\.job: aws_batch_compute_environment\.ec2: /)]);
    computeResources(r).type = 'EC2';
    computeResources(r).security_group_ids = '${var.input}';
    expect(skippedOf(multiNodeInterNode, r)).toEqual([expect.stringMatching(/^aws_batch_compute_environment\.ec2: compute_resources\.security_group_ids: .*var\.input/)]);
  });
});
