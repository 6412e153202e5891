import { ADMIN_POLICIES, BATCH_MANAGED_POLICIES, awsManagedPolicyName } from '../../../aws/managed-policies';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { managedAttachments } from '../../views/iam/attachments';
import { batchRoles } from '../../views/iam/roles';

/**
 * Any other AWS managed policy on a Batch role is a warning: AWS managed
 * policies are broad by design (they cover every customer), and they change
 * under you when AWS updates them.
 */
export const secManagedPolicy: Rule = {
  id: 'BATCH_SEC_MANAGED_POLICY',
  severity: 'warning',
  pack: 'security',
  title: 'AWS managed policy beyond the Batch ones',
  why: 'AWS managed policies are written for every customer, so they grant whole services (AmazonS3FullAccess, AmazonSSMFullAccess) and grow when AWS updates them. Batch roles need only the Batch/ECS policies made for them; anything else a job needs is best an inline policy scoped to its own resources.',
  fix: 'Replace the managed policy with an aws_iam_role_policy listing the actions and resources the workload uses.',
  link: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
  check(model) {
    const attached = batchRoles(model).flatMap((trust) => managedAttachments(model, trust.role).map((attachment) => ({ trust, attachment })));
    return judgeEach(
      this,
      attached,
      ({ trust, attachment }) => {
        const name = awsManagedPolicyName(attachment.arn);
        if (name === undefined || ADMIN_POLICIES.has(name) || BATCH_MANAGED_POLICIES.has(name)) return undefined;
        return `${name} is attached to ${trust.role.address} (assumed by ${[...trust.services].sort().join(', ')}); Batch roles need only ${[...BATCH_MANAGED_POLICIES].join(', ')}`;
      },
      ({ attachment }) => attachment.resource,
    );
  },
};
