/**
 * Terraform addresses come from the user's names, never from construct paths
 * or hashes: `aws_batch_job_queue.main`, `aws_iam_role.job_hello`. Adding,
 * removing or reordering one config entry therefore never moves another
 * resource, and the HCL a reviewer reads says what each thing is. (A schedule's
 * address joins two keys: src/config/addresses.ts, so the config checks can
 * keep it unique.)
 */
interface HasLogicalId {
  overrideLogicalId(id: string): void;
}

/** Gives a resource the Terraform name `logicalName` and returns it. */
export function named<T extends HasLogicalId>(resource: T, logicalName: string): T {
  resource.overrideLogicalId(logicalName);
  return resource;
}
