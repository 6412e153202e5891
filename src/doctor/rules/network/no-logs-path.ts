import type { Rule } from '../../engine/types';
import { jobNetworkFindings } from './job-network-findings';

/** BATCH-FACTS: "awslogs needs logs" (an interface endpoint, or a NAT / internet path). awslogs is Batch's default driver. */
export const netNoLogsPath: Rule = {
  id: 'BATCH_NET_NO_LOGS_PATH',
  severity: 'error',
  title: 'awslogs cannot reach CloudWatch Logs from the subnets',
  why: 'Batch containers log with the awslogs driver by default; the container cannot start when the driver cannot reach CloudWatch Logs (no NAT/internet path and no logs endpoint).',
  fix: 'Add a NAT gateway route, or an interface endpoint for logs with private_dns_enabled = true.',
  check: (model) => jobNetworkFindings(netNoLogsPath, model, 'logs'),
};
