import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import type { ComputeEnvironment } from '../../views/compute-environments';
import { jobQueues } from '../../views/job-queues';

/** The API refuses a queue mixing EC2/SPOT with FARGATE/FARGATE_SPOT (docs/aws-batch-facts.md#job-queues). */
export const queueMixedPlatforms: Rule = {
  id: 'BATCH_QUEUE_MIXED_PLATFORMS',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'queue mixing EC2/SPOT and Fargate compute environments',
  why: 'A job queue takes either EC2/SPOT or FARGATE/FARGATE_SPOT compute environments, never both; AWS Batch refuses the mix and the apply fails.',
  fix: 'Use one queue per platform: one for EC2/SPOT environments and one for FARGATE/FARGATE_SPOT.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeEnvironmentOrder.html',
  check(model) {
    return judgeEach(this, jobQueues(model), (q) => {
      const ces = q.entries.flatMap((e) => (e.ce ? [e.ce] : []));
      const fargate = ces.filter((ce) => ce.fargate === true);
      const ec2 = ces.filter((ce) => ce.fargate === false);
      if (fargate.length === 0 || ec2.length === 0) {
        const open = ces.find((ce) => ce.fargate === undefined && ce.why.platform);
        if (open && ces.length > 1) return { unknown: `${open.resource.address}: ${open.why.platform}` };
        if (!q.known && q.why && q.entries.length > 1) return { unknown: q.why };
        return undefined;
      }
      const list = (l: readonly ComputeEnvironment[]): string => l.map((ce) => `${ce.resource.address} (${ce.platform})`).join(', ');
      return `mixes ${list(ec2)} with ${list(fargate)}`;
    });
  },
};
