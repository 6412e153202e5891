/**
 * Where a stack keeps its Terraform state. Local by default (nothing to set
 * up for a first try); S3 when the environment's config names a bucket,
 * normally the one the bootstrap stack created.
 */
import { LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { ResolvedConfig } from '../config/schema';

export type StateBackendConfig = ResolvedConfig['backend'];

/**
 * Declares the backend of `stack` (id `id`).
 *
 * S3: `encrypt` on, and `use_lockfile` for Terraform's native S3 locking
 * (Terraform 1.10+: a `<key>.tflock` object next to the state), so no
 * DynamoDB table is needed. cdktf 0.21's S3Backend predates that argument,
 * hence the override.
 */
export function addStateBackend(stack: TerraformStack, id: string, backend: StateBackendConfig): void {
  if (!backend) {
    // By a relative path (from cdktf.out/stacks/<id>): cdktf's default is an
    // absolute path, which would differ on every machine.
    new LocalBackend(stack, { path: `../../../terraform.${id}.tfstate` });
    return;
  }
  new S3Backend(stack, { bucket: backend.bucket, key: backend.key, region: backend.region, encrypt: true });
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
