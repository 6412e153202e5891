import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { refsIn } from '../../terraform/refs';
import { batchLaunchTemplates } from '../../views/launch-templates';

/**
 * A secret rendered into the user data of a launch template Batch starts
 * instances from: a variable, local
 * or templatefile() argument named like a password or token, a value read
 * from Secrets Manager or a generated password, or a literal assignment
 * (`export PGPASSWORD=...`). User data is not protected: anyone allowed
 * ec2:DescribeLaunchTemplateVersions or ec2:DescribeInstanceAttribute reads
 * it, so does every process on the instance through the instance metadata
 * service, and Terraform keeps it in the state.
 * docs/aws-batch-facts.md#secrets-in-user-data
 */
export const secUserDataSecret: Rule = {
  id: 'BATCH_SEC_USER_DATA_SECRET',
  severity: 'error',
  pack: 'security',
  title: 'secret rendered into launch template user data',
  why: 'User data is not protected by authentication or encryption: anyone who may describe the launch template or the instance reads it, so does any process (and any container reaching the metadata service) on the instance, and Terraform stores it in the state. A password, token or key rendered into it is leaked to all of them.',
  fix: 'Do not put the value in user data: give the instance role (or the job\'s role) read access to a Secrets Manager secret or SecureString parameter and fetch it at boot (aws secretsmanager get-secret-value) or pass it to the job through container_properties.secrets.',
  link: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html',
  check(model) {
    return judgeEach(this, batchLaunchTemplates(model).keys(), (template) => {
      // As written (templatefile()'s arguments by name) and evaluated (what a variable, a module
      // input or a rendered template put there, unknown parts named by their source).
      const evaluated = template.body['user_data'];
      const texts = [template.written?.['user_data'], evaluated, model.unknown(evaluated)?.base64Of].filter((t): t is string => typeof t === 'string');
      if (texts.length === 0) return undefined;
      const found = [...new Set(texts.flatMap((raw) => {
        const value = decodedBase64(raw) ?? raw;
        return [...secretReferences(value), ...secretArguments(value), ...secretAssignments(value)];
      }))];
      if (found.length === 0) return undefined;
      return `user_data renders ${found.join(', ')}: anyone who can describe the launch template or the instance, and every process on the instance, can read ${found.length === 1 ? 'it' : 'them'}`;
    });
  },
};

/** Values that are secrets whatever their name. */
const SECRET_ATTRIBUTES: ReadonlyArray<readonly [type: string, attr: string]> = [
  ['aws_secretsmanager_secret_version', 'secret_string'],
  ['aws_secretsmanager_secret_version', 'secret_binary'],
  ['random_password', 'result'],
  ['aws_db_instance', 'password'],
  ['aws_rds_cluster', 'master_password'],
  ['aws_iam_access_key', 'secret'],
];

/** `var.db_password`, `local.api_token`, `data.aws_secretsmanager_secret_version.x.secret_string`, `random_password.x.result`. */
function secretReferences(value: string): string[] {
  const out: string[] = [];
  for (const ref of refsIn(value)) {
    if ((ref.type === 'var' || ref.type === 'local') && looksLikeSecret(ref.name)) out.push(`${ref.type}.${ref.name}`);
    else if (SECRET_ATTRIBUTES.some(([t, a]) => t === ref.type && a === ref.attr)) out.push(`${ref.type}.${ref.name}.${ref.attr}`);
  }
  // Data sources: `data.<type>.<name>.<attr>` (the reference reader stops at three parts).
  for (const m of value.matchAll(/\bdata\.([\w-]+)\.([\w-]+)\.([\w-]+)/g)) {
    if (SECRET_ATTRIBUTES.some(([t, a]) => t === m[1] && a === m[3])) out.push(m[0]);
  }
  return out;
}

/** templatefile(path, { db_password = ... }): the variables handed to the template. */
function secretArguments(value: string): string[] {
  const out: string[] = [];
  for (const call of value.matchAll(/templatefile\s*\(/g)) {
    const args = value.slice(call.index! + call[0].length);
    const open = args.indexOf('{');
    if (open < 0) continue;
    for (const key of args.slice(open).matchAll(/[{,\s]"?([A-Za-z_][\w-]*)"?\s*[=:](?![=>])/g)) {
      if (looksLikeSecret(key[1]!)) out.push(`templatefile() variable ${key[1]}`);
    }
  }
  return out;
}

/** `export PGPASSWORD=hunter2`, `"password": "hunter2"`: a literal value given to a secret-looking name. */
function secretAssignments(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/([A-Za-z_][\w.-]*)["']?\s*[=:]\s*["']?([^\s"'`;$\\,})][^\s"'`;\\,})]*)/g)) {
    const [, name, assigned] = m;
    // An ARN points at a secret; a reference or a call is judged by secretReferences and secretArguments.
    if (!looksLikeSecret(name!) || assigned!.startsWith('arn:') || /^[<{(]/.test(assigned!) || /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+$|^\w+\(/.test(assigned!)) continue;
    out.push(`a literal ${name}`);
  }
  return out;
}

/** A literal that is base64 of text (user data is often written encoded): the text, else undefined. */
function decodedBase64(value: string): string | undefined {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  return /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/.test(text) && !text.includes('\ufffd') ? text : undefined;
}

/** Words that make a name a secret; KEY only after a word that makes it one (an API key, not a key pair's name). */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASSPHRASE', 'TOKEN', 'SECRET', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS']);
const SUFFIXES = ['PASSWORD', 'PASSWD', 'TOKEN', 'SECRET'];
const KEY_KINDS = new Set(['API', 'ACCESS', 'PRIVATE', 'SECRET', 'AUTH', 'SIGNING', 'ENCRYPTION', 'MASTER']);
/** Words that make the name a pointer to a secret (its ARN, name, path...), not the secret. */
const POINTER_WORDS = new Set(['ARN', 'ARNS', 'ID', 'IDS', 'NAME', 'NAMES', 'PATH', 'PARAMETER', 'PARAM', 'SSM', 'KMS', 'LENGTH', 'FILE', 'POLICY', 'ROTATION', 'VERSION', 'STAGE', 'URL', 'ENDPOINT', 'HEADER', 'TYPE', 'TTL', 'HOP', 'HTTP']);

/**
 * Stricter than the environment variable test (src/aws/secret-names.ts):
 * user data is a script, where `PWD` is the working directory, `KEY` alone
 * usually names an SSH key pair, and `TOKEN=$(curl ...)` fetches the
 * metadata service's session token at boot.
 */
export function looksLikeSecret(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  if (words.some((w) => POINTER_WORDS.has(w))) return false;
  // PGPASSWORD, DBTOKEN: one word ending in a secret word counts too.
  return words.some((w, i) => SECRET_WORDS.has(w) || SUFFIXES.some((s) => w.endsWith(s)) || (w === 'KEY' && i > 0 && KEY_KINDS.has(words[i - 1]!)));
}
