import { architectureOf } from '../../../aws/instance-types';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { jobQueues } from '../../views/job-queues';

/**
 * An image is built for one architecture, and a job may land on any compute
 * environment of its queue (docs/aws-batch-facts.md#job-queues,
 * docs/aws-batch-facts.md#instance-types-in-a-compute-environment).
 */
export const queueMixedArchitectures: Rule = {
  id: 'BATCH_QUEUE_MIXED_ARCHITECTURES',
  severity: 'warning',
  pack: 'batch-readiness',
  title: 'x86_64 and arm64 compute environments in one queue',
  why: 'A job may land on any compute environment of its queue; a single-architecture image fails ("exec format error") on the other architecture.',
  fix: 'Use one queue per architecture, or multi-architecture images only.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeEnvironmentOrder.html',
  check(model) {
    return judgeEach(this, jobQueues(model), (q) => {
      const open = q.entries.find((e) => e.ce && e.ce.fargate !== true && e.ce.why.instanceTypes);
      if (open?.ce && q.entries.length > 1) return { unknown: `${open.ce.resource.address}: ${open.ce.why.instanceTypes}` };
      const archs = new Map<string, string[]>();
      for (const e of q.entries) {
        const types = e.ce?.instanceTypes;
        if (!e.ce || !types || types.length === 0) continue;
        const arch = new Set(types.map(architectureOf));
        if (arch.size !== 1) continue; // a mixed CE is its own finding
        const a = [...arch][0]!;
        archs.set(a, [...(archs.get(a) ?? []), e.ce.resource.address]);
      }
      return archs.size > 1 ? `mixes architectures: ${[...archs].map(([a, ces]) => `${a} (${ces.join(', ')})`).join(', ')}` : undefined;
    });
  },
};
