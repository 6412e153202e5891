import { looksLikeSecret } from '../../../aws/secret-names';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { isPlainObject, literalString } from '../../terraform/model';
import { jobDefinitions } from '../../views/job-definitions';

/**
 * Environment values are part of the job definition: anyone with
 * batch:DescribeJobDefinitions reads them, and so does anyone with the
 * Terraform state. `secrets` stores only an ARN and ECS resolves the value at
 * start. The name test is the one the config uses (whole words PASSWORD,
 * TOKEN, SECRET, KEY...). Values that are ARNs or expressions are pointers
 * or unknown, not secrets in plain text.
 */
export const secEnvSecret: Rule = {
  id: 'BATCH_SEC_ENV_SECRET',
  severity: 'error',
  pack: 'security',
  title: 'secret in a plain environment variable',
  why: 'Environment variables are stored in plain text in the job definition, visible to anyone who can describe job definitions or read the Terraform state, and they stay in every revision. A password, token or key there is leaked the moment it is applied.',
  fix: 'Store the value in Secrets Manager or SSM Parameter Store and pass it with container_properties.secrets: [{ name = "DB_PASSWORD", valueFrom = "<secret or parameter ARN>" }]; the execution role needs read access to it.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/specifying-sensitive-data.html',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => {
      if (!jd.container && jd.why.container) return { unknown: jd.why.container };
      const env = jd.container?.['environment'];
      if (!Array.isArray(env)) return undefined;
      const leaked = env.flatMap((e) => {
        if (!isPlainObject(e)) return [];
        const name = literalString(e['name']);
        const value = literalString(e['value']);
        if (name === undefined || !value || value.startsWith('arn:') || !looksLikeSecret(name)) return [];
        return [name];
      });
      if (leaked.length === 0) return undefined;
      return `environment ${leaked.join(', ')} ${leaked.length === 1 ? 'holds' : 'hold'} a literal value that looks like a secret`;
    });
  },
};
