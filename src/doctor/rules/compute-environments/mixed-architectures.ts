import { architectureOf } from '../../../aws/instance-types';
import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';

/** BATCH-FACTS, "Instance types": a CE cannot mix architectures (API reference, ComputeResource.instanceTypes). */
export const ceMixedArchitectures: Rule = {
  id: 'BATCH_CE_MIXED_ARCHITECTURES',
  severity: 'error',
  title: 'x86_64 and arm64 instance types in one compute environment',
  why: 'The instance types of a compute environment must share one architecture; AWS Batch refuses x86_64 and arm64 (Graviton) types together and the apply fails.',
  fix: 'Split the instance types into one compute environment per architecture (and use images built for it).',
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      if (!ce.instanceTypes || ce.instanceTypes.length < 2) continue;
      const arm = ce.instanceTypes.filter((t) => architectureOf(t) === 'arm64');
      const x86 = ce.instanceTypes.filter((t) => architectureOf(t) === 'x86_64');
      if (arm.length > 0 && x86.length > 0) {
        out.push(finding(this, ce.resource, `instance_type mixes x86_64 (${x86.join(', ')}) and arm64 (${arm.join(', ')})`));
      }
    }
    return out;
  },
};
