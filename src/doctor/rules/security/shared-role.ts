import { SERVICE_LINKED_ROLE_ARN } from '../../../aws/compute-environment-updates';
import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { literalString, type Resource, type TerraformModel } from '../../terraform/model';
import { computeEnvironments, instanceRole } from '../../views/compute-environments';
import { jobDefinitions } from '../../views/job-definitions';

/** The four roles of a Batch setup, in the order messages name them. */
type Use = 'job' | 'execution' | 'instance' | 'service';

const WHAT: Readonly<Record<Use, string>> = {
  job: 'job role (jobRoleArn: what the job\'s own code may do)',
  execution: 'execution role (executionRoleArn: ECS pulls the image, writes logs and reads the secrets with it)',
  instance: 'instance role (the ECS agent on each instance)',
  service: 'service role (Batch creates instances, Auto Scaling groups and ECS clusters with it)',
};

/** What crosses over when the job role is also another role: the job's code gets that role's rights. */
const LEAKS: Readonly<Record<Exclude<Use, 'job'>, string>> = {
  execution: 'the job\'s code can read every secret the execution role reads (other jobs\' too) and pull any image it may pull',
  instance: 'the job\'s code holds the ECS agent\'s rights (register instances, poll and report tasks of the cluster), and every container on the instance gets the job\'s rights',
  service: 'the job\'s code can create and terminate instances, change Auto Scaling groups and ECS clusters and pass roles: it controls every compute environment',
};

/**
 * One IAM role in two or more of the four places of a Batch setup: job
 * role, execution role, instance role, service role. Each is meant for one
 * party (the job's code, ECS, the ECS agent, Batch) with only its own
 * rights; a shared role gives each party the others' rights. Above all the
 * job role: whatever code runs in the job then holds the agent's or Batch's
 * rights. docs/aws-batch-facts.md#one-role-per-party
 */
export const secSharedRole: Rule = {
  id: 'BATCH_SEC_SHARED_ROLE',
  severity: 'warning',
  pack: 'security',
  title: 'one IAM role used for several Batch roles',
  why: 'The job role (the job\'s own code), the execution role (ECS pulling images and reading secrets), the instance role (the ECS agent) and the service role (Batch managing instances) serve different parties. One role in two of those places gives each party the other\'s rights: with the job role shared, any code the job runs can read every secret the execution role reads, act as the ECS agent, or create and terminate instances.',
  fix: 'Give each place its own role with only its own permissions: a job role per job definition (its data access), one execution role (AmazonECSTaskExecutionRolePolicy and the secrets), an instance role (AmazonEC2ContainerServiceforEC2Role), and no service role (Batch\'s service-linked role).',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/IAM_policies.html',
  check(model: TerraformModel) {
    const uses = new Map<string, { role?: Resource; label: string; uses: Map<Use, Set<Resource>> }>();
    const add = (value: unknown, use: Use, user: Resource | undefined): void => {
      if (!user) return;
      const role = roleOf(model, value);
      if (!role) return;
      const entry = uses.get(role.key) ?? { ...(role.resource ? { role: role.resource } : {}), label: role.label, uses: new Map() };
      // A Set (in insertion order): hundreds of job definitions share one execution role.
      const users = entry.uses.get(use) ?? new Set<Resource>();
      users.add(user);
      entry.uses.set(use, users);
      uses.set(role.key, entry);
    };
    for (const jd of jobDefinitions(model)) {
      add(jd.container?.['jobRoleArn'], 'job', jd.resource);
      add(jd.container?.['executionRoleArn'], 'execution', jd.resource);
    }
    for (const ce of computeEnvironments(model)) {
      add(ce.resource.body['service_role'], 'service', ce.resource);
      const instance = instanceRole(model, ce);
      if (instance.kind === 'profile' && instance.role) add(`\${${instance.role.address}.arn}`, 'instance', ce.resource);
    }
    const out: Finding[] = [];
    for (const entry of uses.values()) {
      const kinds = (['job', 'execution', 'instance', 'service'] as const).filter((u) => entry.uses.has(u));
      if (kinds.length < 2) continue;
      const where = kinds.map((u) => `${WHAT[u]} of ${[...entry.uses.get(u)!].map((r) => r.address).join(', ')}`).join('; ');
      const leaks = kinds.includes('job') ? kinds.filter((u): u is Exclude<Use, 'job'> => u !== 'job').map((u) => LEAKS[u]) : [`each of ${kinds.join(' and ')} holds the other's rights`];
      const at = entry.role ?? [...entry.uses.get(kinds[0]!)!][0]!;
      out.push(
        finding(
          this,
          at,
          `${entry.label} is the ${where}: ${leaks.join('; ')}`,
          `Give the ${kinds.join(', ')} roles one role each, with only the permissions of that place.`,
        ),
      );
    }
    return out;
  },
};

/** A role named by a value: a role of this configuration (by reference, or by a literal ARN with its name), or a literal ARN. */
function roleOf(model: TerraformModel, value: unknown): { key: string; label: string; resource?: Resource } | undefined {
  const target = model.target(value);
  if (target?.type === 'aws_iam_role') return { key: target.address, label: target.address, resource: target };
  const arn = literalString(value)?.trim();
  if (arn === undefined || !/^arn:[\w-]+:iam::\d{12}:role\//.test(arn) || SERVICE_LINKED_ROLE_ARN.test(arn)) return undefined;
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const byName = model.all('aws_iam_role').find((r) => literalString(r.body['name']) === name);
  return byName ? { key: byName.address, label: byName.address, resource: byName } : { key: arn, label: `role ${arn}` };
}
