import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { literalString } from '../../terraform/model';
import { CE_TYPE } from '../../views/compute-environments';
import { JOB_TYPE } from '../../views/job-definitions';
import { QUEUE_TYPE } from '../../views/job-queues';

/** AWS Batch API: job definition, job queue and compute environment names are 1-128 letters, digits, hyphens, underscores. */
const VALID = /^[A-Za-z0-9_-]{1,128}$/;

const NAME_FIELDS: ReadonlyArray<readonly [type: string, field: string]> = [
  [JOB_TYPE, 'name'],
  [QUEUE_TYPE, 'name'],
  [CE_TYPE, 'compute_environment_name'],
];

export const nameInvalid: Rule = {
  id: 'BATCH_NAME_INVALID',
  severity: 'error',
  title: 'name outside 1-128 letters, digits, hyphens, underscores',
  why: 'AWS Batch refuses job definition, job queue and compute environment names that are empty, longer than 128 characters or contain anything but letters, digits, hyphens and underscores: the apply fails.',
  fix: 'Use only letters, digits, hyphens and underscores, at most 128 characters.',
  check(model) {
    const out: Finding[] = [];
    for (const [type, field] of NAME_FIELDS) {
      for (const r of model.all(type)) {
        const name = literalString(r.body[field]);
        if (name === undefined || VALID.test(name)) continue;
        out.push(finding(this, r, `${field} "${name}" is not 1-128 letters, digits, hyphens or underscores`));
      }
    }
    return out;
  },
};
