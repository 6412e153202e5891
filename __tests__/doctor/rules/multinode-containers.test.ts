/**
 * Rules that read a container's settings read every container of a job
 * definition: a multi-node parallel job's node ranges too (views/job-definitions.ts,
 * `containers`). Each rule: the fault in one node range's container is found
 * and named by its range; the same job without the fault, and the fault in a
 * container job, behave as before.
 */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../src/doctor/index';
import { jobExceedsInstanceTypes } from '../../../src/doctor/rules/jobs/exceeds-instance-types';
import { jobGpuNotAvailable } from '../../../src/doctor/rules/jobs/gpu-not-available';
import { jobLegacyVcpusMemory } from '../../../src/doctor/rules/jobs/legacy-vcpus-memory';
import { jobSecretNotGranted } from '../../../src/doctor/rules/jobs/secret-not-granted';
import { jobUnknownContainerKeys } from '../../../src/doctor/rules/jobs/unknown-container-keys';
import { jobVcpuAboveMaxVcpus } from '../../../src/doctor/rules/jobs/vcpu-above-max-vcpus';
import { netNoImagePath } from '../../../src/doctor/rules/network/no-image-path';
import { secEnvSecret } from '../../../src/doctor/rules/security/env-secret';
import { secJobLogGroup } from '../../../src/doctor/rules/security/job-log-group';
import { secPrivileged } from '../../../src/doctor/rules/security/privileged';
import { check, container, ec2Stack, endpointsOnly, job, ref, requirements, type Body, type Resources } from '../helpers';

const ECR_IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/mpi:1';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf';

/** A clean container of a node range (its image from ECR, which endpoints serve). */
const clean = (): Body => ({ image: ECR_IMAGE, resourceRequirements: requirements(2, 4096) });

/** ec2Stack's job as a multi-node job of two node ranges: `0:0` clean, `1:` with `fault` applied. */
function multiNode(fault: (c: Body, r: Resources) => void = () => undefined, base: Resources = ec2Stack()): Resources {
  const r = base;
  const j = job(r);
  delete j.container_properties;
  j.type = 'multinode';
  const faulty = clean();
  fault(faulty, r);
  j.node_properties = container({ numNodes: 2, mainNode: 0, nodeRangeProperties: [{ targetNodes: '0:0', container: clean() }, { targetNodes: '1:', container: faulty }] });
  return r;
}

/** An execution role with an inline policy granting nothing of the secret. */
function withUngrantedSecret(c: Body, r: Resources): void {
  r.aws_iam_role = { ...r.aws_iam_role, execution: { name: 'exec', assume_role_policy: '{}' } };
  r.aws_iam_role_policy = { secrets: { role: ref('aws_iam_role.execution'), policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `${SECRET}:password::` }] }) } };
  c.executionRoleArn = ref('aws_iam_role.execution', 'arn');
  c.secrets = [{ name: 'DB_PASSWORD', valueFrom: SECRET }];
}

const CASES: ReadonlyArray<{ rule: Rule; fault: (c: Body, r: Resources) => void; says: string; base?: () => Resources }> = [
  { rule: jobUnknownContainerKeys, fault: (c) => void (c.resourceRequirement = c.resourceRequirements), says: 'resourceRequirement (did you mean resourceRequirements?)' },
  { rule: jobLegacyVcpusMemory, fault: (c) => void Object.assign(c, { vcpus: 2, memory: 4096 }), says: 'sets top-level vcpus and memory' },
  { rule: secPrivileged, fault: (c) => void (c.privileged = true), says: 'sets privileged: true' },
  { rule: secEnvSecret, fault: (c) => void (c.environment = [{ name: 'DB_PASSWORD', value: 'hunter2' }]), says: 'environment DB_PASSWORD holds a literal value' },
  {
    rule: secJobLogGroup,
    fault: (c) => void (c.logConfiguration = { logDriver: 'awslogs', options: { 'awslogs-group': '/mpi', 'awslogs-create-group': 'true' } }),
    says: 'awslogs-create-group is "true"',
  },
  { rule: jobSecretNotGranted, fault: withUngrantedSecret, says: 'execution role aws_iam_role.execution cannot read DB_PASSWORD' },
  { rule: jobVcpuAboveMaxVcpus, fault: (c) => void (c.resourceRequirements = requirements(96, 4096)), says: 'needs 96 vCPU, aws_batch_compute_environment.ec2 has max_vcpus 64' },
  { rule: jobExceedsInstanceTypes, fault: (c) => void (c.resourceRequirements = requirements(2, 900_000)), says: 'needs 2 vCPU, 900000 MiB' },
  { rule: jobGpuNotAvailable, fault: (c) => void (c.resourceRequirements = requirements(2, 4096, 1)), says: 'needs 1 GPU' },
  {
    rule: netNoImagePath,
    // Endpoints only (no NAT): the clean range pulls from ECR, the faulty one from a public registry.
    base: () => endpointsOnly(ec2Stack()),
    fault: (c) => void (c.image = 'docker.io/library/busybox:1'),
    says: 'cannot pull image docker.io/library/busybox:1',
  },
];

describe('rules that read container settings read every node range of a multi-node job', () => {
  it.each(CASES.map((c) => [c.rule.id, c] as const))('%s: finds the fault in node range 1: and names the range', (_, { rule, fault, says, base }) => {
    const findings = check(rule, multiNode(fault, base?.()));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.address).toBe('aws_batch_job_definition.job');
    expect(findings[0]!.message).toContain('node range 1:');
    expect(findings[0]!.message).toContain(says);
    expect(findings[0]!.message).not.toContain('node range 0:0');
  });

  it.each(CASES.map((c) => [c.rule.id, c] as const))('%s: passes the same multi-node job without the fault', (_, { rule, base }) => {
    expect(check(rule, multiNode(() => undefined, base?.()))).toEqual([]);
  });
});
