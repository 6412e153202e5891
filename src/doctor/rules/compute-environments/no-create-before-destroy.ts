import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { createBeforeDestroy } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * BATCH-FACTS, "What replaces a compute environment": a queue still pointing
 * at the old CE makes its delete fail ("found existing JobQueue
 * relationship"), so replacement must be create-before-destroy.
 */
export const ceNoCreateBeforeDestroy: Rule = {
  id: 'BATCH_CE_NO_CREATE_BEFORE_DESTROY',
  severity: 'warning',
  title: 'compute environment without create_before_destroy',
  why: 'Many compute environment edits replace it. Without create_before_destroy Terraform deletes it first, which fails while a job queue still uses it ("found existing JobQueue relationship"), and the queue has no capacity in between.',
  fix: 'Add lifecycle { create_before_destroy = true } together with compute_environment_name_prefix instead of a fixed name.',
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      if (createBeforeDestroy(ce.resource) === false) {
        out.push(finding(this, ce.resource, 'lifecycle.create_before_destroy is not set: a replacement deletes the environment while its queue still uses it'));
      }
    }
    return out;
  },
};
