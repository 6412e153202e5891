import type { Rule } from '../../engine/types';
import { jobNetworkFindings } from './job-network-findings';

/** BATCH-FACTS: "Fargate task in a subnet with no NAT and no endpoints, assignPublicIp DISABLED". */
export const fargatePublicIpDisabled: Rule = {
  id: 'BATCH_FARGATE_PUBLIC_IP_DISABLED',
  severity: 'error',
  title: 'Fargate job in a public subnet without a public IP',
  why: 'A Fargate task in a subnet whose only way out is an internet gateway needs a public IP to pull its image and send logs; assignPublicIp defaults to DISABLED, so the task cannot start.',
  fix: 'Set networkConfiguration.assignPublicIp = "ENABLED" in container_properties, or run in private subnets with a NAT gateway or the ECR/logs endpoints.',
  check: (model) => jobNetworkFindings(fargatePublicIpDisabled, model, 'public-ip'),
};
