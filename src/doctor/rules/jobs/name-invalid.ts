import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalString } from '../../terraform/model';
import { CE_TYPE } from '../../views/compute-environments';
import { JOB_TYPE } from '../../views/job-definitions';
import { QUEUE_TYPE } from '../../views/job-queues';

/** AWS Batch API: job definition, job queue and compute environment names are 1-128 letters, digits, hyphens, underscores. */
const VALID = /^[A-Za-z0-9_-]{1,128}$/;

/** Provider 5 names a compute environment compute_environment_name, provider 6 name. */
const NAME_FIELDS: ReadonlyArray<readonly [type: string, field: string]> = [
  [JOB_TYPE, 'name'],
  [QUEUE_TYPE, 'name'],
  [CE_TYPE, 'compute_environment_name'],
  [CE_TYPE, 'name'],
];

export const nameInvalid: Rule = {
  id: 'BATCH_NAME_INVALID',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'name outside 1-128 letters, digits, hyphens, underscores',
  why: 'AWS Batch refuses job definition, job queue and compute environment names that are empty, longer than 128 characters or contain anything but letters, digits, hyphens and underscores: the apply fails.',
  fix: 'Use only letters, digits, hyphens and underscores, at most 128 characters.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateComputeEnvironment.html',
  check(model) {
    const named = NAME_FIELDS.flatMap(([type, field]) => model.all(type).filter((r) => r.body[field] !== undefined).map((resource) => ({ resource, field })));
    return judgeEach(this, named, ({ resource, field }) => {
      const value = resource.body[field];
      const name = literalString(value);
      if (name === undefined) {
        // The parts that are known may already be invalid; otherwise the name cannot be judged.
        const known = typeof value === 'string' ? value.replace(/\$\{[^}]*\}/g, '') : '';
        if (/[^A-Za-z0-9_-]/.test(known)) return `${field} "${value}" contains characters other than letters, digits, hyphens or underscores`;
        return { unknown: `${field} ${model.why(value) ?? 'is an expression'}` };
      }
      if (VALID.test(name)) return undefined;
      return `${field} "${name}" is not 1-128 letters, digits, hyphens or underscores`;
    });
  },
};
