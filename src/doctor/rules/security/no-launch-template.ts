import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
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
  title: 'EC2 compute environment without a launch template',
  why: 'Without a launch template the instances get the AMI\'s defaults: IMDSv1 allowed (instance role credentials readable by any SSRF in a container) and a root volume encrypted only if the account turned on EBS encryption by default.',
  fix: 'Add an aws_launch_template with metadata_options.http_tokens = "required" and an encrypted root volume (block_device_mappings { device_name = "/dev/xvda", ebs { encrypted = true } }), and set compute_resources.launch_template to it with version = its latest_version.',
  check(model) {
    const out: Finding[] = [];
    const encryptedByDefault = ebsEncryptedByDefault(model);
    for (const ce of computeEnvironments(model)) {
      if (ce.fargate !== false || ceLaunchTemplate(model, ce) !== 'none') continue;
      const volume = encryptedByDefault ? '' : ', and the root volume is encrypted only if the account encrypts EBS by default';
      out.push(finding(this, ce.resource, `${ce.platform} compute environment has no launch_template: instances allow IMDSv1 unless the AMI requires IMDSv2${volume}`));
    }
    return out;
  },
};
