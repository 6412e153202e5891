import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { createBeforeDestroy } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * Batch deletes a compute environment only once no job queue uses it, so a
 * queue still pointing at the old environment makes its delete fail ("found
 * existing JobQueue relationship"): replacement must be create-before-destroy
 * (docs/aws-batch-facts.md#what-replaces-a-compute-environment,
 * docs/aws-batch-facts.md#replacing-a-compute-environment-safely).
 */
export const ceNoCreateBeforeDestroy: Rule = {
  id: 'BATCH_CE_NO_CREATE_BEFORE_DESTROY',
  severity: 'warning',
  pack: 'change-safety',
  title: 'compute environment without create_before_destroy',
  why: 'Many compute environment edits replace it. Without create_before_destroy Terraform deletes it first, which fails while a job queue still uses it ("found existing JobQueue relationship"), and the queue has no capacity in between.',
  fix: 'Add lifecycle { create_before_destroy = true } together with compute_environment_name_prefix instead of a fixed name.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_DeleteComputeEnvironment.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      const cbd = createBeforeDestroy(ce.resource);
      if (cbd === undefined) return { unknown: 'lifecycle.create_before_destroy is an expression' };
      return cbd === false ? 'lifecycle.create_before_destroy is not set: a replacement deletes the environment while its queue still uses it' : undefined;
    });
  },
};
