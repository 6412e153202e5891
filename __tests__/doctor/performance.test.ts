import { afterEach, describe, expect, it, vi } from 'vitest';
import { doctorReport } from '../../src/doctor/index';
import { TerraformModel } from '../../src/doctor/terraform/model';
import { container, ec2Stack, endpointsOnly, ref, requirements, tf } from './helpers';

/*
 * How fast the doctor is, is measured by `npm run bench -- --only doctor`
 * (docs/benchmarks.md), not here: a timed test fails under load and passes
 * on a fast machine however slow the code gets. This test guards the cause
 * instead: the doctor's work on a stack must grow linearly with its job
 * definitions. It counts the expensive steps (evaluating a resource's body,
 * evaluating a string of Terraform, decoding a JSON document, following a
 * value) on N, 2N and 4N job definitions: each job definition must cost the
 * same fixed number of each, so a body evaluated again per rule, or a
 * document decoded per queue or per other job, fails it.
 */

const counted = vi.hoisted(() => ({ bodies: 0, strings: 0, decodes: 0 }));

vi.mock('../../src/doctor/terraform/bodies', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/doctor/terraform/bodies')>();
  return { ...m, resourceBody: (...a: Parameters<typeof m.resourceBody>) => (counted.bodies++, m.resourceBody(...a)) };
});
vi.mock('../../src/doctor/terraform/expressions/evaluate', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/doctor/terraform/expressions/evaluate')>();
  return { ...m, evaluateString: (...a: Parameters<typeof m.evaluateString>) => (counted.strings++, m.evaluateString(...a)) };
});
vi.mock('../../src/doctor/terraform/encoded-json', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/doctor/terraform/encoded-json')>();
  return { ...m, decodeJsonAttribute: (...a: Parameters<typeof m.decodeJsonAttribute>) => (counted.decodes++, m.decodeJsonAttribute(...a)) };
});

/** A large stack: 3 compute environments, 3 queues, `jobs` job definitions, half of them hinted to a queue. */
function bigStack(jobs: number): ReturnType<typeof ec2Stack> {
  const r = endpointsOnly(ec2Stack());
  for (const name of ['spot', 'big']) {
    r.aws_batch_compute_environment![name] = JSON.parse(JSON.stringify(r.aws_batch_compute_environment!.ec2));
    r.aws_batch_job_queue![name] = { name, priority: 1, compute_environment_order: [{ order: 1, compute_environment: ref(`aws_batch_compute_environment.${name}`, 'arn') }] };
  }
  r.aws_batch_compute_environment!.spot!.compute_resources.type = 'SPOT';
  r.aws_batch_compute_environment!.spot!.compute_resources.allocation_strategy = 'SPOT_CAPACITY_OPTIMIZED';
  const queues = ['main', 'spot', 'big'];
  r.aws_batch_job_definition = {};
  for (let i = 0; i < jobs; i++) {
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

/** The expensive steps of one doctor run over a stack of `jobs` job definitions. */
function work(jobs: number): { bodies: number; strings: number; decodes: number; resolves: number } {
  const resolve = vi.spyOn(TerraformModel.prototype, 'resolve');
  Object.assign(counted, { bodies: 0, strings: 0, decodes: 0 });
  const report = doctorReport(tf(bigStack(jobs)));
  expect(report.findings).toEqual([]);
  const out = { ...counted, resolves: resolve.mock.calls.length };
  resolve.mockRestore();
  return out;
}

const minus = (a: Record<string, number>, b: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.keys(a).map((k) => [k, a[k]! - b[k]!]));

describe('performance', () => {
  afterEach(() => vi.restoreAllMocks());

  it('finds nothing wrong on a 500-job-definition stack', () => {
    const report = doctorReport(tf(bigStack(500)));
    expect(report.findings).toEqual([]);
    expect(report.skipped).toEqual([]);
  });

  it('costs each job definition the same fixed work, however many there are (linear, never per pair)', () => {
    // Multiples of 48, so each slice of job definitions has the same mix (i % 2, 3, 8 and 16 above).
    const [n, n2, n4] = [48, 96, 192].map(work) as [ReturnType<typeof work>, ReturnType<typeof work>, ReturnType<typeof work>];
    const first = minus(n2, n); // what 48 more job definitions cost
    const second = minus(n4, n2); // what 96 more cost: exactly twice as much when the work is linear
    expect(second).toEqual(Object.fromEntries(Object.entries(first).map(([k, v]) => [k, 2 * v])));
    // Each job definition's body is evaluated once, whatever the number of rules reading it.
    expect(first.bodies).toBe(48);
    // Its strings once each (4 here: name, type, the platform, the document), not once per rule.
    expect(first.strings / 48).toBeLessThanOrEqual(4);
    // Its document decoded by a few readers (2 today: the job view and the IAM documents view), not per queue or per other job.
    expect(first.decodes / 48).toBeLessThanOrEqual(4);
    // Values followed a few times (the queues it may go to), not once per other job definition.
    expect(first.resolves / 48).toBeLessThanOrEqual(4);
  });
});
