import { literalString, type Resource, type TerraformModel } from '../../terraform/model';

/**
 * How policies reach an IAM role, in one list: every resource type of the
 * provider that attaches a policy to a role, with the attribute that names
 * the role and what it attaches. Each rule then picks explicitly which kinds
 * it reads (a rule about destroy order needs every one; a rule about a
 * managed policy only those that name one by ARN).
 */

export interface RoleAttachmentKind {
  /** The resource type. */
  readonly type: string;
  /** The attribute that names the role (by name or ARN). */
  readonly roleField: string;
  /**
   * What it attaches: a managed policy by ARN (`policy_arn`), a list of
   * managed policy ARNs (`policy_arns`), an inline policy document
   * (`policy`), or nothing itself (an exclusive list of inline policy names).
   */
  readonly attaches: 'managed-policy' | 'managed-policies' | 'inline-policy' | 'nothing';
}

export const ROLE_ATTACHMENT_KINDS = {
  rolePolicyAttachment: { type: 'aws_iam_role_policy_attachment', roleField: 'role', attaches: 'managed-policy' },
  rolePolicy: { type: 'aws_iam_role_policy', roleField: 'role', attaches: 'inline-policy' },
  policyAttachment: { type: 'aws_iam_policy_attachment', roleField: 'roles', attaches: 'managed-policy' },
  rolePoliciesExclusive: { type: 'aws_iam_role_policies_exclusive', roleField: 'role_name', attaches: 'nothing' },
  rolePolicyAttachmentsExclusive: { type: 'aws_iam_role_policy_attachments_exclusive', roleField: 'role_name', attaches: 'managed-policies' },
} as const satisfies Record<string, RoleAttachmentKind>;

/** Every kind, in the order attachments are listed (and named in messages). */
export const ALL_ROLE_ATTACHMENT_KINDS: readonly RoleAttachmentKind[] = Object.values(ROLE_ATTACHMENT_KINDS);

export interface RoleAttachment {
  readonly resource: Resource;
  readonly kind: RoleAttachmentKind;
}

/**
 * The resources of the given kinds that refer to the role, kind by kind in
 * the order given (each kind's resources sorted by name). The role's own
 * `managed_policy_arns` and `inline_policy` are not resources: see
 * managedAttachments and hasManagedPolicy.
 */
export function roleAttachments(model: TerraformModel, role: Resource, kinds: readonly RoleAttachmentKind[] = ALL_ROLE_ATTACHMENT_KINDS): RoleAttachment[] {
  return kinds.flatMap((kind) => model.referrers(kind.type, kind.roleField, role).map((resource) => ({ resource, kind })));
}

export interface ManagedAttachment {
  readonly arn: string;
  /** Where the attachment is written: the attachment resource, or the role (managed_policy_arns). */
  readonly resource: Resource;
}

/**
 * A policy ARN as far as it is known: a literal, or an AWS managed policy's
 * ARN whose partition comes from a data source
 * (`arn:${data.aws_partition.current.partition}:iam::aws:policy/...`), which
 * still names its policy.
 */
export function policyArn(value: unknown): string | undefined {
  const literal = literalString(value);
  if (literal !== undefined) return literal;
  if (typeof value !== 'string') return undefined;
  const m = /^arn:\$\{[^}]*\}(:iam::aws:policy\/[^$]*)$/.exec(value);
  return m ? `arn:aws${m[1]}` : undefined;
}

function policyArns(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const v of value) {
    const arn = policyArn(v);
    if (arn === undefined) return undefined;
    out.push(arn);
  }
  return out;
}

/** Managed policy ARNs attached to a role, as far as they are known: managed_policy_arns, and every kind that attaches managed policies. */
export function managedAttachments(model: TerraformModel, role: Resource): ManagedAttachment[] {
  const out: ManagedAttachment[] = [];
  for (const arn of policyArns(role.body['managed_policy_arns']) ?? []) out.push({ arn, resource: role });
  const kinds = ALL_ROLE_ATTACHMENT_KINDS.filter((k) => k.attaches === 'managed-policy' || k.attaches === 'managed-policies');
  for (const { resource, kind } of roleAttachments(model, role, kinds)) {
    if (kind.attaches === 'managed-policy') {
      const arn = policyArn(resource.body['policy_arn']);
      if (arn !== undefined) out.push({ arn, resource });
    } else {
      for (const arn of policyArns(resource.body['policy_arns']) ?? []) out.push({ arn, resource });
    }
  }
  return out;
}

/**
 * Does the role carry the AWS managed policy matching `policy`? 'maybe' when
 * some grant cannot be read. Reads managed_policy_arns and the ARNs of
 * aws_iam_role_policy_attachment, aws_iam_policy_attachment and exclusive
 * attachment lists; an inline policy (a resource or an inline_policy block)
 * only makes the answer 'maybe', as does an ARN that is an expression.
 */
export function hasManagedPolicy(model: TerraformModel, role: Resource, policy: RegExp): 'yes' | 'no' | 'maybe' {
  const arns: string[] = [];
  let maybe = false;
  const managed = policyArns(role.body['managed_policy_arns']);
  if (managed) arns.push(...managed);
  else maybe = true;
  for (const { resource } of roleAttachments(model, role, [ROLE_ATTACHMENT_KINDS.rolePolicyAttachment, ROLE_ATTACHMENT_KINDS.policyAttachment])) {
    const arn = policyArn(resource.body['policy_arn']);
    if (arn === undefined) maybe = true;
    else arns.push(arn);
  }
  for (const { resource } of roleAttachments(model, role, [ROLE_ATTACHMENT_KINDS.rolePolicyAttachmentsExclusive])) {
    const list = policyArns(resource.body['policy_arns']);
    if (list) arns.push(...list);
    else maybe = true;
  }
  const unread = [ROLE_ATTACHMENT_KINDS.rolePolicy];
  if (roleAttachments(model, role, unread).length > 0 || role.body['inline_policy'] !== undefined) maybe = true;
  if (arns.some((a) => policy.test(a))) return 'yes';
  return maybe ? 'maybe' : 'no';
}

/**
 * Where a managed policy can be attached as a permissions policy, to a role,
 * user or group: resource type and the attribute that names the policy.
 */
export const POLICY_ATTACHMENT_FIELDS: readonly (readonly [type: string, field: string])[] = [
  ['aws_iam_role_policy_attachment', 'policy_arn'],
  ['aws_iam_user_policy_attachment', 'policy_arn'],
  ['aws_iam_group_policy_attachment', 'policy_arn'],
  ['aws_iam_policy_attachment', 'policy_arn'],
  ['aws_iam_role', 'managed_policy_arns'],
  ['aws_iam_role_policy_attachments_exclusive', 'policy_arns'],
  ['aws_iam_user_policy_attachments_exclusive', 'policy_arns'],
  ['aws_iam_group_policy_attachments_exclusive', 'policy_arns'],
];
