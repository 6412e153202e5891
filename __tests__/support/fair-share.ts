/** A config with a fair-share queue, shared by the config checks' and the stack's fair-share tests. */
import type { BatchConfig, JobDefinitionConfig, JobQueueConfig } from '../../src/config/schema';
import { baseConfig } from './synth';

export const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello:1';
export const FAIR: JobQueueConfig = { computeEnvironments: ['ondemand'], fairShare: { shares: { teamA: 1, 'batch*': 0.5 } } };

/** A config with a fair-share queue `fair`, a plain queue `main`, and one job definition `hello` on `fair`. */
export function withJob(job: Partial<JobDefinitionConfig>, fair: JobQueueConfig = FAIR): BatchConfig {
  return baseConfig({
    jobQueues: { main: { computeEnvironments: ['ondemand'] }, fair },
    jobDefinitions: { hello: { queue: 'fair', image: IMAGE, ...job } },
  });
}
