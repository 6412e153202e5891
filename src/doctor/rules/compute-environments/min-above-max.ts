import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';

/** CreateComputeEnvironment refuses a minvCpus above maxvCpus. */
export const ceMinAboveMax: Rule = {
  id: 'BATCH_CE_MIN_ABOVE_MAX',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'min_vcpus greater than max_vcpus',
  why: 'AWS Batch refuses a compute environment whose min_vcpus is above max_vcpus: the apply fails.',
  fix: 'Set min_vcpus to at most max_vcpus (0 lets the environment scale to zero when idle).',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.minVcpus === undefined || ce.maxVcpus === undefined) {
        const why = ce.why.minVcpus ?? ce.why.maxVcpus;
        return why && (ce.minVcpus ?? 0) > 0 ? { unknown: why } : undefined;
      }
      return ce.minVcpus > ce.maxVcpus ? `min_vcpus (${ce.minVcpus}) is greater than max_vcpus (${ce.maxVcpus})` : undefined;
    });
  },
};
