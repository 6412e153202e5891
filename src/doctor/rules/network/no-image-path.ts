import type { Rule } from '../../engine/types';
import { jobNetworkFindings } from './job-network-findings';

/**
 * Pulling from ECR needs ecr.api, ecr.dkr and the s3 gateway endpoint, or a
 * NAT / internet path; public registries need the internet, ECR Public too:
 * "VPC endpoints don't support Amazon ECR Public repositories"
 * (docs/aws-batch-facts.md#network-paths-to-ecs-ecr-and-logs,
 * docs/aws-batch-facts.md#vpc-endpoints-do-not-serve-ecr-public).
 */
export const netNoImagePath: Rule = {
  id: 'BATCH_NET_NO_IMAGE_PATH',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'container image cannot be pulled from the subnets',
  why: 'The image is pulled from the job\'s subnet. An ECR image needs a NAT/internet path or the ecr.api and ecr.dkr interface endpoints plus the s3 gateway endpoint on the subnet\'s route table (layers live in S3); a public registry image, ECR Public (public.ecr.aws) included, needs a NAT/internet path: VPC endpoints do not serve it. Otherwise the job fails with CannotPullContainerError.',
  fix: 'Add a NAT gateway route, or (for ECR images) interface endpoints ecr.api and ecr.dkr with private DNS and an s3 gateway endpoint attached to the subnets\' route tables; an ECR Public image can be pulled that way through an ECR pull through cache rule.',
  link: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html',
  check: (model) => jobNetworkFindings(netNoImagePath, model, 'image'),
};
