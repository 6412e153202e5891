import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { batchLaunchTemplates, ebsEncryptedByDefault, ebsMappings } from '../../views/launch-templates';

/**
 * A launch template that maps no EBS volume leaves the root volume to the
 * AMI's block device mapping: the ECS-optimised AMIs' root snapshot is not
 * encrypted, so neither is the volume unless the account encrypts by default.
 */
export const secRootVolumeUnmapped: Rule = {
  id: 'BATCH_SEC_ROOT_VOLUME_UNMAPPED',
  severity: 'warning',
  pack: 'security',
  title: 'launch template leaves the root volume unencrypted',
  why: 'Without a block_device_mappings entry for the root device, instances take the AMI\'s root volume settings; the ECS-optimised AMIs\' root snapshot is unencrypted, so the root volume (container images, job scratch data) is too unless the account turned on EBS encryption by default.',
  fix: 'Map the root device with encryption: block_device_mappings { device_name = "/dev/xvda", ebs { encrypted = true, volume_type = "gp3" } } (the root device of the ECS-optimised Amazon Linux AMIs).',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/launch-templates.html',
  check(model) {
    if (ebsEncryptedByDefault(model)) return [];
    return judgeEach(this, batchLaunchTemplates(model), ([template, ces]) => {
      const mappings = ebsMappings(template);
      if (!mappings) return { unknown: `block_device_mappings ${model.why(template.body['block_device_mappings']) ?? 'is an expression'}` };
      if (mappings.length > 0) return undefined;
      return `maps no EBS volume, so the root volume of ${ces.map((ce) => ce.resource.address).join(', ')} instances is created from the AMI unencrypted`;
    }, ([template]) => template);
  },
};
