import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { dependsOnAddresses } from '../../terraform/refs';
import { computeEnvironments, customServiceRole } from '../../views/compute-environments';
import { ALL_ROLE_ATTACHMENT_KINDS, roleAttachments } from '../../views/iam/attachments';

/**
 * The compute environment needs its service role's permissions to tear
 * down; if Terraform deletes what grants them first, the environment goes
 * INVALID and its delete hangs. The CE must depend on every resource that
 * grants the role its permissions (each attachment kind: they are all
 * deleted separately from the role), not only on the role: the reference to
 * the role's ARN orders the role alone
 * (docs/aws-batch-facts.md#destroy-order-and-the-service-role).
 */
export const ceServiceRoleDestroyOrder: Rule = {
  id: 'BATCH_CE_SERVICE_ROLE_DESTROY_ORDER',
  severity: 'error',
  pack: 'change-safety',
  title: "custom service role: compute environment does not depend on the role's policy attachment",
  why: "On destroy Terraform may delete the service role's policy attachment before the compute environment; the environment then lacks permissions to tear down, goes INVALID and its deletion hangs.",
  fix: "Add the role's policy attachment(s) to the compute environment's depends_on, or drop service_role and use the service-linked role.",
  link: 'https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/website/docs/r/batch_compute_environment.html.markdown',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      const role = customServiceRole(model, ce);
      if (role === undefined || role === 'unknown') return undefined;
      const dependsOn = new Set(dependsOnAddresses(ce.resource.body['depends_on']));
      const missing = roleAttachments(model, role, ALL_ROLE_ATTACHMENT_KINDS).map((a) => a.resource).filter((a) => !dependsOn.has(a.address));
      if (missing.length === 0) return undefined;
      return {
        message: `service_role ${role.address} gets its permissions from ${missing.map((m) => m.address).join(', ')}, which depends_on does not list: destroy can delete them first and hang`,
        fix: `Add depends_on = [${missing.map((m) => m.address).join(', ')}] to ${ce.resource.address}, or drop service_role.`,
      };
    });
  },
};
