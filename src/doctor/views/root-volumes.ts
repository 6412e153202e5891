import { ECS_AMI_ROOT_DEVICE, ECS_AMI_ROOT_SNAPSHOT_GIB } from '../../aws/root-volume';
import { block, blocks, literalNumber, literalString, type Resource, type TerraformModel } from '../terraform/model';
import type { ComputeEnvironment } from './compute-environments';
import { batchLaunchTemplates } from './launch-templates';

/**
 * Root volumes Batch instances get from their launch template, and what can
 * be known of the AMI's root snapshot they must not be smaller than
 * (docs/aws-batch-facts.md#root-volume-of-batch-instances).
 */

export interface RootVolumeSize {
  /** The launch template mapping the root device. */
  readonly template: Resource;
  /** Its literal volume_size, GiB; undefined when the size is unknown (`why` says why). */
  readonly sizeGiB?: number;
  readonly why?: string;
  /** The EC2/SPOT compute environments launching from the template. */
  readonly computeEnvironments: readonly ComputeEnvironment[];
}

/**
 * Launch templates of Batch compute environments that give the ECS AMIs'
 * root device (/dev/xvda) a size of their own (not a volume made from a
 * snapshot the template names): a literal, or a value the configuration
 * does not decide.
 */
export function rootVolumeSizes(model: TerraformModel): readonly RootVolumeSize[] {
  return model.memoize('lt:root-volume-sizes', () => {
    const out: RootVolumeSize[] = [];
    for (const [template, ces] of batchLaunchTemplates(model)) {
      const root = (blocks(template.body, 'block_device_mappings') ?? []).find((m) => literalString(m['device_name']) === ECS_AMI_ROOT_DEVICE);
      const ebs = block(root, 'ebs');
      const size = ebs?.['volume_size'];
      const snapshot = ebs?.['snapshot_id'];
      if (size === undefined || size === null || (snapshot !== undefined && snapshot !== null)) continue;
      const sizeGiB = literalNumber(size);
      out.push(sizeGiB !== undefined ? { template, sizeGiB, computeEnvironments: ces } : { template, why: `volume_size ${model.why(size) ?? 'is an expression'}`, computeEnvironments: ces });
    }
    return out;
  });
}

/**
 * The root snapshot size of the AMI a compute environment boots, when that
 * is Batch's ECS-optimized AMI for image types whose size is known;
 * undefined for a custom AMI, or one the configuration cannot see.
 */
export function rootSnapshotGiB(ce: ComputeEnvironment): number | undefined {
  if (ce.customImage !== 'none' || ce.imageTypes === undefined) return undefined;
  // No ec2_configuration: Batch's default image type, an ECS-optimized AMI as well.
  const sizes = (ce.imageTypes.length > 0 ? ce.imageTypes : ['ECS_AL2023']).map((t) => ECS_AMI_ROOT_SNAPSHOT_GIB[t]);
  return sizes.every((s) => s !== undefined) ? Math.max(...(sizes as number[])) : undefined;
}

/** Where a compute environment's AMI comes from, in words for a finding. */
export function describeImage(ce: ComputeEnvironment): string {
  if (typeof ce.customImage === 'object') return `a custom AMI from ${ce.customImage.source}`;
  if (ce.customImage === 'unknown') return 'an AMI the configuration cannot see';
  return `image type ${(ce.imageTypes ?? ['unknown']).join(', ')}`;
}
