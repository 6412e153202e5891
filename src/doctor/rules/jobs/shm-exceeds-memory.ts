import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import type { Resource } from '../../terraform/model';
import { containerMemoryMiB, inMemoryMounts, jobContainers } from '../../views/job-containers';

/**
 * /dev/shm (sharedMemorySize) and tmpfs mounts live in memory and are
 * charged to the container's memory cgroup
 * (docs/aws-batch-facts.md#shared-memory-and-tmpfs-count-against-memory).
 */
export const jobShmExceedsMemory: Rule = {
  id: 'BATCH_JOB_SHM_EXCEEDS_MEMORY',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'shared memory and tmpfs not below the job memory',
  why: 'sharedMemorySize (/dev/shm) and tmpfs mounts are memory: the kernel charges their pages to the container, whose limit is the job\'s MEMORY. Sizes that add up to that limit or more promise space that does not exist, and the job is killed out of memory as soon as it fills them (a PyTorch DataLoader does).',
  fix: 'Raise the MEMORY resource requirement above sharedMemorySize plus the tmpfs sizes (with room for the program itself), or lower those sizes.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_LinuxParameters.html',
  check(model) {
    type Item = { readonly resource: Resource; readonly where: string; readonly container?: Readonly<Record<string, unknown>>; readonly unknown?: string };
    const items: Item[] = jobContainers(model).flatMap((jc): Item[] => (jc.unknown ? [{ resource: jc.resource, where: '', unknown: jc.unknown }] : jc.containers.map((c) => ({ resource: jc.resource, ...c }))));
    return judgeEach(this, items, ({ where, container, unknown: why }) => {
      if (why !== undefined || container === undefined) return { unknown: why ?? 'the container is not known' };
      const memory = containerMemoryMiB(container);
      const { parts, unknown } = inMemoryMounts(container);
      if (parts.length === 0 && !unknown) return undefined;
      if (unknown) return { unknown: `${where ? `${where}: ` : ''}a sharedMemorySize or tmpfs size is not a known number` };
      if (memory === undefined) return { unknown: `${where ? `${where}: ` : ''}the container's memory is not a known number` };
      const total = parts.reduce((sum, [, mib]) => sum + mib, 0);
      if (total < memory) return undefined;
      return `${where ? `${where}: ` : ''}${parts.map(([what, mib]) => `${what} ${mib}`).join(' + ')} = ${total} MiB, not below the container's memory (${memory} MiB)`;
    });
  },
};
