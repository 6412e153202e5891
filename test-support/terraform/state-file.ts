/**
 * Terraform's state file format, version 4 (what `terraform show -json`
 * does not give us, but `-state=<file>` reads). Only managed resources: data
 * sources are read again on every plan.
 */
import { createHash } from 'node:crypto';

export interface StateInstance {
  readonly index_key?: string | number;
  readonly schema_version: number;
  readonly attributes: Record<string, unknown>;
  readonly sensitive_attributes: readonly unknown[];
  /** Resources this one depends on, recorded at apply: they order its destroy after theirs. */
  readonly dependencies?: readonly string[];
  readonly create_before_destroy?: boolean;
}

export interface StateResource {
  readonly module?: string;
  readonly mode: 'managed';
  readonly type: string;
  readonly name: string;
  /** e.g. provider["registry.terraform.io/hashicorp/aws"] */
  readonly provider: string;
  readonly instances: StateInstance[];
}

export interface StateFile {
  readonly version: 4;
  readonly terraform_version: string;
  readonly serial: number;
  readonly lineage: string;
  readonly outputs: Record<string, unknown>;
  readonly resources: StateResource[];
  readonly check_results: null;
}

/** A lineage (UUID-shaped) derived from a seed, so the same inputs give the same file. */
function lineage(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function stateFile(resources: StateResource[], terraformVersion: string, serial: number, seed = 'batch-cdktf'): StateFile {
  return { version: 4, terraform_version: terraformVersion, serial, lineage: lineage(seed), outputs: {}, resources, check_results: null };
}

/** The address Terraform shows for a state resource instance. */
export function instanceAddress(resource: StateResource, instance: StateInstance): string {
  const base = `${resource.module ? `${resource.module}.` : ''}${resource.type}.${resource.name}`;
  if (instance.index_key === undefined) return base;
  return `${base}[${typeof instance.index_key === 'string' ? JSON.stringify(instance.index_key) : instance.index_key}]`;
}

/** Instance attributes by address, for looking values up while building the next state. */
export function attributesByAddress(state: StateFile | undefined): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  for (const resource of state?.resources ?? []) {
    for (const instance of resource.instances) map.set(instanceAddress(resource, instance), instance.attributes);
  }
  return map;
}
