import type { Rule } from '../../engine/types';
import { placementFindings } from './placement-findings';

/** BATCH-FACTS: "Fargate job definition on an EC2 queue, or the reverse" — the job stays RUNNABLE or is refused. */
export const jobPlatformMismatch: Rule = {
  id: 'BATCH_JOB_PLATFORM_MISMATCH',
  severity: 'error',
  title: 'job definition platform does not match its queue',
  why: 'A job definition with platform_capabilities FARGATE only runs on FARGATE/FARGATE_SPOT compute environments, and an EC2 one only on EC2/SPOT; submitted to the other kind of queue it never runs.',
  fix: 'Set platform_capabilities to the platform of the queue the job is submitted to, or submit it to a queue of its platform.',
  check: (model) => placementFindings(jobPlatformMismatch, model, 'platform', 'platform_capabilities does not match the compute environments'),
};
