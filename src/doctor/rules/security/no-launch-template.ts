import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';
import { ceLaunchTemplate, ebsEncryptedByDefault } from '../../views/launch-templates';

/**
 * Without a launch template Batch launches instances with the AMI's
 * defaults: metadata options that allow IMDSv1 on most AMIs, and a root
 * volume from the AMI's unencrypted snapshot unless the account encrypts new
 * EBS volumes by default (a setting outside this configuration).
 */
export const secNoLaunchTemplate: Rule = {
  id: 'BATCH_SEC_NO_LAUNCH_TEMPLATE',
  severity: 'warning',
  pack: 'security',
  title: 'EC2 compute environment without a launch template',
  why: 'Without a launch template the instances get the AMI\'s defaults: IMDSv1 allowed (instance role credentials readable by any SSRF in a container) and a root volume encrypted only if the account turned on EBS encryption by default.',
  fix: 'Add an aws_launch_template with metadata_options.http_tokens = "required" and an encrypted root volume (block_device_mappings { device_name = "/dev/xvda", ebs { encrypted = true } }), and set compute_resources.launch_template to it with version = its latest_version.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/launch-templates.html',
  check(model) {
    const encryptedByDefault = ebsEncryptedByDefault(model);
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.fargate === true || ce.kind === 'UNMANAGED') return undefined;
      if (ce.fargate === undefined) return ce.why.platform ? { unknown: ce.why.platform } : undefined;
      if (ceLaunchTemplate(model, ce) !== 'none') return undefined;
      const volume = encryptedByDefault ? '' : ', and the root volume is encrypted only if the account encrypts EBS by default';
      return `${ce.platform} compute environment has no launch_template: instances allow IMDSv1 unless the AMI requires IMDSv2${volume}`;
    });
  },
};
