import { ECS_AMI_ROOT_DEVICE } from '../../../aws/root-volume';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { describeImage, rootSnapshotGiB, rootVolumeSizes } from '../../views/root-volumes';

/**
 * EC2 refuses to launch an instance whose root volume is smaller than the
 * AMI's root snapshot (docs/aws-batch-facts.md#root-volume-of-batch-instances).
 * The snapshot size is known for the ECS-optimized AMIs Batch picks by image
 * type. For any other AMI (a custom one, or one the configuration cannot
 * see), or a size that is not known, the check is reported as skipped, with
 * the reason, instead of passing.
 */
export const ceRootVolumeBelowSnapshot: Rule = {
  id: 'BATCH_CE_ROOT_VOLUME_BELOW_SNAPSHOT',
  severity: 'error',
  pack: 'batch-readiness',
  title: "root volume smaller than the AMI's root snapshot",
  why: 'EC2 refuses a block device mapping whose volume is smaller than the snapshot it is made from (InvalidBlockDeviceMapping: Volume of size X is smaller than snapshot). The ECS-optimized AMIs Batch picks have a 30 GiB root snapshot at /dev/xvda, so a launch template mapping /dev/xvda with less launches no instance and jobs stay RUNNABLE.',
  fix: "Set volume_size of the /dev/xvda mapping to at least 30 (the ECS-optimized AMIs' root snapshot), or leave it out to keep the AMI's size.",
  link: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchTemplateEbsBlockDeviceRequest.html',
  check(model) {
    return judgeEach(this, rootVolumeSizes(model), ({ sizeGiB, why, computeEnvironments }) => {
      if (sizeGiB === undefined) return { unknown: why ?? 'volume_size is not known' };
      const below = computeEnvironments.filter((ce) => sizeGiB < (rootSnapshotGiB(ce) ?? 0));
      if (below.length === 0) {
        const unknown = computeEnvironments.filter((ce) => rootSnapshotGiB(ce) === undefined);
        if (unknown.length === 0) return undefined;
        return { unknown: `the root snapshot size of the AMI ${unknown.map((ce) => `${ce.resource.address} boots (${describeImage(ce)})`).join(', ')} is not in the configuration, so ${sizeGiB} GiB could not be checked against it` };
      }
      const snapshot = Math.max(...below.map((ce) => rootSnapshotGiB(ce)!));
      return {
        message: `maps the root volume ${ECS_AMI_ROOT_DEVICE} at ${sizeGiB} GiB, but ${below.map((ce) => ce.resource.address).join(', ')} boot${below.length === 1 ? 's' : ''} the ECS-optimized AMI, whose root snapshot is ${snapshot} GiB`,
        fix: `Set volume_size of the ${ECS_AMI_ROOT_DEVICE} mapping to at least ${snapshot}, or leave it out to keep the AMI's size.`,
      };
    }, ({ template }) => template);
  },
};
