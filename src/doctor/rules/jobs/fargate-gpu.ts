import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { jobDefinitions } from '../../views/job-definitions';

/** Fargate has no GPUs (docs/aws-batch-facts.md#fargate-resource-sizes). */
export const fargateGpu: Rule = {
  id: 'BATCH_FARGATE_GPU',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'GPU requirement on Fargate',
  why: 'Fargate has no GPUs: a Fargate job definition with a GPU resource requirement can never run.',
  fix: 'Run GPU jobs on an EC2 compute environment with GPU instance types (platform_capabilities ["EC2"]), or drop the GPU requirement.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/fargate-job-definitions.html',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => {
      const gpus = jd.needs.gpus;
      if (jd.fargate === undefined && jd.why.platform && (gpus ?? 0) > 0) return { unknown: jd.why.platform };
      if (jd.fargate === true && !jd.container && jd.why.container) return { unknown: jd.why.container };
      return jd.fargate === true && gpus !== undefined && gpus > 0 ? `Fargate job definition asks for ${gpus} GPU` : undefined;
    });
  },
};
