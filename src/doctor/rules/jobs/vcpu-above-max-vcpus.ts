import type { Rule } from '../../engine/types';
import { placementFindings } from './placement-findings';

/**
 * MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE: the job's vCPUs exceed
 * max_vcpus of every compute environment in its queue
 * (docs/aws-batch-facts.md#why-jobs-stay-runnable).
 */
export const jobVcpuAboveMaxVcpus: Rule = {
  id: 'BATCH_JOB_VCPU_ABOVE_MAX_VCPUS',
  severity: 'error',
  pack: 'batch-readiness',
  title: "job vCPU above every compute environment's max_vcpus",
  why: 'Batch never scales a compute environment beyond max_vcpus, so a job asking for more vCPUs than every compute environment in its queue allows stays RUNNABLE forever (MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE).',
  fix: "Raise max_vcpus of a compute environment in the job's queue to at least the job's vCPU, or lower the job's VCPU requirement.",
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/job_stuck_in_runnable.html',
  check: (model) => placementFindings(jobVcpuAboveMaxVcpus, model, 'max-vcpus', "the job's vCPU is above max_vcpus"),
};
