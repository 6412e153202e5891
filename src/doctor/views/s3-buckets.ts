import { literalBool, literalString, type Resource, type TerraformModel } from '../terraform/model';
import { singleRef } from '../terraform/refs';
import { batchRoles } from './iam/roles';
import { policyStatements, type Statement } from './iam/documents';
import { ROLE_ATTACHMENT_KINDS, roleAttachments } from './iam/attachments';

/**
 * S3 buckets as the security rules read them: which ones Batch work uses
 * (a policy of a role that instances, containers or Batch assume names the
 * bucket), each bucket's bucket policy, and its Block Public Access settings.
 * S3 encrypts every new object with SSE-S3 by default since January 2023,
 * so encryption is not judged here
 * (docs/aws-batch-facts.md#s3-default-encryption-and-public-access).
 */

/** The bucket a value names, by reference or by its literal name. */
function bucketOf(model: TerraformModel, value: unknown): Resource | undefined {
  const target = model.target(value);
  if (target) return target.type === 'aws_s3_bucket' ? target : undefined;
  const name = literalString(value);
  return name === undefined ? undefined : model.all('aws_s3_bucket').find((b) => literalString(b.body['bucket']) === name);
}

/** Buckets of this configuration that a policy of a Batch role (job, execution, instance, service role) names. */
export function batchBuckets(model: TerraformModel): ReadonlySet<Resource> {
  return model.memoize('s3:batch-buckets', () => {
    const out = new Set<Resource>();
    const visit = (document: unknown): void => {
      // A data "aws_iam_policy_document": the buckets named in its statements.
      const ref = singleRef(document);
      const source = ref?.type === 'data' ? model.dataTarget(document) : undefined;
      for (const r of model.references(source ? source.body : document)) {
        const found = model.get(r.address ?? '') ?? model.get(r.block ?? '');
        if (found?.type === 'aws_s3_bucket') out.add(found);
      }
    };
    for (const { role } of batchRoles(model)) {
      for (const inline of [role.body['inline_policy']].flat()) if (inline && typeof inline === 'object') visit((inline as Record<string, unknown>)['policy']);
      for (const { resource } of roleAttachments(model, role, [ROLE_ATTACHMENT_KINDS.rolePolicy])) visit(resource.body['policy']);
      for (const { resource } of roleAttachments(model, role, [ROLE_ATTACHMENT_KINDS.rolePolicyAttachment, ROLE_ATTACHMENT_KINDS.policyAttachment])) {
        const policy = model.target(resource.body['policy_arn']);
        if (policy?.type === 'aws_iam_policy') visit(policy.body['policy']);
      }
    }
    return out;
  });
}

/** The bucket's policy statements: [] without a policy, undefined when it cannot be read (with why). */
export function bucketPolicy(model: TerraformModel, bucket: Resource): { statements?: Statement[]; why?: string } {
  const documents = [
    ...(bucket.body['policy'] !== undefined ? [bucket.body['policy']] : []),
    ...model.all('aws_s3_bucket_policy').filter((p) => bucketOf(model, p.body['bucket']) === bucket).map((p) => p.body['policy']),
  ];
  const statements: Statement[] = [];
  for (const document of documents) {
    const read = policyStatements(model, document);
    if (!read) return { why: `the bucket policy ${model.why(document) ?? 'cannot be read'}` };
    statements.push(...read);
  }
  return { statements };
}

/** A bucket policy on an unknown bucket (a variable) may be this bucket's. */
export function someBucketPolicyUnknown(model: TerraformModel): string | undefined {
  const open = model.all('aws_s3_bucket_policy').find((p) => !model.target(p.body['bucket']) && literalString(p.body['bucket']) === undefined);
  return open ? `${open.address} is for a bucket that ${model.why(open.body['bucket']) ?? 'cannot be told'}` : undefined;
}

export type PublicAccess = 'blocked' | 'open' | 'unknown';

/**
 * Whether S3 Block Public Access stops a public bucket policy (or a public
 * ACL) on this bucket. Since April 2023 every new bucket has it on; only an
 * aws_s3_bucket_public_access_block of this bucket turning a setting off
 * opens it (docs/aws-batch-facts.md#s3-default-encryption-and-public-access).
 */
export function publicAccess(model: TerraformModel, bucket: Resource, setting: 'block_public_policy' | 'block_public_acls'): PublicAccess {
  const blocks = model.all('aws_s3_bucket_public_access_block').filter((b) => bucketOf(model, b.body['bucket']) === bucket);
  if (blocks.length === 0) return 'blocked';
  let verdict: PublicAccess = 'blocked';
  for (const b of blocks) {
    const v = b.body[setting];
    // The resource's arguments default to false: a block resource that does not set one leaves it off.
    const on = v === undefined ? false : literalBool(v);
    if (on === undefined) verdict = 'unknown';
    else if (!on) return 'open';
  }
  return verdict;
}
