import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { field, jobContainers, listField } from '../../views/job-containers';

/** Linux parameters Batch does not apply on Fargate (docs/aws-batch-facts.md#linux-parameters-ulimits-user-and-read-only-root). */
const LINUX_EC2_ONLY = ['sharedMemorySize', 'tmpfs', 'maxSwap', 'swappiness', 'devices'] as const;

/**
 * Multi-node parallel jobs, host volumes, ulimits and most Linux parameters
 * exist on EC2 resources only (docs/aws-batch-facts.md#fargate-ephemeral-storage-architecture-and-platform-version,
 * docs/aws-batch-facts.md#multi-node-parallel-jobs).
 */
export const fargateEc2OnlySettings: Rule = {
  id: 'BATCH_FARGATE_EC2_ONLY_SETTINGS',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'EC2-only settings on a Fargate job definition',
  why: 'AWS Batch documents these as not applicable to jobs on Fargate resources: multi-node parallel jobs, host volumes (volumes[].host), ulimits, and the Linux parameters sharedMemorySize, tmpfs, maxSwap, swappiness and devices. Such a job definition is refused, or its job never gets what it asks for (a DataLoader without its /dev/shm).',
  fix: 'Run the job on EC2 resources (platform_capabilities ["EC2"] and a queue of EC2/SPOT compute environments), or drop the setting: for scratch space on Fargate use ephemeralStorage, for shared data an EFS volume.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/fargate.html',
  check(model) {
    return judgeEach(this, jobContainers(model), (jc) => {
      if (jc.jd.fargate === undefined) return { unknown: jc.jd.why.platform ?? 'the platform is not known' };
      if (jc.jd.fargate !== true) return undefined;
      if (jc.unknown) return { unknown: jc.unknown };
      const found = new Set<string>();
      if (jc.multiNode) found.add('a multi-node parallel job (node_properties)');
      for (const { container } of jc.containers) {
        const linux = field(container, 'linuxParameters');
        for (const key of LINUX_EC2_ONLY) {
          const value = field(linux, key);
          if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
          found.add(`linuxParameters.${key}`);
        }
        if ((listField(container, 'ulimits') ?? [1]).length > 0) found.add('ulimits');
        if ((listField(container, 'volumes') ?? []).some((v) => field(v, 'host') !== undefined)) found.add('a host volume (volumes[].host)');
      }
      return found.size > 0 ? `Fargate job definition with ${[...found].join(', ')}` : undefined;
    });
  },
};
