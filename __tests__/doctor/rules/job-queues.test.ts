import { describe, expect, it } from 'vitest';
import { queueDeprecatedComputeEnvironments } from '../../../src/doctor/rules/job-queues/deprecated-compute-environments';
import { queueDisabled } from '../../../src/doctor/rules/job-queues/disabled';
import { queueDuplicateOrder } from '../../../src/doctor/rules/job-queues/duplicate-order';
import { queueMixedArchitectures } from '../../../src/doctor/rules/job-queues/mixed-architectures';
import { queueMixedPlatforms } from '../../../src/doctor/rules/job-queues/mixed-platforms';
import { queueTimeLimitRange } from '../../../src/doctor/rules/job-queues/time-limit-range';
import { queueTooManyCes } from '../../../src/doctor/rules/job-queues/too-many-ces';
import { ce, check, computeResources, ec2Stack, fargateStack, queue, ref, type Resources } from '../helpers';

/** Add compute environments copied from the EC2 one and put them all in the main queue. */
function withCes(r: Resources, names: string[], edit: (name: string, cr: Record<string, unknown>) => void = () => {}): Resources {
  for (const name of names) {
    r.aws_batch_compute_environment![name] = JSON.parse(JSON.stringify(ce(r)));
    edit(name, computeResources(r, name));
  }
  queue(r).compute_environment_order = ['ec2', ...names].map((name, i) => ({ order: i + 1, compute_environment: ref(`aws_batch_compute_environment.${name}`, 'arn') }));
  return r;
}

describe('BATCH_QUEUE_MIXED_PLATFORMS', () => {
  it('reports EC2 and Fargate compute environments in one queue', () => {
    const r = ec2Stack();
    r.aws_batch_compute_environment!.fargate = fargateStack().aws_batch_compute_environment!.fargate!;
    queue(r).compute_environment_order.push({ order: 2, compute_environment: ref('aws_batch_compute_environment.fargate', 'arn') });
    expect(check(queueMixedPlatforms, r)[0]!.message).toBe('mixes aws_batch_compute_environment.ec2 (EC2) with aws_batch_compute_environment.fargate (FARGATE)');
  });

  it('passes SPOT with EC2', () => {
    const r = withCes(ec2Stack(), ['spot'], (_, cr) => (cr.type = 'SPOT'));
    expect(check(queueMixedPlatforms, r)).toEqual([]);
  });
});

describe('BATCH_QUEUE_TOO_MANY_CES', () => {
  it('reports four compute environments', () => {
    const r = withCes(ec2Stack(), ['b', 'c', 'd']);
    expect(check(queueTooManyCes, r)[0]!.message).toBe('has 4 compute environments (at most 3)');
  });

  it('passes three', () => {
    expect(check(queueTooManyCes, withCes(ec2Stack(), ['b', 'c']))).toEqual([]);
  });
});

describe('BATCH_QUEUE_DUPLICATE_ORDER', () => {
  it('reports two entries with order 1', () => {
    const r = withCes(ec2Stack(), ['b']);
    queue(r).compute_environment_order[1].order = 1;
    expect(check(queueDuplicateOrder, r)[0]!.message).toBe('compute_environment_order uses order 1 more than once');
  });

  it('passes distinct orders', () => {
    expect(check(queueDuplicateOrder, withCes(ec2Stack(), ['b']))).toEqual([]);
  });
});

describe('BATCH_QUEUE_MIXED_ARCHITECTURES', () => {
  it('reports an x86_64 and an arm64 compute environment in one queue', () => {
    const r = withCes(ec2Stack(), ['graviton'], (_, cr) => (cr.instance_type = ['default_arm64']));
    expect(check(queueMixedArchitectures, r)[0]!.message).toBe(
      'mixes architectures: x86_64 (aws_batch_compute_environment.ec2), arm64 (aws_batch_compute_environment.graviton)',
    );
  });

  it('passes one architecture', () => {
    expect(check(queueMixedArchitectures, withCes(ec2Stack(), ['c'], (_, cr) => (cr.instance_type = ['c6i'])))).toEqual([]);
  });
});

describe('BATCH_QUEUE_DEPRECATED_COMPUTE_ENVIRONMENTS', () => {
  it('reports compute_environments', () => {
    const r = ec2Stack();
    delete queue(r).compute_environment_order;
    queue(r).compute_environments = [ref('aws_batch_compute_environment.ec2', 'arn')];
    expect(check(queueDeprecatedComputeEnvironments, r)).toMatchObject([{ severity: 'warning', address: 'aws_batch_job_queue.main' }]);
  });

  it('passes compute_environment_order', () => {
    expect(check(queueDeprecatedComputeEnvironments, ec2Stack())).toEqual([]);
  });
});

describe('BATCH_QUEUE_DISABLED', () => {
  it('reports a disabled queue and a disabled compute environment', () => {
    const r = ec2Stack();
    queue(r).state = 'DISABLED';
    ce(r).state = 'DISABLED';
    expect(check(queueDisabled, r)[0]!.message).toBe('the queue is DISABLED; compute environment aws_batch_compute_environment.ec2 DISABLED');
  });

  it('passes enabled ones', () => {
    expect(check(queueDisabled, ec2Stack())).toEqual([]);
  });
});

describe('BATCH_QUEUE_TIME_LIMIT_RANGE', () => {
  const action = (seconds: number) => ({ action: 'CANCEL', state: 'RUNNABLE', reason: 'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT', max_time_seconds: seconds });

  it('reports max_time_seconds below 600', () => {
    const r = ec2Stack();
    queue(r).job_state_time_limit_action = [action(60)];
    expect(check(queueTimeLimitRange, r)[0]!.message).toBe('job_state_time_limit_action max_time_seconds 60 is outside 600-86400');
  });

  it('passes 600 to 86400', () => {
    const r = ec2Stack();
    queue(r).job_state_time_limit_action = [action(600), action(86_400)];
    expect(check(queueTimeLimitRange, r)).toEqual([]);
  });
});
