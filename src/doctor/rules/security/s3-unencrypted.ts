import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalString } from '../../terraform/model';

const SSE = 'aws_s3_bucket_server_side_encryption_configuration';

/**
 * Provider 5.x moved a bucket's encryption to its own resource,
 * aws_s3_bucket_server_side_encryption_configuration; the inline block is
 * deprecated but still read. Since January 2023 S3 applies SSE-S3 to new
 * objects of every bucket anyway, so this is a warning about intent: without
 * a configuration Terraform does not own the bucket's encryption, and a
 * change to it (or a bucket key, or SSE-KMS) is drift nobody reviews.
 */
export const secS3Unencrypted: Rule = {
  id: 'BATCH_SEC_S3_UNENCRYPTED',
  severity: 'warning',
  pack: 'security',
  title: 'S3 bucket without an encryption configuration',
  why: 'A bucket without a server-side encryption configuration relies on S3\'s account-wide default (SSE-S3 since 2023). Terraform then neither states nor enforces how the bucket is encrypted, and a console change to it goes unnoticed.',
  fix: 'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket with apply_server_side_encryption_by_default (sse_algorithm = "AES256", or "aws:kms" with a key).',
  link: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html',
  check(model) {
    const configs = model.all(SSE);
    // A configuration whose bucket is a variable or a data source might be for any bucket.
    if (configs.some((c) => !model.target(c.body['bucket']) && literalString(c.body['bucket']) === undefined)) return [];
    const names = new Set(configs.map((c) => literalString(c.body['bucket'])).filter((n) => n !== undefined));
    return judgeEach(this, model.all('aws_s3_bucket'), (bucket) => {
      // The deprecated inline block (or an expression for it): configured, or not knowable.
      if (bucket.body['server_side_encryption_configuration'] !== undefined) return undefined;
      if (model.referrers(SSE, 'bucket', bucket).length > 0) return undefined;
      const name = literalString(bucket.body['bucket']);
      if (name !== undefined && names.has(name)) return undefined;
      return `no ${SSE} names this bucket`;
    });
  },
};
