import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { ebsEncryptedByDefault, ebsMappings } from '../../views/launch-templates';

/**
 * `ebs.encrypted` defaults to false in a launch template: the volume is then
 * encrypted only if it comes from an encrypted snapshot or the account
 * encrypts new volumes by default (aws_ebs_encryption_by_default).
 */
export const secEbsUnencrypted: Rule = {
  id: 'BATCH_SEC_EBS_UNENCRYPTED',
  severity: 'error',
  pack: 'security',
  title: 'unencrypted EBS volume in a launch template',
  why: 'Job data, images and scratch files land on the instance volumes. An unencrypted volume (and its snapshots) can be read by anyone who gets hold of a snapshot or the detached volume; encryption costs nothing measurable.',
  fix: 'Set ebs { encrypted = true } on every block_device_mappings entry (optionally kms_key_id), or enable aws_ebs_encryption_by_default for the account and region.',
  link: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  check(model) {
    if (ebsEncryptedByDefault(model)) return [];
    return judgeEach(this, model.all('aws_launch_template'), (template) => {
      const mappings = ebsMappings(template);
      if (!mappings) return { unknown: `block_device_mappings ${model.why(template.body['block_device_mappings']) ?? 'is an expression'}` };
      const plain = mappings.filter((m) => m.encrypted === false && !m.fromSnapshot);
      if (plain.length === 0 && mappings.some((m) => m.encrypted === undefined)) return { unknown: 'block_device_mappings: ebs.encrypted is an expression' };
      if (plain.length === 0) return undefined;
      return `block_device_mappings ${plain.map((m) => m.deviceName).join(', ')} set no ebs.encrypted = true, so the volumes are created unencrypted`;
    });
  },
};
