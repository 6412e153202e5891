/** checks/names.ts: config keys that would make one AWS name where AWS ignores case. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/index';
import { baseConfig } from '../../support/synth';
import { problemsOf } from './problems';

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello:1';

describe('keys that differ only in case', () => {
  it('are refused for job definitions: their IAM role names would be one role', () => {
    const job = { queue: 'main', image: IMAGE };
    expect(problemsOf(baseConfig({ jobDefinitions: { hello: job, Hello: job } }))).toEqual([
      {
        path: 'jobDefinitions.Hello',
        message: 'differs from "hello" only in case; IAM role names ignore case, so the job roles unit-job-hello and unit-job-Hello would be one role and the apply fails (EntityAlreadyExists)',
        fix: 'rename one of the two job definitions so the names differ in more than case, e.g. "Hello-2"',
      },
    ]);
  });

  it('are accepted for queues and compute environments (Batch names keep case)', () => {
    expect(() =>
      parseConfig(baseConfig({ computeEnvironments: { ondemand: { type: 'EC2' }, OnDemand: { type: 'EC2' } }, jobQueues: { main: { computeEnvironments: ['ondemand'] }, Main: { computeEnvironments: ['OnDemand'] } } })),
    ).not.toThrow();
  });
});
