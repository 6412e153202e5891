import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { jobDefinitions } from '../../views/job-definitions';

/** BATCH-FACTS, "Job definitions": Fargate — "no GPU". */
export const fargateGpu: Rule = {
  id: 'BATCH_FARGATE_GPU',
  severity: 'error',
  title: 'GPU requirement on Fargate',
  why: 'Fargate has no GPUs: a Fargate job definition with a GPU resource requirement can never run.',
  fix: 'Run GPU jobs on an EC2 compute environment with GPU instance types (platform_capabilities ["EC2"]), or drop the GPU requirement.',
  check(model) {
    const out: Finding[] = [];
    for (const jd of jobDefinitions(model)) {
      const gpus = jd.needs.gpus;
      if (jd.fargate === true && gpus !== undefined && gpus > 0) {
        out.push(finding(this, jd.resource, `Fargate job definition asks for ${gpus} GPU`));
      }
    }
    return out;
  },
};
