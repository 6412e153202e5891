/**
 * Terraform addresses come from the user's names, never from construct paths
 * or hashes: `aws_batch_job_queue.main`, `aws_iam_role.job_hello`. Adding,
 * removing or reordering one config entry therefore never moves another
 * resource, and the HCL a reviewer reads says what each thing is. (A schedule's
 * address joins two keys: src/config/addresses.ts, so the config checks can
 * keep it unique.)
 *
 * Construct ids are not addresses, but constructs refuses two siblings with
 * one id. Config keys are unique only within their own map, so a scope holds
 * either the keys of one map (`keyedScopes`) or fixed ids, never both, and
 * never an id built from a key plus a suffix: `main-fair-share` next to
 * `main` would meet the queue of that name. A construct's helper resources
 * (a role's policies) are its own children for the same reason.
 */
import { Construct } from 'constructs';

interface HasLogicalId {
  overrideLogicalId(id: string): void;
}

/** Gives a resource the Terraform name `logicalName` and returns it. */
export function named<T extends HasLogicalId>(resource: T, logicalName: string): T {
  resource.overrideLogicalId(logicalName);
  return resource;
}

/** One child scope of `scope` per kind, each to hold the constructs of one config map by key. */
export function keyedScopes(scope: Construct, ...kinds: readonly string[]): Construct[] {
  return kinds.map((kind) => new Construct(scope, kind));
}
