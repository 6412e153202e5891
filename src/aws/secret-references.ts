/**
 * Secrets a job reads into environment variables, and what its execution role
 * must be granted for them. A `valueFrom` may name a JSON key or a version of
 * a Secrets Manager secret, or be a partial ARN without the 6-character
 * suffix; IAM authorizes against the secret's own ARN, so the grant is
 * derived from the reference, never copied from it
 * (docs/aws-batch-facts.md#secret-grants-match-the-secrets-own-arn).
 */

/** A secret as the config takes it: its ARN, or its ARN and the customer managed KMS key that encrypts it. */
export type SecretConfig = string | { readonly arn: string; readonly kmsKeyArn?: string };

export interface JobSecret {
  /** What ECS is given (`valueFrom`): exactly what the config says. */
  readonly valueFrom: string;
  /** Customer managed KMS key the execution role may decrypt with. */
  readonly kmsKeyArn?: string;
}

export function jobSecret(secret: SecretConfig): JobSecret {
  return typeof secret === 'string' ? { valueFrom: secret } : { valueFrom: secret.arn, ...(secret.kmsKeyArn ? { kmsKeyArn: secret.kmsKeyArn } : {}) };
}

export type SecretService = 'secretsmanager' | 'ssm';

export interface SecretReference {
  readonly service: SecretService;
  /** The IAM resource to allow: the secret's own ARN, `-??????` in place of a missing suffix. */
  readonly grant: string;
  /** The secret's ARN as far as it is known, for messages. */
  readonly secretArn: string;
  /** True when the 6-character suffix Secrets Manager appends to the name is missing. */
  readonly partial: boolean;
}

export interface ReferenceError {
  readonly error: string;
  readonly fix: string;
}

/** The action ECS calls with the execution role for each service. */
export const READ_ACTION: Readonly<Record<SecretService, string>> = {
  secretsmanager: 'secretsmanager:GetSecretValue',
  ssm: 'ssm:GetParameters',
};

const ARN = /^arn:(aws[a-z-]*):(secretsmanager|ssm):([a-z0-9-]+):(\d{12}):(.+)$/;
/** Secrets Manager appends "-" and six random letters and digits to the name in the ARN. */
const SUFFIX = /-[A-Za-z0-9]{6}$/;

/** What a `valueFrom` ARN refers to and what to grant for it, or why it is not a valid reference. */
export function secretReference(valueFrom: string): SecretReference | ReferenceError {
  const m = ARN.exec(valueFrom);
  if (!m) {
    return {
      error: 'is not a Secrets Manager secret ARN or an SSM parameter ARN',
      fix: 'use arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix> or arn:aws:ssm:<region>:<account>:parameter/<name>',
    };
  }
  const [, partition, service, region, account, resource] = m as unknown as [string, string, SecretService, string, string, string];
  const prefix = `arn:${partition}:${service}:${region}:${account}`;
  if (service === 'ssm') {
    const name = /^parameter\/(.+)$/.exec(resource)?.[1];
    if (!name) return { error: 'is not an SSM parameter ARN (…:parameter/<name>)', fix: `use ${prefix}:parameter/<name>` };
    // The ARN of /crawl/token is …:parameter/crawl/token: the name's own leading "/" is not repeated.
    if (name.startsWith('/')) return { error: `repeats the "/" after parameter/, which no parameter ARN has`, fix: `use ${prefix}:parameter/${name.replace(/^\/+/, '')}` };
    if (name.includes(':')) return { error: 'names a parameter version or label; the execution role is granted the parameter itself', fix: `reference the parameter without it: ${prefix}:parameter/${name.split(':')[0]}` };
    return { service, grant: valueFrom, secretArn: valueFrom, partial: false };
  }
  const parts = resource.split(':');
  const name = parts[1];
  if (parts[0] !== 'secret' || !name) return { error: 'is not a Secrets Manager secret ARN (…:secret:<name>)', fix: `use ${prefix}:secret:<name>-<suffix>` };
  // Batch takes the ARN alone or followed by all three of :json-key:version-stage:version-id (empty ones kept).
  if (parts.length !== 2 && parts.length !== 5) {
    const secret = `${prefix}:secret:${name}`;
    return {
      error: 'has to be the secret ARN alone, or followed by exactly :json-key:version-stage:version-id (empty ones kept)',
      fix: `write all three, e.g. ${secret}:password:: (a JSON key), ${secret}::AWSPREVIOUS: (a version stage) or ${secret}:::<version-id> (a version id)`,
    };
  }
  if (parts.length === 5 && parts[3] && parts[4]) {
    return { error: 'names both a version stage and a version id; Batch takes one of them', fix: `keep one: ${prefix}:secret:${name}:${parts[2]}:${parts[3]}: or ${prefix}:secret:${name}:${parts[2]}::${parts[4]}` };
  }
  const secretArn = `${prefix}:secret:${name}`;
  const partial = !SUFFIX.test(name);
  return { service, grant: partial ? `${secretArn}-??????` : secretArn, secretArn, partial };
}

export const isReferenceError = (r: SecretReference | ReferenceError): r is ReferenceError => 'error' in r;

/** Services the jobs read secrets from: each needs its interface endpoint in endpoints mode. */
export function secretServices(secrets: readonly JobSecret[]): SecretService[] {
  const services = new Set(secrets.map((s) => secretReference(s.valueFrom)).flatMap((r) => (isReferenceError(r) ? [] : [r.service])));
  return (['secretsmanager', 'ssm'] as const).filter((s) => services.has(s));
}

/** IAM names a KMS key by its key ARN only; an alias ARN in Resource matches the alias, not the key. */
export function isKmsKeyArn(arn: string): boolean {
  return /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(arn);
}
