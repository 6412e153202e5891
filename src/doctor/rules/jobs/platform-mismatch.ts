import type { Rule } from '../../engine/types';
import { placementFindings } from './placement-findings';

/**
 * A FARGATE job definition never runs on EC2/SPOT capacity, nor an EC2 one on
 * Fargate: submitted to the other kind of queue it stays RUNNABLE or is
 * refused (docs/aws-batch-facts.md#why-jobs-stay-runnable).
 */
export const jobPlatformMismatch: Rule = {
  id: 'BATCH_JOB_PLATFORM_MISMATCH',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'job definition platform does not match its queue',
  why: 'A job definition with platform_capabilities FARGATE only runs on FARGATE/FARGATE_SPOT compute environments, and an EC2 one only on EC2/SPOT; submitted to the other kind of queue it never runs.',
  fix: 'Set platform_capabilities to the platform of the queue the job is submitted to, or submit it to a queue of its platform.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/fargate-job-definitions.html',
  check: (model) => placementFindings(jobPlatformMismatch, model, 'platform', 'platform_capabilities does not match the compute environments'),
};
