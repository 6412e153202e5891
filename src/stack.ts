/**
 * One environment's complete AWS Batch setup as one Terraform stack: network,
 * IAM, compute environments, job queues, job definitions, logs and outputs.
 */
import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { parseConfig } from './config/parse';
import { configSource } from './config/errors';
import { isFargate, type BatchConfig, type ResolvedConfig } from './config/schema';
import { BatchNetwork } from './network/network';
import { BatchRoles } from './iam/roles';
import { jobSecret, secretServices } from './aws/secret-references';
import { ComputeEnvironments } from './compute/compute-environments';
import { JobQueues } from './queue/job-queues';
import { JobDefinitions } from './jobs/job-definitions';
import { named } from './naming';
import { awsName } from './aws/names';
import { awsProvider } from './provider';
import { formatFindings, runDoctor } from './checks/doctor';
import type { Finding, TerraformJson } from './checks/types';
import { JobSchedules } from './schedule/job-schedules';
import { JobNotifications } from './notify/job-notifications';
import { addStateBackend } from './bootstrap/backend';
import { boundEveryRole } from './iam/boundary';
import { ReviewableStack } from './hcl/stack';


export class BatchStack extends ReviewableStack {
  /** The config with every default applied. */
  readonly config: ResolvedConfig;

  /**
   * @param options.file the config file, named in errors (`environments/<id>.json` in main.ts)
   * @throws ConfigError when the config is invalid; nothing is added to `scope` then.
   */
  constructor(scope: Construct, id: string, config: BatchConfig, options: { readonly file?: string } = {}) {
    // Validate before the stack joins the app: a bad config leaves no half-built stack behind.
    const resolved = parseConfig(config, options.file ? configSource(options.file, id) : `"${id}"`);
    super(scope, id);
    this.config = resolved;
    const cfg = resolved;

    // Local state next to the project unless the config names an S3 bucket.
    addStateBackend(this, id, cfg.backend);

    awsProvider(this, { region: cfg.region, accountId: cfg.accountId, tags: { ...cfg.tags, Environment: id } });

    const jobs = Object.values(cfg.jobDefinitions);
    const secrets = jobs.flatMap((j) => Object.values(j.secrets).map(jobSecret));
    const extraEndpoints = secretServices(secrets);

    const network = new BatchNetwork(this, 'network', { config: cfg, extraEndpoints });
    const roles = new BatchRoles(this, 'iam', {
      name: cfg.name,
      accountId: cfg.accountId,
      ec2: Object.values(cfg.computeEnvironments).some((ce) => !isFargate(ce.type)),
      jobs: jobs.length > 0,
      customServiceRole: cfg.serviceRole === 'custom',
      secrets,
    });
    const compute = new ComputeEnvironments(this, 'computeEnvironments', {
      config: cfg,
      subnetIds: network.subnetIds,
      securityGroupIds: network.securityGroupIds,
      instanceProfileArn: roles.instanceProfileArn,
      serviceRoleArn: roles.serviceRoleArn,
      serviceRolePolicy: roles.serviceRolePolicy,
    });
    const queues = new JobQueues(this, 'jobQueues', { config: cfg, computeEnvironmentArns: compute.arns });

    const logGroup = named(
      new CloudwatchLogGroup(this, 'logs', { name: `/aws/batch/${cfg.name}`, retentionInDays: cfg.logRetentionDays }),
      'jobs',
    );
    const definitions = new JobDefinitions(this, 'jobDefinitions', {
      config: cfg,
      roles,
      logGroupName: logGroup.name,
      assignPublicIp: network.assignPublicIp,
    });

    const output = (name: string, value: string, description: string) =>
      named(new TerraformOutput(this, `output-${name}`, { value, description }), name);
    for (const [key, queue] of Object.entries(queues.queues)) {
      output(`job_queue_${key}_arn`, queue.arn, `ARN of job queue ${key}`);
      output(`job_queue_${key}_name`, queue.name, `Name of job queue ${key}`);
    }
    for (const [key, definition] of Object.entries(definitions.definitions)) {
      const job = cfg.jobDefinitions[key]!;
      output(`job_definition_${key}_arn`, definition.arn, `ARN (with revision) of job definition ${key}`);
      output(`job_definition_${key}_arn_prefix`, definition.arnPrefix, `ARN without revision of job definition ${key}: always the latest`);
      // A fair-share queue refuses a job without a share identifier (docs/aws-batch-facts.md#fair-share-share-identifiers).
      const share = job.shareIdentifier !== undefined ? ` --share-identifier ${job.shareIdentifier}` : '';
      output(
        `job_definition_${key}_submit_command`,
        `aws batch submit-job --region ${cfg.region} --job-queue ${awsName(cfg.name, job.queue)} --job-definition ${awsName(cfg.name, key)} --job-name ${key}${share}`,
        `Submits a ${key} job`,
      );
    }
    output('log_group', logGroup.name, 'CloudWatch log group of every job');

    const queueArns = Object.fromEntries(Object.entries(queues.queues).map(([key, queue]) => [key, queue.arn]));
    const schedules = new JobSchedules(this, 'schedules', {
      config: cfg,
      queueArns,
      definitionArnPrefixes: Object.fromEntries(Object.entries(definitions.definitions).map(([key, d]) => [key, d.arnPrefix])),
    });
    for (const [address, name] of Object.entries(schedules.names)) {
      output(`schedule_${address}_name`, name, `EventBridge Scheduler schedule ${address}`);
    }
    if (schedules.deadLetterQueue) {
      output('schedule_dead_letter_queue_url', schedules.deadLetterQueue.url, 'SQS queue of schedule runs EventBridge Scheduler could not submit');
    }
    if (cfg.notifications) {
      const notifications = new JobNotifications(this, 'notifications', {
        name: cfg.name,
        accountId: cfg.accountId,
        region: cfg.region,
        notifications: cfg.notifications,
        // By key, so reordering queues in the config does not rewrite the rule.
        queueArns: Object.keys(queueArns).sort().map((key) => queueArns[key]!),
        logGroupName: logGroup.name,
        scheduleDeadLetterQueueName: schedules.deadLetterQueue?.name,
      });
      output('notifications_topic_arn', notifications.topicArn, 'SNS topic of job state notifications: subscribe more endpoints here');
    }

    // Last, so that it reaches every role built above.
    if (cfg.permissionsBoundary) boundEveryRole(this, cfg.permissionsBoundary);

    // For apps that call app.synth() themselves: doctor errors fail the synth.
    this.node.addValidation({ validate: () => errorMessages(this.preflight()) });
  }

  /**
   * Runs the preflight doctor on the Terraform this stack synthesizes. Errors
   * mean a job can never run or an apply/destroy will fail; main.ts refuses
   * to write anything then.
   */
  preflight(): Finding[] {
    return runDoctor(this.toTerraform() as TerraformJson);
  }
}

function errorMessages(findings: readonly Finding[]): string[] {
  const errors = findings.filter((f) => f.severity === 'error');
  return errors.length ? [formatFindings(errors)] : [];
}
