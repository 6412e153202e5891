import { RESERVED_ENV_PREFIX } from '../../../aws/job-definitions';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { isPlainObject, literalString } from '../../terraform/model';
import { jobDefinitions } from '../../views/job-definitions';

/**
 * Batch sets the variables starting with AWS_BATCH itself (AWS_BATCH_JOB_ID,
 * AWS_BATCH_JQ_NAME...) and refuses a job definition whose environment or
 * secrets name one: RegisterJobDefinition fails, so the apply fails. The
 * config refuses the same names for our stacks (src/config/checks/job-definitions.ts).
 * docs/aws-batch-facts.md#reserved-environment-variables
 */
export const jobReservedEnvironment: Rule = {
  id: 'BATCH_JOB_RESERVED_ENVIRONMENT',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'environment variable named AWS_BATCH*',
  why: 'AWS Batch reserves environment variable names starting with AWS_BATCH for the variables it sets itself (AWS_BATCH_JOB_ID, AWS_BATCH_JQ_NAME...); a job definition that sets one in environment or secrets is refused, and the apply fails.',
  fix: 'Rename the variable so it does not start with AWS_BATCH (e.g. drop the prefix).',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ContainerProperties.html',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => {
      const names = (['environment', 'secrets'] as const).flatMap((field) => {
        const list = jd.container?.[field];
        if (!Array.isArray(list)) return [];
        return list.flatMap((e) => {
          const name = isPlainObject(e) ? literalString(e['name']) : undefined;
          return name !== undefined && name.startsWith(RESERVED_ENV_PREFIX) ? [`${field} ${name}`] : [];
        });
      });
      if (names.length === 0) return undefined;
      return {
        message: `container_properties ${names.join(', ')}: names starting with ${RESERVED_ENV_PREFIX} are Batch's own, and RegisterJobDefinition refuses the job definition`,
        fix: `Rename ${names.map((n) => n.split(' ')[1]!).join(', ')} so ${names.length === 1 ? 'it does' : 'they do'} not start with ${RESERVED_ENV_PREFIX}.`,
      };
    });
  },
};
