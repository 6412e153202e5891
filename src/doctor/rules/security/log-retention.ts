import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalNumber } from '../../terraform/model';

/** CloudWatch Logs keeps events forever unless the group sets a retention (0 also means never expire). */
export const secLogRetention: Rule = {
  id: 'BATCH_SEC_LOG_RETENTION',
  severity: 'warning',
  pack: 'security',
  title: 'log group without retention',
  why: 'A log group without retention_in_days keeps every event forever: job output (which often contains data and sometimes credentials) piles up indefinitely, along with its storage bill.',
  fix: 'Set retention_in_days to one of CloudWatch\'s periods (e.g. 30, 90, 365).',
  link: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html',
  check(model) {
    return judgeEach(this, model.all('aws_cloudwatch_log_group'), (group) => {
      const raw = group.body['retention_in_days'];
      const days = raw === undefined || raw === null ? 0 : literalNumber(raw);
      if (days === undefined) return { unknown: `retention_in_days ${model.why(raw) ?? 'is an expression'}` };
      if (days !== 0) return undefined;
      return raw === undefined || raw === null ? 'retention_in_days is not set: events never expire' : 'retention_in_days is 0: events never expire';
    });
  },
};
