import { BATCH_SERVICE_POLICY } from '../../../aws/managed-policies';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalString, literalStrings, type Resource, type TerraformModel } from '../../terraform/model';
import { computeEnvironments, serviceRole } from '../../views/compute-environments';
import { ROLE_ATTACHMENT_KINDS, roleAttachments } from '../../views/iam/attachments';

/**
 * The compute environment needs its service role's permissions to tear
 * down; if Terraform deletes what grants them first, the environment goes
 * INVALID and its delete hangs. Terraform destroys in reverse dependency
 * order, so the environment must depend (by reference, depends_on, or its
 * module call's depends_on) on what grants the role AWSBatchServiceRole:
 * the reference to the role's ARN orders the role alone
 * (docs/aws-batch-facts.md#destroy-order-and-the-service-role).
 *
 * What counts as granting: the attachment of AWSBatchServiceRole when the
 * role has one (another attachment of the same role carries nothing the
 * environment needs); otherwise every attachment and inline policy resource
 * that could. Exclusive attachment lists and policies embedded in the role
 * (managed_policy_arns, inline_policy) detach nothing on destroy, so they
 * never need ordering; aws_iam_role_policy resources do delete their policy
 * (docs/aws-batch-facts.md#what-deleting-an-iam-attachment-removes).
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
      const role = serviceRole(model, ce);
      if (role.kind === 'unknown') return { unknown: role.reason };
      if (role.kind !== 'custom' || !role.role) return undefined;
      const needed = grants(model, role.role);
      if (needed.length === 0) return undefined;
      const dependencies = model.dependencies(ce.resource);
      const missing = needed.filter((a) => !dependencies.blocks.has(a.block));
      if (missing.length === 0) return undefined;
      if (!dependencies.complete) return { unknown: `its dependencies go through a module that was not read, which may order ${missing.map((m) => m.address).join(', ')}` };
      const names = [...new Set(missing.map((m) => m.block))];
      return {
        message: `service_role ${role.role.address} gets its permissions from ${names.join(', ')}, which the compute environment does not depend on: destroy can delete them first and hang`,
        fix: `Add depends_on = [${names.join(', ')}] to ${ce.resource.block}${ce.resource.module ? ' (or depends_on to its module call)' : ''}, or drop service_role.`,
      };
    });
  },
};

/** The resources whose destroy would take the Batch permissions away from the role. */
function grants(model: TerraformModel, role: Resource): Resource[] {
  const { rolePolicyAttachment, policyAttachment, rolePolicy, rolePolicyAttachmentsExclusive } = ROLE_ATTACHMENT_KINDS;
  // Attachments that exist on their own and detach their policy when destroyed.
  const detaching = roleAttachments(model, role, [rolePolicyAttachment, policyAttachment]).map((a) => a.resource);
  const batchPolicy = detaching.filter((a) => BATCH_SERVICE_POLICY.test(policyArn(a)));
  if (batchPolicy.length > 0) return batchPolicy;
  // AWSBatchServiceRole held where destroy does not detach it: nothing to order.
  const embedded = literalStrings(role.body['managed_policy_arns']) ?? [];
  const exclusive = roleAttachments(model, role, [rolePolicyAttachmentsExclusive]).flatMap((a) => literalStrings(a.resource.body['policy_arns']) ?? []);
  if ([...embedded, ...exclusive].some((arn) => BATCH_SERVICE_POLICY.test(arn))) return [];
  // Otherwise anything that may carry the permissions: attachments of other policies, inline policy resources.
  return [...detaching, ...roleAttachments(model, role, [rolePolicy]).map((a) => a.resource)];
}

/** A policy ARN with its partition unknown still names its policy: `arn:${...}:iam::aws:policy/service-role/AWSBatchServiceRole`. */
function policyArn(attachment: Resource): string {
  const v = attachment.body['policy_arn'];
  return literalString(v) ?? (typeof v === 'string' ? v : '');
}
