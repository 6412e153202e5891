import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { jobDefinitions } from '../../views/job-definitions';

/**
 * The provider does not normalise `vcpus`/`memory` against
 * `resourceRequirements`: use only resourceRequirements, values as strings
 * (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
 */
export const jobLegacyVcpusMemory: Rule = {
  id: 'BATCH_JOB_LEGACY_VCPUS_MEMORY',
  severity: 'warning',
  pack: 'change-safety',
  title: 'top-level vcpus/memory in container_properties',
  why: 'Top-level vcpus and memory are deprecated: Fargate refuses them, and AWS returns them as resourceRequirements, so the provider shows a diff (a new revision) on every plan.',
  fix: 'Use resourceRequirements: [{ type: "VCPU", value: "1" }, { type: "MEMORY", value: "2048" }] (values as strings) and remove vcpus/memory.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ContainerProperties.html',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => {
      if (!jd.container && jd.why.container) return { unknown: jd.why.container };
      const legacy = ['vcpus', 'memory'].filter((k) => jd.container?.[k] !== undefined);
      return legacy.length > 0 ? `container_properties sets top-level ${legacy.join(' and ')} instead of resourceRequirements` : undefined;
    });
  },
};
