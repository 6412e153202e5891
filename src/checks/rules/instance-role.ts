import type { ComputeEnvironment } from '../batch';
import { literalString, literalStrings, type Resource, type TerraformModel } from '../model';

export type InstanceRole =
  | { readonly kind: 'profile'; readonly profile?: Resource; readonly role?: Resource }
  | { readonly kind: 'role'; readonly what: string }
  | { readonly kind: 'unknown' };

/** Follow compute_resources.instance_role to an instance profile and its role. */
export function instanceRole(model: TerraformModel, ce: ComputeEnvironment): InstanceRole {
  const value = ce.compute?.['instance_role'];
  const literal = literalString(value);
  if (literal !== undefined) {
    if (/:role\//.test(literal)) return { kind: 'role', what: literal };
    return /:instance-profile\//.test(literal) ? { kind: 'profile' } : { kind: 'unknown' };
  }
  const target = model.target(value);
  if (target?.type === 'aws_iam_role') return { kind: 'role', what: target.address };
  if (target?.type !== 'aws_iam_instance_profile') return { kind: 'unknown' };
  const role = model.target(target.body['role']);
  return { kind: 'profile', profile: target, ...(role?.type === 'aws_iam_role' ? { role } : {}) };
}


/**
 * Does the role carry the AWS managed policy matching `policy`? 'maybe' when
 * some grant cannot be read (a policy ARN from a variable, a custom or inline policy).
 */
export function hasManagedPolicy(model: TerraformModel, role: Resource, policy: RegExp): 'yes' | 'no' | 'maybe' {
  const arns: string[] = [];
  let maybe = false;
  const managed = literalStrings(role.body['managed_policy_arns']);
  if (managed) arns.push(...managed);
  else maybe = true;
  for (const a of model.referrers('aws_iam_role_policy_attachment', 'role', role)) {
    const arn = literalString(a.body['policy_arn']);
    if (arn === undefined) maybe = true;
    else arns.push(arn);
  }
  const inline = [
    ...model.referrers('aws_iam_role_policy', 'role', role),
    ...model.referrers('aws_iam_policy_attachment', 'roles', role),
    ...model.referrers('aws_iam_role_policy_attachments_exclusive', 'role_name', role),
  ];
  if (inline.length > 0 || role.body['inline_policy'] !== undefined) maybe = true;
  if (arns.some((a) => policy.test(a))) return 'yes';
  return maybe ? 'maybe' : 'no';
}
