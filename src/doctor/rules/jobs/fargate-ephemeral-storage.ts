import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalNumber } from '../../terraform/model';
import { field, jobContainers } from '../../views/job-containers';

/** EphemeralStorage.sizeInGiB: 21 to 200 (docs/aws-batch-facts.md#fargate-ephemeral-storage-architecture-and-platform-version). */
const MIN = 21;
const MAX = 200;

export const fargateEphemeralStorage: Rule = {
  id: 'BATCH_FARGATE_EPHEMERAL_STORAGE',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'Fargate ephemeral storage out of range',
  why: `A Fargate task's ephemeral storage (ephemeralStorage.sizeInGiB) must be between ${MIN} and ${MAX} GiB; AWS Batch refuses any other size. Without the setting a task gets 20 GiB.`,
  fix: `Set ephemeralStorage.sizeInGiB between ${MIN} and ${MAX}, or remove it for the default 20 GiB; more scratch space than 200 GiB needs EC2 (an instance store or a larger root volume) or EFS.`,
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_EphemeralStorage.html',
  check(model) {
    return judgeEach(this, jobContainers(model), (jc) => {
      if (jc.unknown && jc.jd.fargate !== false) return { unknown: jc.unknown };
      for (const { container } of jc.containers) {
        const written = field(field(container, 'ephemeralStorage'), 'sizeInGiB');
        const size = literalNumber(written);
        if (written !== undefined && size === undefined) return { unknown: 'ephemeralStorage.sizeInGiB is not a known number' };
        if (size !== undefined && (size < MIN || size > MAX)) return `ephemeralStorage.sizeInGiB is ${size}; Fargate allows ${MIN} to ${MAX}`;
      }
      return undefined;
    });
  },
};
