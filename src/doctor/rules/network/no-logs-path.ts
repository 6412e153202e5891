import type { Rule } from '../../engine/types';
import { jobNetworkFindings } from './job-network-findings';

/**
 * awslogs, Batch's default log driver, needs the logs interface endpoint or
 * a NAT / internet path (docs/aws-batch-facts.md#network-paths-to-ecs-ecr-and-logs).
 */
export const netNoLogsPath: Rule = {
  id: 'BATCH_NET_NO_LOGS_PATH',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'awslogs cannot reach CloudWatch Logs from the subnets',
  why: 'Batch containers log with the awslogs driver by default; the container cannot start when the driver cannot reach CloudWatch Logs (no NAT/internet path and no logs endpoint).',
  fix: 'Add a NAT gateway route, or an interface endpoint for logs with private_dns_enabled = true.',
  link: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch-logs-and-interface-VPC.html',
  check: (model) => jobNetworkFindings(netNoLogsPath, model, 'logs'),
};
