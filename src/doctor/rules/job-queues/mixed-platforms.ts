import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { jobQueues } from '../../views/job-queues';

/** BATCH-FACTS: "a queue mixing EC2/SPOT with FARGATE/FARGATE_SPOT" — the API refuses such a queue. */
export const queueMixedPlatforms: Rule = {
  id: 'BATCH_QUEUE_MIXED_PLATFORMS',
  severity: 'error',
  title: 'queue mixing EC2/SPOT and Fargate compute environments',
  why: 'A job queue takes either EC2/SPOT or FARGATE/FARGATE_SPOT compute environments, never both; AWS Batch refuses the mix and the apply fails.',
  fix: 'Use one queue per platform: one for EC2/SPOT environments and one for FARGATE/FARGATE_SPOT.',
  check(model) {
    const out: Finding[] = [];
    for (const q of jobQueues(model)) {
      const ces = q.entries.flatMap((e) => (e.ce ? [e.ce] : []));
      const fargate = ces.filter((ce) => ce.fargate === true);
      const ec2 = ces.filter((ce) => ce.fargate === false);
      if (fargate.length > 0 && ec2.length > 0) {
        const list = (l: typeof ces): string => l.map((ce) => `${ce.resource.address} (${ce.platform})`).join(', ');
        out.push(finding(this, q.resource, `mixes ${list(ec2)} with ${list(fargate)}`));
      }
    }
    return out;
  },
};
