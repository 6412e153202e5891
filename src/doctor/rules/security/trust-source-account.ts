import { judgeEach, skip } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { roleTrusts, serviceName, unreadTrusts } from '../../views/iam/roles';

/**
 * The confused-deputy problem (IAM user guide, "Cross-service confused
 * deputy prevention"): a service principal alone means "this service, acting
 * for any customer". These services put aws:SourceAccount / aws:SourceArn in
 * the request, so the trust policy can pin them to this account. EC2 does
 * not send them when an instance assumes its role, so ec2 is not checked.
 */
const SENDS_SOURCE = new Set(['ecs-tasks', 'batch', 'scheduler', 'events']);
const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn'];

export const secTrustSourceAccount: Rule = {
  id: 'BATCH_SEC_TRUST_SOURCE_ACCOUNT',
  severity: 'warning',
  pack: 'security',
  title: 'service trust without aws:SourceAccount',
  why: 'A trust policy naming only a service principal lets that service assume the role on behalf of any AWS account that knows the role ARN (the confused deputy). ECS tasks, Batch, EventBridge and Scheduler send aws:SourceAccount and aws:SourceArn, so the trust can be pinned to this account.',
  fix: 'Add Condition = { StringEquals = { "aws:SourceAccount" = "<your account id>" } } (or an ArnLike on aws:SourceArn) to the statement.',
  link: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  check(model) {
    for (const { role, reason } of unreadTrusts(model)) skip(this, role, reason);
    return judgeEach(this, roleTrusts(model), (trust) => {
      const unpinned = new Set<string>();
      for (const s of trust.statements) {
        if (!s.conditionKeys || s.conditionKeys.some((k) => SOURCE_KEYS.includes(k))) continue;
        for (const p of s.principals ?? []) {
          const service = serviceName(p);
          if (service && SENDS_SOURCE.has(service)) unpinned.add(p.id);
        }
      }
      if (unpinned.size === 0) return undefined;
      return `assume_role_policy lets ${[...unpinned].sort().join(', ')} assume the role with no aws:SourceAccount or aws:SourceArn condition`;
    }, (trust) => trust.role);
  },
};
