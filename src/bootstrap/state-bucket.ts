/**
 * The S3 bucket every environment with an `s3` backend keeps its state in.
 */
import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { named } from '../stack/terraform-ids';
import { jsonDocument } from '../hcl/json-document';
import { tlsOnlyBucketPolicy } from './policies';

export class StateBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, bucketName: string) {
    super(scope, id);
    // Losing this bucket loses every environment's record of what it owns:
    // Terraform refuses to plan its destruction, and it is never emptied by force.
    this.bucket = named(
      new S3Bucket(this, 'bucket', { bucket: bucketName, forceDestroy: false, lifecycle: { preventDestroy: true } }),
      'state',
    );
    const bucket = this.bucket.id;

    // Every state write is a new version: a bad apply or a corrupted write can be rolled back.
    named(new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } }), 'state');
    // SSE-S3 rather than KMS: the roles need no key grants, and state is still encrypted at rest.
    named(
      new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
        bucket,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      }),
      'state',
    );
    const publicAccess = named(
      new S3BucketPublicAccessBlock(this, 'public-access', {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }),
      'state',
    );
    // ACLs off: access is decided by IAM and the bucket policy alone.
    named(new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } }), 'state');
    named(
      new S3BucketPolicy(this, 'policy', {
        bucket,
        policy: jsonDocument(tlsOnlyBucketPolicy(bucketName)),
        // S3 rejects concurrent configuration calls on one bucket ("OperationAborted"):
        // the policy waits for the public access block.
        dependsOn: [publicAccess],
      }),
      'state_tls_only',
    );
  }
}
