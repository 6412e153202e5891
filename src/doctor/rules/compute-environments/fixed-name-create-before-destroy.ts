import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { createBeforeDestroy } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * Replacement must be create_before_destroy under a name prefix: a fixed name
 * collides with the old environment, which still exists
 * (docs/aws-batch-facts.md#replacing-a-compute-environment-safely). The
 * provider's name and name prefix both force a replacement when they change
 * (provider 5: compute_environment_name / _prefix; provider 6: name /
 * name_prefix). A name that is null (a module's optional name) is generated
 * by the provider, so it cannot collide. A Fargate environment is replaced
 * only by a change of its type (its subnets and security groups update in
 * place, docs/aws-batch-facts.md#what-makes-a-compute-environment-updatable),
 * and a rename replaces it under the new name, so it is not reported.
 */
export const ceFixedNameCreateBeforeDestroy: Rule = {
  id: 'BATCH_CE_FIXED_NAME_CREATE_BEFORE_DESTROY',
  severity: 'error',
  pack: 'change-safety',
  title: 'fixed compute_environment_name with create_before_destroy',
  why: 'With create_before_destroy, Terraform creates the replacement compute environment while the old one still exists; with a fixed compute_environment_name (name in provider 6) both have the same name and the create fails, so every replacing change fails to apply.',
  fix: 'Replace compute_environment_name with compute_environment_name_prefix (name_prefix in provider 6), and reference the environment from the queue by its ARN.',
  link: 'https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/batch/compute_environment.go',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      const cbd = createBeforeDestroy(ce.resource);
      const name = ce.name;
      if (cbd === false || name.kind === 'prefix' || name.kind === 'generated' || ce.fargate === true) return undefined;
      if (cbd === undefined) return { unknown: `lifecycle.create_before_destroy ${model.why(ce.resource.body['lifecycle']) ?? 'is an expression'}` };
      if (name.kind === 'unknown') return { unknown: name.reason };
      if (ce.fargate === undefined) return ce.why.platform ? { unknown: ce.why.platform } : undefined;
      if (name.kind !== 'fixed') return undefined;
      return `${name.attribute} ${JSON.stringify(name.value)} is fixed, and lifecycle.create_before_destroy is true: a replacement collides with the old environment`;
    });
  },
};
