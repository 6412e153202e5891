import { architectureOf } from '../../../aws/instance-types';
import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { jobQueues } from '../../views/job-queues';

/** BATCH-FACTS: "CEs of different architectures in one queue" — an image is built for one architecture. */
export const queueMixedArchitectures: Rule = {
  id: 'BATCH_QUEUE_MIXED_ARCHITECTURES',
  severity: 'warning',
  title: 'x86_64 and arm64 compute environments in one queue',
  why: 'A job may land on any compute environment of its queue; a single-architecture image fails ("exec format error") on the other architecture.',
  fix: 'Use one queue per architecture, or multi-architecture images only.',
  check(model) {
    const out: Finding[] = [];
    for (const q of jobQueues(model)) {
      const archs = new Map<string, string[]>();
      for (const e of q.entries) {
        const types = e.ce?.instanceTypes;
        if (!e.ce || !types || types.length === 0) continue;
        const arch = new Set(types.map(architectureOf));
        if (arch.size !== 1) continue; // a mixed CE is its own finding
        const a = [...arch][0]!;
        archs.set(a, [...(archs.get(a) ?? []), e.ce.resource.address]);
      }
      if (archs.size > 1) {
        out.push(finding(this, q.resource, `mixes architectures: ${[...archs].map(([a, ces]) => `${a} (${ces.join(', ')})`).join(', ')}`));
      }
    }
    return out;
  },
};
