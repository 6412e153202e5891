import { ECS_AMI_ROOT_DEVICE } from '../../../aws/root-volume';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { describeImage, rootSnapshotGiB, rootVolumeSizes } from '../../views/root-volumes';

/**
 * BATCH_CE_ROOT_VOLUME_BELOW_SNAPSHOT where the AMI's root snapshot size is
 * not known (a custom AMI, or one the configuration cannot see): the size
 * could not be judged, and the doctor says so instead of passing it
 * (docs/aws-batch-facts.md#root-volume-of-batch-instances).
 */
export const ceRootVolumeUnchecked: Rule = {
  id: 'BATCH_CE_ROOT_VOLUME_UNCHECKED',
  severity: 'warning',
  pack: 'batch-readiness',
  title: "root volume size that cannot be checked against the AMI's snapshot",
  why: "EC2 refuses a root volume smaller than the AMI's root snapshot, and instances then never launch. For a custom AMI (image_id_override, image_id, or an AMI the configuration cannot see) the snapshot size is not in the configuration, so the volume size the launch template sets could not be checked.",
  fix: "Check the AMI's root snapshot size (aws ec2 describe-images --image-ids <ami> --query 'Images[0].BlockDeviceMappings') and keep volume_size at least that; then suppress this finding, with that as the reason.",
  link: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchTemplateEbsBlockDeviceRequest.html',
  check(model) {
    return judgeEach(this, rootVolumeSizes(model), ({ sizeGiB, computeEnvironments }) => {
      const unknown = computeEnvironments.filter((ce) => rootSnapshotGiB(ce) === undefined);
      if (unknown.length === 0) return undefined;
      return `maps the root volume ${ECS_AMI_ROOT_DEVICE} at ${sizeGiB} GiB for ${unknown.map((ce) => `${ce.resource.address} (${describeImage(ce)})`).join(', ')}; the AMI's root snapshot size is not in the configuration, so the size could not be checked`;
    }, ({ template }) => template);
  },
};
