import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { jobDefinitions } from '../../views/job-definitions';

/**
 * BATCH-FACTS, "Job definitions": the provider does not normalise `vcpus`/`memory`
 * against `resourceRequirements` — use only resourceRequirements, values as strings.
 */
export const jobLegacyVcpusMemory: Rule = {
  id: 'BATCH_JOB_LEGACY_VCPUS_MEMORY',
  severity: 'warning',
  title: 'top-level vcpus/memory in container_properties',
  why: 'Top-level vcpus and memory are deprecated: Fargate refuses them, and AWS returns them as resourceRequirements, so the provider shows a diff (a new revision) on every plan.',
  fix: 'Use resourceRequirements: [{ type: "VCPU", value: "1" }, { type: "MEMORY", value: "2048" }] (values as strings) and remove vcpus/memory.',
  check(model) {
    const out: Finding[] = [];
    for (const jd of jobDefinitions(model)) {
      const legacy = ['vcpus', 'memory'].filter((k) => jd.container?.[k] !== undefined);
      if (legacy.length > 0) {
        out.push(finding(this, jd.resource, `container_properties sets top-level ${legacy.join(' and ')} instead of resourceRequirements`));
      }
    }
    return out;
  },
};
