import type { Rule } from '../../engine/types';
import { jobNetworkFindings } from './job-network-findings';

/**
 * A Fargate task in a subnet whose only way out is an internet gateway needs
 * assignPublicIp ENABLED (the default is DISABLED) to pull its image and
 * ship its logs (docs/aws-batch-facts.md#network-paths-to-ecs-ecr-and-logs).
 */
export const fargatePublicIpDisabled: Rule = {
  id: 'BATCH_FARGATE_PUBLIC_IP_DISABLED',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'Fargate job in a public subnet without a public IP',
  why: 'A Fargate task in a subnet whose only way out is an internet gateway needs a public IP to pull its image and send logs; assignPublicIp defaults to DISABLED, so the task cannot start.',
  fix: 'Set networkConfiguration.assignPublicIp = "ENABLED" in container_properties, or run in private subnets with a NAT gateway or the ECR/logs endpoints.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_NetworkConfiguration.html',
  check: (model) => jobNetworkFindings(fargatePublicIpDisabled, model, 'public-ip'),
};
