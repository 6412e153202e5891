/**
 * The AWS SDK clients of the job CLI. Credentials and region come from the
 * SDK's standard chain (environment, profile, SSO, instance role); only the
 * region and endpoint can be overridden on the command line.
 */
import { BatchClient } from '@aws-sdk/client-batch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

export interface ClientOptions {
  /** Overrides the SDK's region chain (AWS_REGION, the profile's region). */
  readonly region?: string;
  /** `--endpoint-url`; else AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL (the SDK's own variables). */
  readonly endpoint?: string;
}

export interface Clients {
  readonly batch: BatchClient;
  readonly logs: CloudWatchLogsClient;
  /** Where requests go, for error messages. */
  readonly endpoint?: string;
}

/**
 * Batch answers bursts of Describe calls (watch polls them) with
 * TooManyRequestsException. The SDK's standard retry mode retries throttling
 * and 5xx errors with exponential backoff and jitter; 6 attempts ride out a
 * burst of several seconds before the command gives up with a clear error.
 * @see https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */
const RETRY = { maxAttempts: 6, retryMode: 'standard' } as const;

export function createClients(options: ClientOptions = {}, env: NodeJS.ProcessEnv = process.env): Clients {
  const batchEndpoint = options.endpoint ?? env.AWS_ENDPOINT_URL_BATCH ?? env.AWS_ENDPOINT_URL;
  const logsEndpoint = options.endpoint ?? env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ?? env.AWS_ENDPOINT_URL;
  const common = { ...RETRY, ...(options.region ? { region: options.region } : {}) };
  return {
    batch: new BatchClient({ ...common, ...(batchEndpoint ? { endpoint: batchEndpoint } : {}) }),
    logs: new CloudWatchLogsClient({ ...common, ...(logsEndpoint ? { endpoint: logsEndpoint } : {}) }),
    ...(batchEndpoint ? { endpoint: batchEndpoint } : {}),
  };
}
