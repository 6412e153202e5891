import { judgeEach, skip } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { allowedActions, identityPolicies, unreadIdentityPolicies } from '../../views/iam/roles';

/**
 * `service:*` grants every action of one service, including the
 * destructive and administrative ones (s3:DeleteBucket, s3:PutBucketPolicy).
 * A warning: some setups (a scratch bucket the job owns) use it knowingly.
 */
export const secIamServiceWildcard: Rule = {
  id: 'BATCH_SEC_IAM_SERVICE_WILDCARD',
  severity: 'warning',
  pack: 'security',
  title: 'IAM policy allows every action of a service',
  why: 'An Allow of "<service>:*" grants every current and future API of that service, including the ones that delete data or rewrite its access policies (s3:PutBucketPolicy, kms:ScheduleKeyDeletion), far more than a job ever calls.',
  fix: 'List the actions the workload calls, e.g. ["s3:GetObject", "s3:PutObject"] instead of "s3:*".',
  link: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
  check(model) {
    for (const { resource, reason } of unreadIdentityPolicies(model)) skip(this, resource, reason);
    return judgeEach(this, identityPolicies(model), (policy) => {
      const wildcards = [...new Set(allowedActions(policy).filter((a) => /^[\w-]+:\*$/.test(a)))];
      if (wildcards.length === 0) return undefined;
      return `${policy.attribute} allows ${wildcards.map((a) => `"${a}"`).join(', ')}`;
    });
  },
};
