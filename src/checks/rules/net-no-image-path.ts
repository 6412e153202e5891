import type { Rule } from '../types';
import { jobNetworkFindings } from './job-network-findings';

/**
 * BATCH-FACTS: "pulling from ECR also needs ecr.api, ecr.dkr and the s3
 * gateway endpoint" (or a NAT / internet path); public registries need the internet.
 */
export const netNoImagePath: Rule = {
  id: 'BATCH_NET_NO_IMAGE_PATH',
  severity: 'error',
  title: 'container image cannot be pulled from the subnets',
  why: 'The image is pulled from the job\'s subnet. An ECR image needs a NAT/internet path or the ecr.api and ecr.dkr interface endpoints plus the s3 gateway endpoint on the subnet\'s route table (layers live in S3); a public registry image needs a NAT/internet path. Otherwise the job fails with CannotPullContainerError.',
  fix: 'Add a NAT gateway route, or (for ECR images) interface endpoints ecr.api and ecr.dkr with private DNS and an s3 gateway endpoint attached to the subnets\' route tables.',
  check: (model) => jobNetworkFindings(netNoImagePath, model, 'image'),
};
