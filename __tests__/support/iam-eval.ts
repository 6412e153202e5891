/**
 * A small model of IAM's decision for one request within one account, for
 * asserting what a role may and may not do: an explicit Deny in any policy
 * wins; otherwise the request is allowed when an identity policy allows it
 * and, if the role has a permissions boundary, the boundary allows it too
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
 * Action and NotAction, Resource and NotResource, wildcards, and the
 * condition operators the bootstrap's policies use; a condition on a key
 * missing from the request is false, and true for a negated operator
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 * Anything else throws, so a policy this model cannot read never passes.
 */
import type { PolicyDocument, PolicyStatement } from '../../src/bootstrap/policies';

export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  /** Condition keys of the request, e.g. `iam:PermissionsBoundary`, `aws:PrincipalArn`. */
  readonly context?: Readonly<Record<string, string>>;
}

export type Decision = 'allow' | 'deny' | 'implicit-deny';

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** IAM's `*` and `?` wildcards. */
function glob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

/** Whether an action pattern (`s3:Get*`, `*`) names an action; actions are case-insensitive. */
export const actionMatches = (pattern: string, action: string): boolean => glob(pattern, action, true);

const OPERATORS: Record<string, { test: (pattern: string, value: string) => boolean; negated: boolean }> = {
  StringEquals: { test: (p, v) => p === v, negated: false },
  StringNotEquals: { test: (p, v) => p === v, negated: true },
  StringLike: { test: (p, v) => glob(p, v, false), negated: false },
  StringNotLike: { test: (p, v) => glob(p, v, false), negated: true },
  ArnEquals: { test: (p, v) => glob(p, v, false), negated: false },
  ArnLike: { test: (p, v) => glob(p, v, false), negated: false },
  ArnNotEquals: { test: (p, v) => glob(p, v, false), negated: true },
  ArnNotLike: { test: (p, v) => glob(p, v, false), negated: true },
};

function conditionsHold(condition: PolicyStatement['Condition'], context: Readonly<Record<string, string>>): boolean {
  const lower = Object.fromEntries(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.entries(condition ?? {}).every(([operator, keys]) => {
    const op = OPERATORS[operator];
    if (!op) throw new Error(`condition operator ${operator} is not modelled`);
    return Object.entries(keys).every(([key, values]) => {
      const value = lower[key.toLowerCase()];
      if (value === undefined) return op.negated;
      const matched = list(values).some((p) => op.test(p, value));
      return op.negated ? !matched : matched;
    });
  });
}

function applies(s: PolicyStatement, request: IamRequest): boolean {
  if (s.Principal !== undefined) throw new Error('a statement with a Principal is a resource or trust policy, not an identity policy');
  const action = s.Action !== undefined ? list(s.Action).some((p) => actionMatches(p, request.action)) : !list(s.NotAction).some((p) => actionMatches(p, request.action));
  if (!action) return false;
  const resource =
    s.Resource !== undefined ? list(s.Resource).some((p) => glob(p, request.resource, false)) : !list(s.NotResource).some((p) => glob(p, request.resource, false));
  return resource && conditionsHold(s.Condition, request.context ?? {});
}

/** The decision for `request` by a principal with these identity policies and, optionally, this permissions boundary. */
export function decide(request: IamRequest, identity: readonly PolicyDocument[], boundary?: PolicyDocument): Decision {
  const all = [...identity, ...(boundary ? [boundary] : [])].flatMap((d) => d.Statement);
  if (all.some((s) => s.Effect === 'Deny' && applies(s, request))) return 'deny';
  const allowedBy = (docs: readonly PolicyDocument[]) => docs.some((d) => d.Statement.some((s) => s.Effect === 'Allow' && applies(s, request)));
  return allowedBy(identity) && (!boundary || allowedBy([boundary])) ? 'allow' : 'implicit-deny';
}

/** AdministratorAccess, as AWS defines it. */
export const ADMINISTRATOR_ACCESS: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
