import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalBool } from '../../terraform/model';
import { jobDefinitions } from '../../views/job-definitions';

/**
 * A privileged container has every capability and the host's devices: it
 * can leave the container, read other jobs' data on the same instance and
 * use the instance role. A warning, because some jobs (Docker-in-Docker,
 * some GPU or FUSE setups) do need it; this project sets it only when the
 * config says `privileged: true`.
 */
export const secPrivileged: Rule = {
  id: 'BATCH_SEC_PRIVILEGED',
  severity: 'warning',
  pack: 'security',
  title: 'privileged container',
  why: 'privileged: true gives the container root on the host: all Linux capabilities and every device. A compromised or buggy job can then escape to the instance, read the other jobs running there and use the instance role.',
  fix: 'Remove privileged; grant the one capability or device the job needs through linuxParameters (capabilities.add, devices) instead.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ContainerProperties.html',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => {
      if (!jd.container) return jd.why.container ? { unknown: jd.why.container } : undefined;
      if (literalBool(jd.container['privileged']) !== true) return undefined;
      return 'container_properties sets privileged: true';
    });
  },
};
