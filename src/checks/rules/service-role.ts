import type { ComputeEnvironment } from '../batch';
import type { Resource, TerraformModel } from '../model';

/**
 * The custom service role of a compute environment: `undefined` when the CE
 * uses the service-linked role (no service_role), else the role resource
 * when it is in this configuration, or 'unknown'.
 */
export function customServiceRole(model: TerraformModel, ce: ComputeEnvironment): Resource | 'unknown' | undefined {
  const value = ce.resource.body['service_role'];
  if (value === undefined || value === null || value === '') return undefined;
  const role = model.target(value);
  return role?.type === 'aws_iam_role' ? role : 'unknown';
}

/** Resources that grant a role its permissions and are deleted separately from it. */
export function roleAttachments(model: TerraformModel, role: Resource): Resource[] {
  return [
    ...model.referrers('aws_iam_role_policy_attachment', 'role', role),
    ...model.referrers('aws_iam_role_policy', 'role', role),
    ...model.referrers('aws_iam_policy_attachment', 'roles', role),
    ...model.referrers('aws_iam_role_policies_exclusive', 'role_name', role),
    ...model.referrers('aws_iam_role_policy_attachments_exclusive', 'role_name', role),
  ];
}
