import { blocks, type Resource, type TerraformModel } from '../../terraform/model';
import { POLICY_ATTACHMENT_FIELDS } from './attachments';
import { policyStatements, type Principal, type Statement } from './documents';

/**
 * IAM as the configuration grants it: the identity policies it writes, the
 * roles and who may assume them, and the managed policies attached to them.
 * Each view is read once per model.
 */

// ---------------------------------------------------------------------------
// Identity policies: every document that grants permissions
// ---------------------------------------------------------------------------

export interface IdentityPolicy {
  /** The resource that holds the document. */
  readonly resource: Resource;
  /** Where in it: `policy`, `inline_policy[0].policy`. */
  readonly attribute: string;
  readonly statements: readonly Statement[];
}

/** Resource types whose `policy` is an identity policy (resource policies such as bucket or key policies are not). */
const POLICY_TYPES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

/**
 * Every readable identity policy in the configuration, read once per model.
 * A managed policy that is only ever a permissions boundary is left out: a
 * boundary grants nothing, it caps what the principal's own policies grant,
 * so its usual `Allow *` (with Denies for what is never allowed) is no grant
 * (docs/aws-batch-facts.md#permissions-boundary).
 */
export function identityPolicies(model: TerraformModel): readonly IdentityPolicy[] {
  return readIdentityPolicies(model).read;
}

/** Identity policy documents that cannot be read, and why ("policy comes from data.aws_iam_policy_document.x"). */
export function unreadIdentityPolicies(model: TerraformModel): readonly { readonly resource: Resource; readonly reason: string }[] {
  return readIdentityPolicies(model).unread;
}

function readIdentityPolicies(model: TerraformModel): { read: IdentityPolicy[]; unread: { resource: Resource; reason: string }[] } {
  return model.memoize('iam:identity-policies', () => {
    const out: IdentityPolicy[] = [];
    const unread: { resource: Resource; reason: string }[] = [];
    const add = (resource: Resource, attribute: string, value: unknown): void => {
      const statements = policyStatements(model, value);
      if (statements) out.push({ resource, attribute, statements });
      else if (value !== undefined) unread.push({ resource, reason: `${attribute} ${model.why(value) ?? 'is not a JSON policy document'}` });
    };
    for (const type of POLICY_TYPES) {
      for (const r of model.all(type)) if (!(type === 'aws_iam_policy' && onlyABoundary(model, r))) add(r, 'policy', r.body['policy']);
    }
    for (const role of model.all('aws_iam_role')) {
      (blocks(role.body, 'inline_policy') ?? []).forEach((p, i) => add(role, `inline_policy[${i}].policy`, p['policy']));
    }
    return { read: out, unread };
  });
}

/** A managed policy some role or user references as `permissions_boundary`, and nothing attaches as a permissions policy. */
function onlyABoundary(model: TerraformModel, policy: Resource): boolean {
  const boundaryOf = [...model.referrers('aws_iam_role', 'permissions_boundary', policy), ...model.referrers('aws_iam_user', 'permissions_boundary', policy)];
  return boundaryOf.length > 0 && POLICY_ATTACHMENT_FIELDS.every(([type, field]) => model.referrers(type, field, policy).length === 0);
}

/** Allow statements only: a Deny of `*` or `s3:*` is a guardrail, not a grant. */
export function allowedActions(policy: IdentityPolicy): string[] {
  return policy.statements.flatMap((s) => (s.effect === 'Allow' ? (s.actions ?? []) : []));
}

// ---------------------------------------------------------------------------
// Roles: who may assume them, and which managed policies they carry
// ---------------------------------------------------------------------------

/** `ecs-tasks.amazonaws.com` -> `ecs-tasks`; undefined for other principals. */
export function serviceName(p: Principal): string | undefined {
  if (p.kind !== 'Service') return undefined;
  return p.id.replace(/\.amazonaws\.com(\.cn)?$/, '');
}

/**
 * The services whose roles run or drive AWS Batch work: instances (ec2),
 * containers (ecs-tasks), Batch itself, Spot Fleet, and the schedulers and
 * rules that submit jobs.
 */
export const BATCH_SERVICES: ReadonlySet<string> = new Set(['ec2', 'ecs-tasks', 'batch', 'spotfleet', 'scheduler', 'events']);

export interface RoleTrust {
  readonly role: Resource;
  /** Allow statements of the trust policy. */
  readonly statements: readonly Statement[];
  /** Services named as principals by those statements. */
  readonly services: ReadonlySet<string>;
}

/** Roles whose trust policy cannot be read, and why. */
export function unreadTrusts(model: TerraformModel): readonly { readonly role: Resource; readonly reason: string }[] {
  return model.memoize('iam:unread-trusts', () =>
    model.all('aws_iam_role').flatMap((role) => {
      const value = role.body['assume_role_policy'];
      return value !== undefined && !policyStatements(model, value) ? [{ role, reason: `assume_role_policy ${model.why(value) ?? 'is not a JSON policy document'}` }] : [];
    }),
  );
}

/** Roles whose trust policy can be read, with what they trust; read once per model. */
export function roleTrusts(model: TerraformModel): readonly RoleTrust[] {
  return model.memoize('iam:role-trusts', () =>
    model.all('aws_iam_role').flatMap((role) => {
      const statements = policyStatements(model, role.body['assume_role_policy'])?.filter((s) => s.effect === 'Allow');
      if (!statements) return [];
      const services = new Set(statements.flatMap((s) => (s.principals ?? []).map(serviceName).filter((n): n is string => n !== undefined)));
      return [{ role, statements, services }];
    }),
  );
}

/** Roles trusted by a Batch-related service (see BATCH_SERVICES). */
export function batchRoles(model: TerraformModel): readonly RoleTrust[] {
  return roleTrusts(model).filter((t) => [...t.services].some((s) => BATCH_SERVICES.has(s)));
}
