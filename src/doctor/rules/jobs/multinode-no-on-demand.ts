import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { jobContainers } from '../../views/job-containers';
import { candidateComputeEnvironments } from '../../views/placement';

/**
 * Multi-node parallel jobs run on EC2 on-demand capacity only: not on Spot,
 * not on Fargate (docs/aws-batch-facts.md#multi-node-parallel-jobs).
 */
export const multiNodeNoOnDemand: Rule = {
  id: 'BATCH_MNP_NO_ON_DEMAND',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'multi-node parallel job without an EC2 on-demand compute environment',
  why: 'AWS Batch does not run multi-node parallel jobs on Spot instances (nor on Fargate). A multi-node job whose queues have only SPOT compute environments stays RUNNABLE forever.',
  fix: 'Give the queue a compute environment of type EC2 (on-demand), ideally with a cluster placement group, and submit multi-node jobs there.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html',
  check(model) {
    return judgeEach(this, jobContainers(model), (jc) => {
      if (!jc.multiNode || jc.jd.fargate !== false) return undefined;
      const ces = candidateComputeEnvironments(model, jc.jd);
      if (!ces) return { unknown: 'the job queues it may run in are not all known' };
      // Environments of its queues whose platform is unknown: the job may land there, or not.
      const { fargate: _platform, ...withoutPlatform } = jc.jd;
      const unsure = ces.find((ce) => ce.platform === undefined) ?? candidateComputeEnvironments(model, withoutPlatform)?.[0];
      if (unsure) return { unknown: `${unsure.resource.address}: ${unsure.why.platform ?? 'its platform is not known'}` };
      if (ces.length === 0) return undefined;
      if (ces.some((ce) => ce.platform === 'EC2')) return undefined;
      return `multi-node parallel job, but its compute environments are ${ces.map((ce) => `${ce.resource.address} (${ce.platform})`).join(', ')}`;
    });
  },
};
