import { judgeEach, skip } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { allowedActions, identityPolicies, unreadIdentityPolicies } from '../../views/iam/roles';

/** `"Action": "*"` in an Allow statement: every API of every service, IAM included. */
export const secIamAllActions: Rule = {
  id: 'BATCH_SEC_IAM_ALL_ACTIONS',
  severity: 'error',
  pack: 'security',
  title: 'IAM policy allows every action',
  why: 'An Allow of "*" grants every API of every AWS service, including iam:* — whoever runs with it can make themselves administrator. A job or instance role with it turns any bug in a container into an account takeover.',
  fix: 'List the actions the workload calls (s3:GetObject, sqs:SendMessage, ...) and scope Resource to its own ARNs.',
  link: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
  check(model) {
    for (const { resource, reason } of unreadIdentityPolicies(model)) skip(this, resource, reason);
    return judgeEach(this, identityPolicies(model), (policy) => {
      if (!allowedActions(policy).includes('*')) return undefined;
      return `${policy.attribute} allows Action "*"`;
    });
  },
};
