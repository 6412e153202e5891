import { decodeJsonAttribute } from '../../terraform/encoded-json';
import { blocks, isPlainObject, literalString, literalStrings, type Body, type TerraformModel } from '../../terraform/model';
import { singleRef } from '../../terraform/refs';

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
  /** The statement uses NotAction: it applies to every action but those listed. */
  readonly notAction?: boolean;
  /** Literal resources ([] when absent); undefined when an expression, or when the statement uses NotResource. */
  readonly resources?: readonly string[];
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
  // A document without statements grants (or trusts) nothing.
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : isPlainObject(raw) ? [raw] : undefined;
  if (!list || !list.every(isPlainObject)) return undefined;
  return list.map(jsonStatement);
}

function jsonStatement(s: Record<string, unknown>): Statement {
  const effect = s['Effect'] === undefined ? 'Allow' : s['Effect'] === 'Allow' || s['Effect'] === 'Deny' ? s['Effect'] : undefined;
  const actions = s['Action'] === undefined ? [] : stringList(s['Action']);
  const resources = s['NotResource'] !== undefined ? undefined : s['Resource'] === undefined ? [] : stringList(s['Resource']);
  const principals = jsonPrincipals(s['Principal']);
  const conditionKeys = jsonConditionKeys(s['Condition']);
  return {
    ...(effect ? { effect } : {}),
    ...(actions ? { actions } : {}),
    ...(s['NotAction'] !== undefined ? { notAction: true } : {}),
    ...(resources ? { resources } : {}),
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

/** `${data.aws_iam_policy_document.x.json}` (in any module): its `statement` blocks (source_policy_documents make it unknown). */
function dataDocument(model: TerraformModel, value: unknown): Statement[] | undefined {
  const ref = singleRef(value);
  if (ref?.type !== 'data' || ref.name !== 'aws_iam_policy_document' || (ref.attr !== 'json' && ref.attr !== 'minified_json')) return undefined;
  const body = model.dataTarget(value)?.body;
  if (!body || body['source_policy_documents'] !== undefined || body['override_policy_documents'] !== undefined) return undefined;
  const statements = blocks(body, 'statement');
  return statements?.map(dataStatement);
}

function dataStatement(s: Body): Statement {
  const rawEffect = s['effect'] === undefined ? 'Allow' : literalString(s['effect']);
  const effect = rawEffect === 'Allow' || rawEffect === 'Deny' ? rawEffect : undefined;
  const actions = s['actions'] === undefined ? [] : literalStrings(s['actions']);
  const resources = s['not_resources'] !== undefined ? undefined : s['resources'] === undefined ? [] : literalStrings(s['resources']);
  const principals = dataPrincipals(blocks(s, 'principals'));
  const conditions = blocks(s, 'condition');
  const keys = conditions?.map((c) => literalString(c['variable'])?.toLowerCase());
  const conditionKeys = keys && keys.every((k) => k !== undefined) ? (keys as string[]) : undefined;
  return {
    ...(effect ? { effect } : {}),
    ...(actions ? { actions } : {}),
    ...(s['not_actions'] !== undefined ? { notAction: true } : {}),
    ...(resources ? { resources } : {}),
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
