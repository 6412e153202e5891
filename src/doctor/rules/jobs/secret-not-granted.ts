import { awsManagedPolicyName } from '../../../aws/managed-policies';
import { READ_ACTION, isReferenceError, secretReference, type SecretService } from '../../../aws/secret-references';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { blocks, isPlainObject, literalString, literalStrings, type Resource, type TerraformModel } from '../../terraform/model';
import { managedAttachments, ROLE_ATTACHMENT_KINDS, roleAttachments } from '../../views/iam/attachments';
import { policyStatements, type Statement } from '../../views/iam/documents';
import { ANY_CHAR, ANY_FIELD, actionMatches, literal, mayMatch, type Token } from '../../views/iam/match';
import { jobDefinitions } from '../../views/job-definitions';

/**
 * docs/aws-batch-facts.md#secret-grants-match-the-secrets-own-arn: ECS reads
 * a job's secrets with its execution role, and IAM authorizes that call
 * against the secret's own ARN
 * (https://docs.aws.amazon.com/batch/latest/userguide/specifying-sensitive-data-secrets.html).
 * A grant that copies a valueFrom with :json-key:version-stage:version-id, or
 * a partial ARN without the 6-character suffix
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html),
 * matches no secret, and the job fails when its container is started.
 */
export const jobSecretNotGranted: Rule = {
  id: 'BATCH_JOB_SECRET_NOT_GRANTED',
  severity: 'error',
  pack: 'batch-readiness',
  title: "execution role's secret grants cannot match the job's secrets",
  why: "ECS reads a job's secrets with the execution role when the container starts, and IAM checks secretsmanager:GetSecretValue / ssm:GetParameters against the secret's or parameter's own ARN. A grant copied from a valueFrom that names a JSON key or version (…:password::), or a partial ARN without the 6-character suffix Secrets Manager appends, matches no secret: access is denied and the job fails at start.",
  fix: "Allow the read on the secret's own ARN: drop :json-key:version-stage:version-id, and give a partial ARN the suffix wildcard (…:secret:name-??????); SSM parameters by arn:aws:ssm:<region>:<account>:parameter/<name without its leading />.",
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/specifying-sensitive-data-secrets.html',
  check(model) {
    // A secret's resource policy can grant the role instead of its own policies: then nothing is known.
    const secretPolicies = model.all('aws_secretsmanager_secret_policy').length > 0 || model.all('aws_secretsmanager_secret').some((s) => s.body['policy'] !== undefined);
    return judgeEach(this, jobDefinitions(model), (jd) => {
      if (jd.containers.length === 0) return jd.why.container ? { unknown: jd.why.container } : undefined;
      // Every container: a multi-node job's node ranges each name their own execution role and secrets.
      const found = jd.containers.flatMap(({ where, container }) => {
        const role = executionRole(model, container['executionRoleArn']);
        if (!role) return [];
        const statements = roleStatements(model, role);
        if (!statements) return [];
        const denied: Array<{ name: string; valueFrom: string; service: SecretService; grant: string }> = [];
        for (const { name, valueFrom } of secretsOf(container)) {
          const subject = secretSubject(valueFrom);
          if (!subject || (subject.service === 'secretsmanager' && secretPolicies)) continue;
          if (!granted(statements, READ_ACTION[subject.service], subject.tokens)) denied.push({ name, valueFrom, service: subject.service, grant: subject.grant });
        }
        if (denied.length === 0) return [];
        return [{
          message: `${where ? `${where}: ` : ''}execution role ${role.address} cannot read ${denied.map((d) => `${d.name} (${d.valueFrom})`).join(', ')}: no ${[...new Set(denied.map((d) => READ_ACTION[d.service]))].join(' / ')} grant matches the secret's own ARN, so the job fails at start`,
          fix: `Allow ${denied.map((d) => `${READ_ACTION[d.service]} on ${d.grant}`).join(', ')} in a policy of ${role.address}.`,
        }];
      });
      if (found.length === 0) return undefined;
      return { message: found.map((f) => f.message).join('; '), fix: [...new Set(found.map((f) => f.fix))].join(' ') };
    });
  },
};

