import { describeFargateMemory, isValidFargatePair } from '../../../aws/fargate';
import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { jobDefinitions } from '../../views/job-definitions';

/** BATCH-FACTS, "Job definitions": Fargate accepts only the listed vCPU / memory pairs. */
export const fargateInvalidResources: Rule = {
  id: 'BATCH_FARGATE_INVALID_RESOURCES',
  severity: 'error',
  title: 'invalid Fargate vCPU/memory pair',
  why: 'Fargate only offers fixed vCPU/memory combinations (0.25 vCPU with 512-2048 MiB up to 16 vCPU with 32-120 GiB); any other pair is refused and the job never runs.',
  fix: 'Pick a vCPU/memory pair from the Fargate table (for 1 vCPU: 2048 to 8192 MiB in steps of 1024).',
  check(model) {
    const out: Finding[] = [];
    for (const jd of jobDefinitions(model)) {
      const { vcpus, memoryMiB } = jd.needs;
      if (jd.fargate !== true || vcpus === undefined || memoryMiB === undefined) continue;
      if (isValidFargatePair(vcpus, memoryMiB)) continue;
      out.push(finding(this, jd.resource, `Fargate job asks for ${vcpus} vCPU and ${memoryMiB} MiB: ${describeFargateMemory(vcpus)}`));
    }
    return out;
  },
};
