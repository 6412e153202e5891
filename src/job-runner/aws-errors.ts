/**
 * The AWS SDK's failures (credentials, region, connection, throttling) as
 * the one line the job CLI prints instead of a stack trace. Problems with
 * the command line or the project's files are CliErrors (src/cli/errors.ts).
 */

/** Turns what the AWS SDK throws into a sentence that says what to do. */
export function explainAwsError(error: unknown, endpoint?: string): string {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number }; cause?: { code?: string } };
  const name = e?.name ?? '';
  const message = e?.message ?? String(error);
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return 'no AWS credentials found: set AWS_PROFILE (after `aws sso login` or `aws configure`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
  }
  if (/Region is missing/i.test(message)) {
    return 'no AWS region: pass --region, or set AWS_REGION (or a region in your AWS profile)';
  }
  const code = e?.code ?? e?.cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN') {
    return `cannot reach ${endpoint ?? 'the AWS endpoint'} (${code}): check the network, --endpoint-url or AWS_ENDPOINT_URL`;
  }
  if (name === 'UnrecognizedClientException' || name === 'InvalidSignatureException' || name === 'ExpiredTokenException') {
    return `AWS refused the credentials (${name}): ${message}. Refresh them (aws sso login) or check the profile`;
  }
  if (name === 'AccessDeniedException' || e?.$metadata?.httpStatusCode === 403) {
    return `access denied: ${message}`;
  }
  if (name === 'TooManyRequestsException' || name === 'ThrottlingException') {
    return `AWS kept throttling the requests after several retries (${name}); wait a minute and run the command again`;
  }
  return name && name !== 'Error' ? `${name}: ${message}` : message;
}
