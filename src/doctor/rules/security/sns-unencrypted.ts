import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';

/** SNS topics are not encrypted at rest unless kms_master_key_id names a key. */
export const secSnsUnencrypted: Rule = {
  id: 'BATCH_SEC_SNS_UNENCRYPTED',
  severity: 'warning',
  pack: 'security',
  title: 'SNS topic without encryption',
  why: 'SNS stores messages until they are delivered; without kms_master_key_id they are stored unencrypted. Job notifications carry job names, queues, status reasons and log stream names.',
  fix: 'Set kms_master_key_id to a customer managed key whose policy lets the publishers use it (EventBridge cannot publish to a topic encrypted with alias/aws/sns).',
  link: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
  check(model) {
    return judgeEach(this, model.all('aws_sns_topic'), (topic) => {
      const key = topic.body['kms_master_key_id'];
      if (key !== undefined && key !== null && key !== '') return undefined;
      return 'kms_master_key_id is not set: messages are stored unencrypted';
    });
  },
};
