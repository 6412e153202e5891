import { architectureOf } from '../../../aws/instance-types';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * The instance types of one compute environment share one architecture
 * (ComputeResource.instanceTypes; docs/aws-batch-facts.md#instance-types-in-a-compute-environment).
 */
export const ceMixedArchitectures: Rule = {
  id: 'BATCH_CE_MIXED_ARCHITECTURES',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'x86_64 and arm64 instance types in one compute environment',
  why: 'The instance types of a compute environment must share one architecture; AWS Batch refuses x86_64 and arm64 (Graviton) types together and the apply fails.',
  fix: 'Split the instance types into one compute environment per architecture (and use images built for it).',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.why.instanceTypes && ce.fargate !== true) return { unknown: ce.why.instanceTypes };
      if (!ce.instanceTypes || ce.instanceTypes.length < 2) return undefined;
      const arm = ce.instanceTypes.filter((t) => architectureOf(t) === 'arm64');
      const x86 = ce.instanceTypes.filter((t) => architectureOf(t) === 'x86_64');
      return arm.length > 0 && x86.length > 0 ? `instance_type mixes x86_64 (${x86.join(', ')}) and arm64 (${arm.join(', ')})` : undefined;
    });
  },
};
