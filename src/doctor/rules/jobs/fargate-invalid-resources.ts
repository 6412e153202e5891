import { describeFargateMemory, isValidFargatePair } from '../../../aws/fargate';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { jobDefinitions } from '../../views/job-definitions';

/** Fargate accepts only the listed vCPU / memory pairs (docs/aws-batch-facts.md#fargate-resource-sizes). */
export const fargateInvalidResources: Rule = {
  id: 'BATCH_FARGATE_INVALID_RESOURCES',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'invalid Fargate vCPU/memory pair',
  why: 'Fargate only offers fixed vCPU/memory combinations (0.25 vCPU with 512-2048 MiB up to 16 vCPU with 32-120 GiB); any other pair is refused and the job never runs.',
  fix: 'Pick a vCPU/memory pair from the Fargate table (for 1 vCPU: 2048 to 8192 MiB in steps of 1024).',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ResourceRequirement.html',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => {
      const { vcpus, memoryMiB } = jd.needs;
      if (jd.fargate === undefined && jd.why.platform && vcpus !== undefined && memoryMiB !== undefined && !isValidFargatePair(vcpus, memoryMiB)) return { unknown: jd.why.platform };
      if (jd.fargate !== true) return undefined;
      if (!jd.container) return jd.why.container ? { unknown: jd.why.container } : undefined;
      if (vcpus === undefined || memoryMiB === undefined) return { unknown: 'the vCPU or memory requirement is not a known number' };
      if (isValidFargatePair(vcpus, memoryMiB)) return undefined;
      return `Fargate job asks for ${vcpus} vCPU and ${memoryMiB} MiB: ${describeFargateMemory(vcpus)}`;
    });
  },
};
