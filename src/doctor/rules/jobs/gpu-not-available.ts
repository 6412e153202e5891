import type { Rule } from '../../engine/types';
import { placementFindings } from './placement-findings';

/**
 * A GPU job needs g and p instance types and the NVIDIA image type
 * (docs/aws-batch-facts.md#instance-types-in-a-compute-environment). Without
 * ec2_configuration Batch picks ECS_AL2_NVIDIA for GPU types itself; an
 * explicit non-NVIDIA image type registers no GPUs with ECS.
 */
export const jobGpuNotAvailable: Rule = {
  id: 'BATCH_JOB_GPU_NOT_AVAILABLE',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'GPU job without GPU instances or NVIDIA AMI',
  why: 'A job with a GPU requirement only runs on g*/p* instances booted from an NVIDIA AMI (image_type ECS_AL2023_NVIDIA or ECS_AL2_NVIDIA); anywhere else ECS registers no GPUs and the job stays RUNNABLE.',
  fix: 'Add GPU instance types (e.g. g5, g4dn) to the compute environment and an ec2_configuration with image_type ECS_AL2023_NVIDIA.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-gpu-ami.html',
  check: (model) => placementFindings(jobGpuNotAvailable, model, 'gpu', 'the job needs GPUs the compute environments cannot provide'),
};