/** What ECS asks IAM for: the secret's own ARN, with its unknown parts, and what to grant. */
function secretSubject(valueFrom: string): { service: SecretService; tokens: Token[]; grant: string } | undefined {
  if (valueFrom.includes('${')) return undefined;
  if (!valueFrom.startsWith('arn:')) {
    // A bare name is an SSM parameter of the job's own region and account.
    if (!/^[A-Za-z0-9/_.-]+$/.test(valueFrom)) return undefined;
    const name = valueFrom.replace(/^\//, '');
    return { service: 'ssm', tokens: ['a', 'r', 'n', ':', ANY_FIELD, ...literal(':ssm:'), ANY_FIELD, ':', ANY_FIELD, ...literal(`:parameter/${name}`)], grant: `arn:aws:ssm:<region>:<account>:parameter/${name}` };
  }
  const ref = secretReference(valueFrom);
  if (isReferenceError(ref)) return undefined; // a malformed reference fails for its own reasons
  const tokens = ref.partial ? [...literal(`${ref.secretArn}-`), ...Array<Token>(6).fill(ANY_CHAR)] : literal(ref.secretArn);
  return { service: ref.service, tokens, grant: ref.grant };
}

/** Whether some Allow statement may grant `action` on the subject (unknown statements may). */
function granted(statements: readonly Statement[], action: string, subject: readonly Token[]): boolean {
  return statements.some((s) => {
    if (s.effect === 'Deny') return false;
    if (s.effect === undefined || s.actions === undefined || s.notAction || s.resources === undefined) return true;
    if (!s.actions.some((a) => actionMatches(a, action))) return false;
    return s.resources.some((r) => mayMatch(r, subject));
  });
}

/** container.secrets and logConfiguration.secretOptions: both are read with the execution role. */
function secretsOf(container: Record<string, unknown>): Array<{ name: string; valueFrom: string }> {
  const log = container['logConfiguration'];
  const lists = [container['secrets'], isPlainObject(log) ? log['secretOptions'] : undefined];
  return lists.flatMap((list) =>
    Array.isArray(list)
      ? list.flatMap((s) => {
          const name = isPlainObject(s) ? literalString(s['name']) : undefined;
          const valueFrom = isPlainObject(s) ? literalString(s['valueFrom']) : undefined;
          return name !== undefined && valueFrom !== undefined ? [{ name, valueFrom }] : [];
        })
      : [],
  );
}

/** The aws_iam_role behind executionRoleArn: a reference, or a literal ARN naming a role of this configuration. */
function executionRole(model: TerraformModel, value: unknown): Resource | undefined {
  const target = model.target(value);
  if (target) return target.type === 'aws_iam_role' ? target : undefined;
  const name = typeof value === 'string' ? /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(value)?.[1] : undefined;
  return name ? model.all('aws_iam_role').find((r) => r.body['name'] === name) : undefined;
}

/** AWS managed policies an execution role commonly carries that grant no secret reads. */
const NO_SECRET_READS = new Set(['AmazonECSTaskExecutionRolePolicy']);

/** Every statement of every policy of the role; undefined when one of them cannot be read. */
function roleStatements(model: TerraformModel, role: Resource): Statement[] | undefined {
  const documents: unknown[] = [];
  // Inline policies by any role reference, a literal role name included; one whose role cannot be read may be this role's.
  for (const p of model.all('aws_iam_role_policy')) {
    const target = model.resolve(p.body['role']);
    if (target.kind === 'unknown') return undefined; // may be this role
    if ((target.kind === 'resource' && target.resource === role) || (target.kind === 'literal' && target.value === role.body['name'])) documents.push(p.body['policy']);
  }
  for (const inline of blocks(role.body, 'inline_policy') ?? []) documents.push(inline['policy']);
  const { rolePolicyAttachment, policyAttachment, rolePolicyAttachmentsExclusive } = ROLE_ATTACHMENT_KINDS;
  for (const { resource: a } of roleAttachments(model, role, [rolePolicyAttachment, policyAttachment])) {
    const policy = model.target(a.body['policy_arn']);
    if (policy?.type === 'aws_iam_policy') documents.push(policy.body['policy']);
    else if (policy || literalString(a.body['policy_arn']) === undefined) return undefined;
  }
  // Managed policies by ARN: only those known to grant no secret reads can be left out,
  // and a list that is (or holds) an expression may hold anything.
  for (const m of managedAttachments(model, role)) {
    if (!NO_SECRET_READS.has(awsManagedPolicyName(m.arn) ?? '')) return undefined;
  }
  const lists = [role.body['managed_policy_arns'], ...roleAttachments(model, role, [rolePolicyAttachmentsExclusive]).map((a) => a.resource.body['policy_arns'])];
  if (lists.some((list) => literalStrings(list) === undefined)) return undefined;
  const statements: Statement[] = [];
  for (const document of documents) {
    const read = policyStatements(model, document);
    if (!read) return undefined;
    statements.push(...read);
  }
  return statements;
}
