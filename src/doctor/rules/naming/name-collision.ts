import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { literalString, type Resource, type TerraformModel } from '../../terraform/model';

/** Resource types whose names are unique in the account (IAM: ignoring case) or the region (Batch), and the argument that names them. */
const NAMED: ReadonlyArray<{ readonly type: string; readonly fields: readonly string[]; readonly ignoreCase: boolean; readonly what: string }> = [
  { type: 'aws_iam_role', fields: ['name'], ignoreCase: true, what: 'IAM role' },
  { type: 'aws_iam_instance_profile', fields: ['name'], ignoreCase: true, what: 'instance profile' },
  { type: 'aws_iam_policy', fields: ['name'], ignoreCase: true, what: 'IAM policy' },
  // Provider 6 names compute environments with `name`.
  { type: 'aws_batch_compute_environment', fields: ['compute_environment_name', 'name'], ignoreCase: false, what: 'compute environment' },
  { type: 'aws_batch_job_queue', fields: ['name'], ignoreCase: false, what: 'job queue' },
  { type: 'aws_batch_scheduling_policy', fields: ['name'], ignoreCase: false, what: 'scheduling policy' },
  { type: 'aws_batch_job_definition', fields: ['name'], ignoreCase: false, what: 'job definition' },
];

/**
 * Two resources, or the instances of one counted resource, that give AWS
 * the same name: IAM role, instance profile and policy names are unique in
 * the account and ignore case (`Batch-Job` and `batch-job` collide); Batch
 * compute environment, job queue and scheduling policy names are unique in
 * the region. The second create fails (EntityAlreadyExists,
 * "Object already exists"). Job definitions are the exception that does not
 * fail: two resources with one name register revisions of the same job
 * definition, a submit by name (or arn_prefix) runs whichever was
 * registered last, and destroying either deregisters every ACTIVE revision
 * of the name (resourceJobDefinitionDelete), the other's too. docs/aws-batch-facts.md#two-resources-with-one-name
 */
export const nameCollision: Rule = {
  id: 'BATCH_NAME_COLLISION',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'two resources with the same AWS name',
  why: 'IAM role, instance profile and policy names are unique in the account and ignore case; Batch compute environment, job queue and scheduling policy names are unique in the region. Two resources (or the instances of a resource with count or for_each) with the same name make the second create fail. Two job definitions with one name share its revisions: a submit by name runs whichever registered last, and destroying either deregisters the other\'s.',
  fix: 'Give each resource its own name (for count or for_each, include count.index or each.key in it), or a name_prefix.',
  link: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
  check(model: TerraformModel) {
    const out: Finding[] = [];
    for (const { type, fields, ignoreCase, what } of NAMED) {
      const byName = new Map<string, Resource[]>();
      for (const resource of model.all(type)) {
        const name = fields.map((f) => literalString(resource.body[f])).find((n) => n !== undefined);
        if (name === undefined || name === '') continue;
        const key = ignoreCase ? name.toLowerCase() : name;
        byName.set(key, [...(byName.get(key) ?? []), resource]);
      }
      for (const all of byName.values()) {
        // The instances of one block (count or for_each) that share the name: one finding for the block.
        const blocks = new Map<string, Resource[]>();
        for (const r of all) blocks.set(r.block, [...(blocks.get(r.block) ?? []), r]);
        for (const instances of blocks.values()) {
          if (instances.length < 2) continue;
          const first = instances[0]!;
          const name = fields.map((f) => literalString(first.body[f])).find((n) => n !== undefined);
          const counted = /\[\d+\]$/.test(first.address);
          out.push(finding(this, first, `every one of its ${instances.length} instances (${counted ? 'count' : 'for_each'}) is the ${what} ${JSON.stringify(name)}: all but the first ${type === 'aws_batch_job_definition' ? 'register revisions of the same job definition' : 'fail to create'}`, `Put ${counted ? 'count.index' : 'each.key'} in the name.`));
        }
        const group = [...blocks.values()].map((instances) => instances[0]!);
        if (group.length < 2) continue;
        const names = group.map((r) => JSON.stringify(fields.map((f) => literalString(r.body[f])).find((n) => n !== undefined)));
        const sameText = new Set(names).size === 1;
        const consequence =
          type === 'aws_batch_job_definition'
            ? 'both register revisions of one job definition: a submit by name or arn_prefix runs whichever was registered last, and destroying either deregisters every revision, the other\'s too'
            : `the second create fails${sameText ? '' : ' (IAM ignores case in names)'}`;
        for (const resource of group.slice(1)) {
          out.push(
            finding(
              this,
              resource,
              `is the ${what} ${names[group.indexOf(resource)]}, like ${group[0]!.address} (${names[0]}): ${consequence}`,
              `Rename ${resource.address} or ${group[0]!.address}.`,
            ),
          );
        }
      }
    }
    return out;
  },
};
