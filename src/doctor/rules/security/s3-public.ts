import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalString } from '../../terraform/model';
import { bucketPolicy, publicAccess } from '../../views/s3-buckets';

/** Canned ACLs that grant everyone access. */
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write']);

/**
 * A bucket everyone can read: its policy allows Principal "*" without a
 * condition, or a public canned ACL, and the configuration turned off the
 * Block Public Access setting that would refuse it (new buckets have it on
 * since April 2023, docs/aws-batch-facts.md#s3-default-encryption-and-public-access).
 * Encryption is not judged: S3 encrypts every new object by default.
 */
export const secS3Public: Rule = {
  id: 'BATCH_SEC_S3_PUBLIC',
  severity: 'warning',
  pack: 'security',
  title: 'S3 bucket open to everyone',
  why: 'A bucket policy that allows Principal "*" with no condition, or a public-read ACL, lets anyone on the internet read (or write) the bucket once Block Public Access is turned off for it. Job inputs and results are rarely meant for that.',
  fix: 'Remove the public grant (or scope it with a condition, e.g. aws:SourceVpce), and keep aws_s3_bucket_public_access_block with all four settings true.',
  link: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  check(model) {
    return judgeEach(this, model.all('aws_s3_bucket'), (bucket) => {
      const { statements, why } = bucketPolicy(model, bucket);
      const publicStatement = (statements ?? []).some(
        (s) => s.effect === 'Allow' && (s.principals ?? []).some((p) => p.id === '*') && (s.conditionKeys ?? ['unknown']).length === 0,
      );
      const acls = [bucket.body['acl'], ...model.all('aws_s3_bucket_acl').filter((a) => model.target(a.body['bucket']) === bucket).map((a) => a.body['acl'])];
      const publicAcl = acls.some((a) => PUBLIC_ACLS.has(literalString(a) ?? ''));
      const policyOpen = publicStatement ? publicAccess(model, bucket, 'block_public_policy') : 'blocked';
      const aclOpen = publicAcl ? publicAccess(model, bucket, 'block_public_acls') : 'blocked';
      if (policyOpen === 'open') return 'its bucket policy allows Principal "*" without a condition, and Block Public Access is turned off for it (block_public_policy = false): anyone can use what it grants';
      if (aclOpen === 'open') return 'it has a public canned ACL, and Block Public Access is turned off for it (block_public_acls = false): anyone can read it';
      if (policyOpen === 'unknown' || aclOpen === 'unknown') return { unknown: 'its aws_s3_bucket_public_access_block settings are expressions' };
      if (why) return { unknown: why };
      return undefined;
    });
  },
};
