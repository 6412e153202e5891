import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { createBeforeDestroy } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * BATCH-FACTS, "What replaces a compute environment": replacement must be
 * create_before_destroy with a name prefix — a fixed name collides with the
 * old CE that still exists.
 */
export const ceFixedNameCreateBeforeDestroy: Rule = {
  id: 'BATCH_CE_FIXED_NAME_CREATE_BEFORE_DESTROY',
  severity: 'error',
  title: 'fixed compute_environment_name with create_before_destroy',
  why: 'With create_before_destroy, Terraform creates the replacement compute environment while the old one still exists; with a fixed compute_environment_name both have the same name and the create fails, so every replacing change fails to apply.',
  fix: 'Replace compute_environment_name with compute_environment_name_prefix (and reference the environment from the queue by its ARN).',
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      const name = ce.resource.body['compute_environment_name'];
      if (name === undefined || createBeforeDestroy(ce.resource) !== true) continue;
      out.push(finding(this, ce.resource, `compute_environment_name ${JSON.stringify(name)} is fixed, and lifecycle.create_before_destroy is true: a replacement collides with the old environment`));
    }
    return out;
  },
};
