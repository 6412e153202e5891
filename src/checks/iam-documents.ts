import { decodeJsonAttribute } from './encoded-json';
import { blocks, isPlainObject, literalString, literalStrings, type Body, type Resource, type TerraformModel } from './model';

/**
 * IAM policy documents as the security rules read them: identity policies
 * (what a role may do) and trust policies (who may assume it). A document is
 * a JSON string (cdktf's JSON.stringify), `${jsonencode({...})}` (HCL), or a
 * reference to a `data.aws_iam_policy_document`; anything else is unknown and
 * rules skip it.
 */

export interface Principal {
  /** `Service`, `AWS`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
  readonly kind: string;
  /** The identifier; `*` for everyone. */
  readonly id: string;
}

export interface Statement {
  /** `Allow` unless the statement says `Deny`; undefined when an expression. */
  readonly effect?: 'Allow' | 'Deny';
  /** Literal actions; undefined when Action is an expression. NotAction statements have []. */
  readonly actions?: readonly string[];
  /** Principals; undefined when they cannot be read. */
  readonly principals?: readonly Principal[];
  /** Condition keys in lower case (`aws:sourceaccount`); undefined when they cannot be read. */
  readonly conditionKeys?: readonly string[];
}

/** The statements of a policy document value; undefined when it cannot be read. */
export function policyStatements(model: TerraformModel, value: unknown): Statement[] | undefined {
  const data = dataDocument(model, value);
  if (data) return data;
  const doc = decodeJsonAttribute(value);
  if (!doc) return undefined;
  const raw = doc['Statement'];
  const list = Array.isArray(raw) ? raw : isPlainObject(raw) ? [raw] : undefined;
  if (!list || !list.every(isPlainObject)) return undefined;
  return list.map(jsonStatement);
}

function jsonStatement(s: Record<string, unknown>): Statement {
  const effect = s['Effect'] === undefined ? 'Allow' : s['Effect'] === 'Allow' || s['Effect'] === 'Deny' ? s['Effect'] : undefined;
  const actions = s['Action'] === undefined ? [] : stringList(s['Action']);
  const principals = jsonPrincipals(s['Principal']);
  const conditionKeys = jsonConditionKeys(s['Condition']);
  return {
    ...(effect ? { effect } : {}),
    ...(actions ? { actions } : {}),
    ...(principals ? { principals } : {}),
    ...(conditionKeys ? { conditionKeys } : {}),
  };
}

function jsonPrincipals(v: unknown): Principal[] | undefined {
  if (v === undefined) return [];
  if (v === '*') return [{ kind: '*', id: '*' }];
  if (!isPlainObject(v)) return undefined;
  const out: Principal[] = [];
  for (const [kind, ids] of Object.entries(v)) {
    const list = stringList(ids);
    if (!list) return undefined;
    out.push(...list.map((id) => ({ kind, id })));
  }
  return out;
}

function jsonConditionKeys(v: unknown): string[] | undefined {
  if (v === undefined) return [];
  if (!isPlainObject(v)) return undefined;
  const keys: string[] = [];
  for (const byKey of Object.values(v)) {
    if (!isPlainObject(byKey)) return undefined;
    keys.push(...Object.keys(byKey).map((k) => k.toLowerCase()));
  }
  return keys;
}

/** A string or a list of strings, each literal; undefined otherwise. */
function stringList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return literalString(v) === undefined ? undefined : [v];
  return Array.isArray(v) ? literalStrings(v) : undefined;
}

const DATA_DOCUMENT = /^\$\{\s*data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)\.(?:json|minified_json)\s*\}$/;

/** `${data.aws_iam_policy_document.x.json}`: its `statement` blocks (source_policy_documents make it unknown). */
function dataDocument(model: TerraformModel, value: unknown): Statement[] | undefined {
  const m = typeof value === 'string' ? DATA_DOCUMENT.exec(value) : null;
  if (!m) return undefined;
  const docs = model.tf.data?.['aws_iam_policy_document'];
  const body = isPlainObject(docs) ? firstBody(docs[m[1]!]) : undefined;
  if (!body || body['source_policy_documents'] !== undefined || body['override_policy_documents'] !== undefined) return undefined;
  const statements = blocks(body, 'statement');
  return statements?.map(dataStatement);
}

function dataStatement(s: Body): Statement {
  const rawEffect = s['effect'] === undefined ? 'Allow' : literalString(s['effect']);
  const effect = rawEffect === 'Allow' || rawEffect === 'Deny' ? rawEffect : undefined;
  const actions = s['actions'] === undefined ? [] : literalStrings(s['actions']);
  const principals = dataPrincipals(blocks(s, 'principals'));
  const conditions = blocks(s, 'condition');
  const keys = conditions?.map((c) => literalString(c['variable'])?.toLowerCase());
  const conditionKeys = keys && keys.every((k) => k !== undefined) ? (keys as string[]) : undefined;
  return {
    ...(effect ? { effect } : {}),
    ...(actions ? { actions } : {}),
    ...(principals ? { principals } : {}),
    ...(conditionKeys ? { conditionKeys } : {}),
  };
}

function dataPrincipals(list: Body[] | undefined): Principal[] | undefined {
  if (!list) return undefined;
  const out: Principal[] = [];
  for (const p of list) {
    const kind = literalString(p['type']);
    const ids = literalStrings(p['identifiers']);
    if (kind === undefined || ids === undefined) return undefined;
    out.push(...ids.map((id) => ({ kind, id })));
  }
  return out;
}

function firstBody(v: unknown): Body | undefined {
  if (Array.isArray(v)) return isPlainObject(v[0]) ? v[0] : undefined;
  return isPlainObject(v) ? v : undefined;
}

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

/** Every readable identity policy in the configuration, read once per model. */
export function identityPolicies(model: TerraformModel): readonly IdentityPolicy[] {
  return model.memoize('iam:identity-policies', () => {
    const out: IdentityPolicy[] = [];
    const add = (resource: Resource, attribute: string, value: unknown): void => {
      const statements = policyStatements(model, value);
      if (statements) out.push({ resource, attribute, statements });
    };
    for (const type of POLICY_TYPES) for (const r of model.all(type)) add(r, 'policy', r.body['policy']);
    for (const role of model.all('aws_iam_role')) {
      (blocks(role.body, 'inline_policy') ?? []).forEach((p, i) => add(role, `inline_policy[${i}].policy`, p['policy']));
    }
    return out;
  });
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

export interface ManagedAttachment {
  readonly arn: string;
  /** Where the attachment is written: the attachment resource, or the role (managed_policy_arns). */
  readonly resource: Resource;
}

/** Literal managed policy ARNs attached to a role, by any of the provider's four ways to attach them. */
export function managedAttachments(model: TerraformModel, role: Resource): ManagedAttachment[] {
  const out: ManagedAttachment[] = [];
  for (const arn of literalStrings(role.body['managed_policy_arns']) ?? []) out.push({ arn, resource: role });
  const single = [...model.referrers('aws_iam_role_policy_attachment', 'role', role), ...model.referrers('aws_iam_policy_attachment', 'roles', role)];
  for (const a of single) {
    const arn = literalString(a.body['policy_arn']);
    if (arn !== undefined) out.push({ arn, resource: a });
  }
  for (const a of model.referrers('aws_iam_role_policy_attachments_exclusive', 'role_name', role)) {
    for (const arn of literalStrings(a.body['policy_arns']) ?? []) out.push({ arn, resource: a });
  }
  return out;
}

/** `arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole` -> `AWSBatchServiceRole`; undefined for customer managed policies. */
export function awsManagedPolicyName(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1];
}
