import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';

/** AWS Batch API (CreateComputeEnvironment): minvCpus must not exceed maxvCpus; the call fails. */
export const ceMinAboveMax: Rule = {
  id: 'BATCH_CE_MIN_ABOVE_MAX',
  severity: 'error',
  title: 'min_vcpus greater than max_vcpus',
  why: 'AWS Batch refuses a compute environment whose min_vcpus is above max_vcpus: the apply fails.',
  fix: 'Set min_vcpus to at most max_vcpus (0 lets the environment scale to zero when idle).',
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      if (ce.minVcpus !== undefined && ce.maxVcpus !== undefined && ce.minVcpus > ce.maxVcpus) {
        out.push(finding(this, ce.resource, `min_vcpus (${ce.minVcpus}) is greater than max_vcpus (${ce.maxVcpus})`));
      }
    }
    return out;
  },
};
