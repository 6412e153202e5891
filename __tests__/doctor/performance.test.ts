import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/index';
import { container, ec2Stack, endpointsOnly, ref, requirements, tf } from './helpers';

/** A large stack: 3 compute environments, 3 queues, 500 job definitions, half of them hinted to a queue. */
function bigStack(): ReturnType<typeof ec2Stack> {
  const r = endpointsOnly(ec2Stack());
  for (const name of ['spot', 'big']) {
    r.aws_batch_compute_environment![name] = JSON.parse(JSON.stringify(r.aws_batch_compute_environment!.ec2));
    r.aws_batch_job_queue![name] = { name, priority: 1, compute_environment_order: [{ order: 1, compute_environment: ref(`aws_batch_compute_environment.${name}`, 'arn') }] };
  }
  r.aws_batch_compute_environment!.spot!.compute_resources.type = 'SPOT';
  r.aws_batch_compute_environment!.spot!.compute_resources.allocation_strategy = 'SPOT_CAPACITY_OPTIMIZED';
  const queues = ['main', 'spot', 'big'];
  r.aws_batch_job_definition = {};
  for (let i = 0; i < 500; i++) {
    r.aws_batch_job_definition[`job${i}`] = {
      name: `job-${i}`,
      type: 'container',
      platform_capabilities: ['EC2'],
      container_properties: container({
        image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app${i}:1`,
        resourceRequirements: requirements(1 + (i % 8), 1024 * (1 + (i % 16))),
        environment: [{ name: 'N', value: String(i) }],
      }),
      ...(i % 2 === 0 ? { '//': { queue: `aws_batch_job_queue.${queues[i % 3]}` } } : {}),
    };
  }
  return r;
}

describe('performance', () => {
  it('checks a 500-job-definition stack well under half a second', () => {
    const json = tf(bigStack());
    runDoctor(json); // warm up the JIT
    const start = performance.now();
    const findings = runDoctor(json);
    const elapsed = performance.now() - start;
    expect(findings).toEqual([]);
    expect(elapsed).toBeLessThan(500);
  });
});
