/**
 * Cross-field checks of `jobDefinitions`: what the platform of the job's
 * queue accepts, its environment and secrets, and whether the network can
 * pull its image. Each problem names the config path, the value and the fix.
 */
import { describeFargateMemory, isValidFargatePair } from '../../aws/fargate';
import { ecrPublicRepository, isRegionalEcrImage } from '../../aws/images';
import { RESERVED_ENV_PREFIX } from '../../aws/job-definitions';
import { isKmsKeyArn, isReferenceError, jobSecret, secretReference } from '../../aws/secret-references';
import { looksLikeSecret } from '../../aws/secret-names';
import { show, valueAt, type ConfigProblem } from '../errors';
import { isFargate, type ResolvedConfig } from '../schema';

export function jobDefinitionProblems(config: ResolvedConfig, input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });
  /** Whether the user wrote this field (a problem is reported where it was written, not at a default). */
  const given = (key: string, field: string) => valueAt(input, ['jobDefinitions', key, field]) !== undefined;

  for (const [key, job] of Object.entries(config.jobDefinitions)) {
    const at = `jobDefinitions.${key}`;
    const queue = config.jobQueues[job.queue];
    if (!queue) {
      add(`${at}.queue`, `got ${show(job.queue)}, which is not a job queue of this config`, `use one of: ${Object.keys(config.jobQueues).join(', ') || '(none defined)'}`);
      continue;
    }
    // The queue's first compute environment decides the platform (the queue checks refuse a mixed one).
    const firstCe = config.computeEnvironments[queue.computeEnvironments[0] ?? ''];
    if (!firstCe) continue;
    if (isFargate(firstCe.type)) {
      if (job.gpus > 0) {
        add(`${at}.gpus`, `got ${job.gpus}; queue ${show(job.queue)} runs on Fargate, which has no GPUs`, 'set "gpus": 0, or use a queue of EC2/SPOT compute environments with GPU instance types (g5, p4d...)');
      }
      if (job.privileged) {
        add(`${at}.privileged`, 'got true; Fargate jobs cannot run privileged', 'remove "privileged", or run the job on an EC2/SPOT queue');
      }
      if (!isValidFargatePair(job.vcpus, job.memoryMiB)) {
        const field = given(key, 'memoryMiB') ? 'memoryMiB' : given(key, 'vcpus') ? 'vcpus' : '';
        add(field ? `${at}.${field}` : at, `got vcpus ${job.vcpus} with memoryMiB ${job.memoryMiB}; ${describeFargateMemory(job.vcpus)}`, 'pick a vCPU/memory pair from the Fargate table in the README');
      }
    } else if (!Number.isInteger(job.vcpus)) {
      add(`${at}.vcpus`, `got ${job.vcpus}; jobs on EC2/SPOT compute environments take whole vCPUs`, `use ${Math.ceil(job.vcpus)}`);
    }
    for (const [field, names] of [['environment', Object.keys(job.environment)], ['secrets', Object.keys(job.secrets)]] as const) {
      for (const name of names.filter((n) => n.startsWith(RESERVED_ENV_PREFIX))) {
        add(`${at}.${field}.${name}`, `${name} starts with ${RESERVED_ENV_PREFIX}, which AWS Batch reserves for the variables it sets itself (AWS_BATCH_JOB_ID...); it refuses the job definition`, `rename the variable, e.g. ${name.slice(RESERVED_ENV_PREFIX.length).replace(/^_+/, '') || 'MY_VARIABLE'}`);
      }
    }
    for (const name of Object.keys(job.environment)) {
      if (looksLikeSecret(name)) {
        add(`${at}.environment.${name}`, `${name} looks like a secret, and environment values are stored in plain text in the job definition (and the Terraform state)`, `store it in Secrets Manager or SSM Parameter Store and reference its ARN: "secrets": {"${name}": "arn:aws:secretsmanager:${config.region}:${config.accountId}:secret:..."}`);
      }
    }
    if (config.network.mode === 'endpoints' && !isRegionalEcrImage(job.image, config.region)) {
      const ecrPublic = ecrPublicRepository(job.image);
      if (ecrPublic !== undefined) {
        // docs/aws-batch-facts.md#vpc-endpoints-do-not-serve-ecr-public
        add(`${at}.image`, `got ${show(job.image)}; VPC endpoints do not serve ECR Public (public.ecr.aws), and network mode "endpoints" has no internet access`, `create an ECR pull through cache rule for ECR Public (prefix "ecr-public") and use ${config.accountId}.dkr.ecr.${config.region}.amazonaws.com/ecr-public/${ecrPublic}, or use network mode "nat"`);
      } else {
        add(`${at}.image`, `got ${show(job.image)}; network mode "endpoints" has no internet access, so only ECR images of ${config.region} can be pulled`, `push the image to ECR (${config.accountId}.dkr.ecr.${config.region}.amazonaws.com/<repository>:<tag>), or use network mode "nat"`);
      }
    }
  }
  return problems;
}

/**
 * Job secrets: each a reference ECS can read and IAM can grant
 * (docs/aws-batch-facts.md#secret-grants-match-the-secrets-own-arn), its KMS
 * key named by key ARN.
 */
export function secretProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [jobKey, job] of Object.entries(config.jobDefinitions)) {
    for (const [name, value] of Object.entries(job.secrets)) {
      const at = `jobDefinitions.${jobKey}.secrets.${name}${typeof value === 'string' ? '' : '.arn'}`;
      const secret = jobSecret(value);
      const ref = secretReference(secret.valueFrom);
      if (isReferenceError(ref)) {
        problems.push({ path: at, message: `got ${JSON.stringify(secret.valueFrom)}, which ${ref.error}`, fix: notAnArn(secret.valueFrom, config) ?? ref.fix });
      }
      if (secret.kmsKeyArn !== undefined && !isKmsKeyArn(secret.kmsKeyArn)) {
        const alias = secret.kmsKeyArn.includes(':alias/') || secret.kmsKeyArn.startsWith('alias/');
        problems.push({
          path: `jobDefinitions.${jobKey}.secrets.${name}.kmsKeyArn`,
          message: `got ${JSON.stringify(secret.kmsKeyArn)}, which is not a KMS key ARN${alias ? ': an IAM policy cannot name a key by its alias' : ''}`,
          fix: `use the key's ARN, arn:aws:kms:${config.region}:${config.accountId}:key/<key-id> (aws kms describe-key --key-id <alias> shows it)`,
        });
      }
    }
  }
  return problems;
}

/** For a bare parameter or secret name, the ARNs it could mean. */
function notAnArn(value: string, config: ResolvedConfig): string | undefined {
  if (value.startsWith('arn:') || !/^[A-Za-z0-9/_.+=@-]+$/.test(value)) return undefined;
  const base = `${config.region}:${config.accountId}`;
  return `reference it by ARN: an SSM parameter ${JSON.stringify(value)} is arn:aws:ssm:${base}:parameter/${value.replace(/^\/+/, '')}, a Secrets Manager secret is arn:aws:secretsmanager:${base}:secret:${value.replace(/^\/+/, '')}-<suffix> (its ARN in the console)`;
}
