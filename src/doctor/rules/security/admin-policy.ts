import { ADMIN_POLICIES, awsManagedPolicyName } from '../../../aws/managed-policies';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { managedAttachments } from '../../views/iam/attachments';
import { batchRoles } from '../../views/iam/roles';

export const secAdminPolicy: Rule = {
  id: 'BATCH_SEC_ADMIN_POLICY',
  severity: 'error',
  pack: 'security',
  title: 'administrator policy on a Batch role',
  why: 'Instances, containers, Batch, EventBridge and Scheduler assume these roles without a person in the loop. AdministratorAccess, PowerUserAccess or IAMFullAccess there hands the whole account to any code that runs in a job (IAMFullAccess can grant itself the rest).',
  fix: 'Detach it. Instance roles need AmazonEC2ContainerServiceforEC2Role, execution roles AmazonECSTaskExecutionRolePolicy, a custom service role AWSBatchServiceRole; give job roles an inline policy with the actions the job calls.',
  link: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
  check(model) {
    const attached = batchRoles(model).flatMap((trust) => managedAttachments(model, trust.role).map((attachment) => ({ trust, attachment })));
    return judgeEach(
      this,
      attached,
      ({ trust, attachment }) => {
        const name = awsManagedPolicyName(attachment.arn);
        if (name === undefined || !ADMIN_POLICIES.has(name)) return undefined;
        return `${name} is attached to ${trust.role.address}, which ${[...trust.services].sort().join(', ')} can assume`;
      },
      ({ attachment }) => attachment.resource,
    );
  },
};
