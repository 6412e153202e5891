import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';

/** SNS topics are not encrypted at rest unless kms_master_key_id names a key. */
export const secSnsUnencrypted: Rule = {
  id: 'BATCH_SEC_SNS_UNENCRYPTED',
  severity: 'warning',
  title: 'SNS topic without encryption',
  why: 'SNS stores messages until they are delivered; without kms_master_key_id they are stored unencrypted. Job notifications carry job names, queues, status reasons and log stream names.',
  fix: 'Set kms_master_key_id to a customer managed key whose policy lets the publishers use it (EventBridge cannot publish to a topic encrypted with alias/aws/sns).',
  check(model) {
    const out: Finding[] = [];
    for (const topic of model.all('aws_sns_topic')) {
      const key = topic.body['kms_master_key_id'];
      if (key !== undefined && key !== null && key !== '') continue;
      out.push(finding(this, topic, 'kms_master_key_id is not set: messages are stored unencrypted'));
    }
    return out;
  },
};
