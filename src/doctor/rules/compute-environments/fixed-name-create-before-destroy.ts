import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { createBeforeDestroy } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * Replacement must be create_before_destroy under a name prefix: a fixed name
 * collides with the old environment, which still exists
 * (docs/aws-batch-facts.md#replacing-a-compute-environment-safely). The
 * provider's compute_environment_name and compute_environment_name_prefix
 * both force a replacement when they change.
 */
export const ceFixedNameCreateBeforeDestroy: Rule = {
  id: 'BATCH_CE_FIXED_NAME_CREATE_BEFORE_DESTROY',
  severity: 'error',
  pack: 'change-safety',
  title: 'fixed compute_environment_name with create_before_destroy',
  why: 'With create_before_destroy, Terraform creates the replacement compute environment while the old one still exists; with a fixed compute_environment_name both have the same name and the create fails, so every replacing change fails to apply.',
  fix: 'Replace compute_environment_name with compute_environment_name_prefix (and reference the environment from the queue by its ARN).',
  link: 'https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/batch/compute_environment.go',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      const name = ce.resource.body['compute_environment_name'];
      if (name === undefined || createBeforeDestroy(ce.resource) !== true) return undefined;
      return `compute_environment_name ${JSON.stringify(name)} is fixed, and lifecycle.create_before_destroy is true: a replacement collides with the old environment`;
    });
  },
};
