import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { dependsOnAddresses } from '../../terraform/refs';
import { computeEnvironments, customServiceRole } from '../../views/compute-environments';
import { roleAttachments } from '../../views/iam/attachments';

/**
 * BATCH-FACTS, "Destroy order": the CE needs its service role to tear down;
 * if Terraform deletes the role's policy attachment first, the CE goes
 * INVALID and its delete hangs. The CE must depend on the attachment, not
 * only on the role (the reference to the role's ARN orders the role only).
 */
export const ceServiceRoleDestroyOrder: Rule = {
  id: 'BATCH_CE_SERVICE_ROLE_DESTROY_ORDER',
  severity: 'error',
  title: "custom service role: compute environment does not depend on the role's policy attachment",
  why: "On destroy Terraform may delete the service role's policy attachment before the compute environment; the environment then lacks permissions to tear down, goes INVALID and its deletion hangs.",
  fix: "Add the role's policy attachment(s) to the compute environment's depends_on, or drop service_role and use the service-linked role.",
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      const role = customServiceRole(model, ce);
      if (role === undefined || role === 'unknown') continue;
      const dependsOn = new Set(dependsOnAddresses(ce.resource.body['depends_on']));
      const missing = roleAttachments(model, role).map((a) => a.resource).filter((a) => !dependsOn.has(a.address));
      if (missing.length === 0) continue;
      out.push(finding(
        this,
        ce.resource,
        `service_role ${role.address} gets its permissions from ${missing.map((m) => m.address).join(', ')}, which depends_on does not list: destroy can delete them first and hang`,
        `Add depends_on = [${missing.map((m) => m.address).join(', ')}] to ${ce.resource.address}, or drop service_role.`,
      ));
    }
    return out;
  },
};
