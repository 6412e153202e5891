/**
 * Environment variable names that hold credentials: a whole word such as
 * PASSWORD, TOKEN, SECRET or KEY. Job definition environment values are
 * stored in plain text (in the job definition and the Terraform state), so
 * the config refuses such names and the doctor reports them as an error
 * (BATCH_SEC_ENV_SECRET); they belong in Secrets Manager or Parameter Store. docs/aws-batch-facts.md#secret-looking-names
 */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PWD', 'TOKEN', 'SECRET', 'KEY', 'APIKEY', 'CREDENTIALS']);

export function looksLikeSecret(name: string): boolean {
  return name.toUpperCase().split(/[^A-Z0-9]+/).some((word) => SECRET_WORDS.has(word));
}
