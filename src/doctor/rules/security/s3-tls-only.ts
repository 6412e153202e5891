import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { batchBuckets, bucketPolicy, someBucketPolicyUnknown } from '../../views/s3-buckets';

/**
 * S3 accepts plain HTTP unless the bucket policy denies requests where
 * aws:SecureTransport is false (AWS Security Hub control S3.5). Only buckets
 * that Batch work uses are judged: a policy of a Batch role (job, execution,
 * instance or service role) names them
 * (docs/aws-batch-facts.md#s3-default-encryption-and-public-access).
 */
export const secS3TlsOnly: Rule = {
  id: 'BATCH_SEC_S3_TLS_ONLY',
  severity: 'warning',
  pack: 'security',
  title: 'S3 bucket used by Batch accepts plain HTTP',
  why: 'A bucket policy without a Deny on aws:SecureTransport = false lets any client with credentials read and write over unencrypted HTTP. Jobs move their inputs and results through these buckets; TLS-only is the one transport guarantee the bucket itself can enforce.',
  fix: 'Add a bucket policy statement: Effect "Deny", Principal "*", Action "s3:*", Resource the bucket and bucket/*, Condition { Bool = { "aws:SecureTransport" = "false" } }.',
  link: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
  check(model) {
    const open = someBucketPolicyUnknown(model);
    return judgeEach(this, [...batchBuckets(model)], (bucket) => {
      const { statements, why } = bucketPolicy(model, bucket);
      if (!statements) return { unknown: why! };
      const tlsOnly = statements.some((s) => s.effect === 'Deny' && (s.conditionKeys ?? []).includes('aws:securetransport'));
      if (tlsOnly) return undefined;
      if (open) return { unknown: open };
      return 'no bucket policy statement denies requests with aws:SecureTransport = false, and a Batch role uses the bucket';
    });
  },
};
