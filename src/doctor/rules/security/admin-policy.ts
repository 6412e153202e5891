import { ADMIN_POLICIES, awsManagedPolicyName } from '../../../aws/managed-policies';
import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { managedAttachments } from '../../views/iam/attachments';
import { batchRoles } from '../../views/iam/roles';

export const secAdminPolicy: Rule = {
  id: 'BATCH_SEC_ADMIN_POLICY',
  severity: 'error',
  title: 'administrator policy on a Batch role',
  why: 'Instances, containers, Batch, EventBridge and Scheduler assume these roles without a person in the loop. AdministratorAccess, PowerUserAccess or IAMFullAccess there hands the whole account to any code that runs in a job (IAMFullAccess can grant itself the rest).',
  fix: 'Detach it. Instance roles need AmazonEC2ContainerServiceforEC2Role, execution roles AmazonECSTaskExecutionRolePolicy, a custom service role AWSBatchServiceRole; give job roles an inline policy with the actions the job calls.',
  check(model) {
    const out: Finding[] = [];
    for (const trust of batchRoles(model)) {
      for (const a of managedAttachments(model, trust.role)) {
        const name = awsManagedPolicyName(a.arn);
        if (name === undefined || !ADMIN_POLICIES.has(name)) continue;
        out.push(finding(this, a.resource, `${name} is attached to ${trust.role.address}, which ${[...trust.services].sort().join(', ')} can assume`));
      }
    }
    return out;
  },
};
