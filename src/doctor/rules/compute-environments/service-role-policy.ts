import { BATCH_SERVICE_POLICY } from '../../../aws/managed-policies';
import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { computeEnvironments, customServiceRole } from '../../views/compute-environments';
import { hasManagedPolicy } from '../../views/iam/attachments';

/** BATCH-FACTS, RUNNABLE causes: "custom service role without the AWSBatchServiceRole policy". */
export const ceServiceRolePolicy: Rule = {
  id: 'BATCH_CE_SERVICE_ROLE_POLICY',
  severity: 'error',
  title: 'custom service role without AWSBatchServiceRole',
  why: 'Batch manages instances, Auto Scaling and ECS through the service role; without the AWSBatchServiceRole policy (or equivalent permissions) the compute environment goes INVALID and jobs stay RUNNABLE.',
  fix: 'Drop service_role so Batch uses its service-linked role, or attach arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole to the role.',
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      const role = customServiceRole(model, ce);
      if (role === undefined || role === 'unknown' || hasManagedPolicy(model, role, BATCH_SERVICE_POLICY) !== 'no') continue;
      out.push(finding(this, ce.resource, `service_role ${role.address} has no AWSBatchServiceRole attachment`));
    }
    return out;
  },
};
