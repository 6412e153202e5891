import type { Rule } from '../../engine/types';
import { placementFindings } from './placement-findings';

/**
 * MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT: no allowed instance type holds
 * the job; ECS registers less memory than the instance has (m4.large: about
 * 7985 of 8192 MiB), see schedulableMemoryMiB
 * (docs/aws-batch-facts.md#instance-types-in-a-compute-environment,
 * docs/aws-batch-facts.md#why-jobs-stay-runnable).
 */
export const jobExceedsInstanceTypes: Rule = {
  id: 'BATCH_JOB_EXCEEDS_INSTANCE_TYPES',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'job does not fit any allowed instance type',
  why: 'A job runs on one instance. If no allowed instance type has enough vCPUs and memory for it (ECS registers about 2.5% less memory than the instance has, and the Batch AMI keeps 32 MiB more), it stays RUNNABLE forever (MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT).',
  fix: 'Allow a larger instance type (or a whole family) in the compute environment, or request less: memory a little below the instance size (e.g. 7680 MiB, not 8192, on an 8 GiB instance).',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/memory-management.html',
  check: (model) => placementFindings(jobExceedsInstanceTypes, model, 'instance-fit', 'no allowed instance type is large enough'),
};
