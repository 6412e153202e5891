import { block, blocks, literalBool, literalString, type Body, type Resource, type TerraformModel } from '../terraform/model';
import { computeEnvironments, type ComputeEnvironment } from './compute-environments';

/**
 * The launch templates Batch starts EC2/SPOT instances from. Batch merges
 * compute_resources.launch_template into each instance launch, so the
 * template decides instance metadata (IMDS) options and the block devices.
 */

/** A template of this configuration, 'none' when the CE sets none, 'unknown' when it names one we cannot see. */
export function ceLaunchTemplate(model: TerraformModel, ce: ComputeEnvironment): Resource | 'none' | 'unknown' {
  const lt = block(ce.compute, 'launch_template');
  if (!lt) return ce.compute?.['launch_template'] === undefined ? 'none' : 'unknown';
  const value = lt['launch_template_id'] ?? lt['launch_template_name'];
  const target = model.target(value);
  if (target) return target.type === 'aws_launch_template' ? target : 'unknown';
  // A literal name of a template that is in this configuration.
  const name = literalString(value);
  return (name !== undefined ? templatesByName(model).get(name) : undefined) ?? 'unknown';
}

function templatesByName(model: TerraformModel): ReadonlyMap<string, Resource> {
  return model.memoize('lt:by-name', () => {
    const out = new Map<string, Resource>();
    for (const t of model.all('aws_launch_template')) {
      const name = literalString(t.body['name']);
      if (name !== undefined) out.set(name, t);
    }
    return out;
  });
}

/** Each launch template of this configuration used by EC2/SPOT compute environments, with those CEs. */
export function batchLaunchTemplates(model: TerraformModel): ReadonlyMap<Resource, readonly ComputeEnvironment[]> {
  return model.memoize('lt:batch', () => {
    const out = new Map<Resource, ComputeEnvironment[]>();
    for (const ce of computeEnvironments(model)) {
      if (ce.fargate !== false) continue;
      const t = ceLaunchTemplate(model, ce);
      if (typeof t === 'object') out.set(t, [...(out.get(t) ?? []), ce]);
    }
    return out;
  });
}

/** `aws_ebs_encryption_by_default` (enabled defaults to true) encrypts every new volume of the account and region. */
export function ebsEncryptedByDefault(model: TerraformModel): boolean {
  return model.all('aws_ebs_encryption_by_default').some((r) => r.body['enabled'] === undefined || literalBool(r.body['enabled']) === true);
}

export interface EbsMapping {
  readonly deviceName: string;
  /** true, false (not set counts as false), or undefined when an expression. */
  readonly encrypted?: boolean;
  /** From a snapshot: the volume inherits the snapshot's encryption when `encrypted` is not set. */
  readonly fromSnapshot: boolean;
}

/** The EBS block device mappings of a template; undefined when the list is an expression. */
export function ebsMappings(template: Resource): EbsMapping[] | undefined {
  const mappings = blocks(template.body, 'block_device_mappings');
  if (!mappings) return undefined;
  return mappings.flatMap((m: Body) => {
    const ebs = block(m, 'ebs');
    if (!ebs) return [];
    const raw = ebs['encrypted'];
    const encrypted = raw === undefined || raw === null ? false : literalBool(raw);
    return [{
      deviceName: literalString(m['device_name']) ?? '(device name unknown)',
      ...(encrypted !== undefined ? { encrypted } : {}),
      fromSnapshot: ebs['snapshot_id'] !== undefined && ebs['snapshot_id'] !== null,
    }];
  });
}
