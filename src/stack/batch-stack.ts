/**
 * One environment's complete AWS Batch setup as one Terraform stack: network,
 * IAM, compute environments, job queues, job definitions, logs, schedules,
 * notifications and outputs. The stack walks the config's maps and gives
 * each construct what it needs: the platform, the ARNs, the roles.
 */
import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { parseConfig } from '../config/parse';
import { configSource } from '../config/errors';
import { scheduleAddress } from '../config/addresses';
import { isFargate, type BatchConfig, type ResolvedComputeEnvironment, type ResolvedConfig } from '../config/schema';
import { awsName } from '../aws/names';
import { jobSecret, secretServices } from '../aws/secret-references';
import { BatchNetwork } from '../constructs/network/network';
import { InstanceRole } from '../constructs/iam/instance-role';
import { ExecutionRole } from '../constructs/iam/execution-role';
import { BatchServiceRole } from '../constructs/iam/batch-service-role';
import { JobRole } from '../constructs/iam/job-role';
import { SchedulerRole } from '../constructs/iam/scheduler-role';
import { boundEveryRole } from '../constructs/iam/boundary';
import { LaunchTemplate } from '../constructs/launch-template';
import { ComputeEnvironment } from '../constructs/compute-environment';
import { ClusterPlacementGroup } from '../constructs/placement-group';
import { SchedulingPolicy } from '../constructs/scheduling-policy';
import { JobQueue } from '../constructs/job-queue';
import { JobDefinition } from '../constructs/job-definition';
import { ScheduleDeadLetters } from '../constructs/schedule-dead-letters';
import { JobSchedule } from '../constructs/job-schedule';
import { JobNotifications } from '../constructs/job-notifications';
import { InterNodeSecurityGroup } from '../constructs/network/inter-node-security-group';
import { containerVolumes, efsClientStatements, fileSystems } from './file-systems';
import { formatFindings, runDoctor, type Finding, type TerraformJson } from '../doctor/index';
import { named } from './terraform-ids';
import { awsProvider } from './provider';
import { addStateBackend } from './state-backend';
import { ReviewableStack } from './reviewable-stack';

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
    const name = cfg.name;

    // Local state next to the project unless the config names an S3 bucket.
    addStateBackend(this, id, cfg.backend);

    awsProvider(this, { region: cfg.region, accountId: cfg.accountId, tags: { ...cfg.tags, Environment: id } });

    const jobs = Object.entries(cfg.jobDefinitions);
    const secrets = jobs.flatMap(([, job]) => Object.values(job.secrets).map(jobSecret));
    const network = new BatchNetwork(this, 'network', {
      environmentName: name,
      region: cfg.region,
      availabilityZones: cfg.availabilityZones,
      network: cfg.network,
      extraEndpoints: secretServices(secrets),
      // The mount targets of the file systems the stack creates are in its VPC.
      nfsEgress: cfg.network.mode !== 'existing' && Object.keys(cfg.fileSystems).length > 0,
    });
    const mountable = fileSystems(new Construct(this, 'fileSystems'), cfg, network);
    // The nodes of a multi-node parallel job talk to each other: a group that allows it, only on the
    // EC2 environments of the queues such jobs are made for (Batch runs them on no other;
    // docs/aws-batch-facts.md#multi-node-parallel-jobs). In an existing VPC the groups are the user's.
    const interNode: Record<string, InterNodeSecurityGroup> = {};
    if (network.vpcId !== undefined) {
      for (const ceKey of multiNodeComputeEnvironments(cfg)) {
        interNode[ceKey] = named(new InterNodeSecurityGroup(network, `mnp-${ceKey}`, { environmentName: name, computeEnvironmentKey: ceKey, vpcId: network.vpcId }), `mnp_${ceKey}`);
      }
    }

    // ---- IAM: the roles EC2, ECS and Batch assume (job roles come with their job definitions)
    const iam = new Construct(this, 'iam');
    const ec2 = Object.values(cfg.computeEnvironments).some((ce) => !isFargate(ce.type));
    const instanceRole = ec2 ? new InstanceRole(iam, 'instance', { environmentName: name }) : undefined;
    const executionRole = jobs.length > 0 ? new ExecutionRole(iam, 'execution', { environmentName: name, accountId: cfg.accountId, secrets }) : undefined;
    const serviceRole = cfg.serviceRole === 'custom' ? new BatchServiceRole(iam, 'service', { environmentName: name, accountId: cfg.accountId }) : undefined;

    // ---- Compute environments ----------------------------------------------
    const computeEnvironmentScope = new Construct(this, 'computeEnvironments');
    // One launch template for every EC2/SPOT environment with nothing of its
    // own; a root volume or user data gets an environment a template of its
    // own. The shared one stays while any EC2/SPOT environment exists, used or
    // not: deleting it in the apply that replaces the environment which last
    // used it would be a dependency cycle
    // (docs/aws-batch-facts.md#what-replaces-a-compute-environment).
    const ownTemplate = (ce: ResolvedComputeEnvironment) => !isFargate(ce.type) && (ce.rootVolume !== undefined || ce.userData !== undefined);
    const launchTemplate = ec2
      ? named(new LaunchTemplate(computeEnvironmentScope, 'launch-template', { launchTemplateName: awsName(name, 'compute') }), 'compute')
      : undefined;
    const computeEnvironments: Record<string, ComputeEnvironment> = {};
    for (const [key, ce] of Object.entries(cfg.computeEnvironments)) {
      const own = ownTemplate(ce)
        ? named(
            new LaunchTemplate(computeEnvironmentScope, `launch-template-${key}`, {
              launchTemplateName: awsName(name, 'compute', key),
              rootVolume: ce.rootVolume,
              userData: ce.userData,
              createBeforeDestroy: true,
            }),
            `compute_${key}`,
          )
        : undefined;
      const placementGroup = ce.placementGroup && !isFargate(ce.type)
        ? named(new ClusterPlacementGroup(computeEnvironmentScope, `placement-group-${key}`, { placementGroupName: awsName(name, key) }), key)
        : undefined;
      // The environment's own subnets: by availability zone in a VPC the stack creates, by id in an existing one.
      const subnetIds = ce.subnetIds ?? ce.availabilityZones?.map((az) => network.subnetIdsByAz[az]!) ?? network.subnetIds;
      computeEnvironments[key] = named(
        new ComputeEnvironment(computeEnvironmentScope, key, {
          ...ce,
          computeEnvironmentNamePrefix: `${awsName(name, key)}-`,
          subnetIds,
          securityGroupIds: [...network.securityGroupIds, ...(interNode[key] ? [interNode[key].id] : [])],
          instanceProfileArn: instanceRole?.instanceProfileArn,
          launchTemplate: own ?? launchTemplate,
          serviceRole,
          placementGroup,
        }),
        key,
      );
    }

    // ---- Job queues ----------------------------------------------------------
    const jobQueueScope = new Construct(this, 'jobQueues');
    const jobQueues: Record<string, JobQueue> = {};
    for (const [key, queue] of Object.entries(cfg.jobQueues)) {
      const schedulingPolicy = queue.fairShare
        ? named(new SchedulingPolicy(jobQueueScope, `${key}-fair-share`, { schedulingPolicyName: awsName(name, key), ...queue.fairShare }), key)
        : undefined;
      jobQueues[key] = named(
        new JobQueue(jobQueueScope, key, {
          jobQueueName: awsName(name, key),
          computeEnvironmentArns: queue.computeEnvironments.map((ce) => computeEnvironments[ce]!.arn),
          priority: queue.priority,
          state: queue.state,
          runnableTimeoutSeconds: queue.runnableTimeoutSeconds,
          schedulingPolicy,
        }),
        key,
      );
    }

    // ---- Job definitions -----------------------------------------------------
    const logGroup = named(new CloudwatchLogGroup(this, 'logs', { name: `/aws/batch/${name}`, retentionInDays: cfg.logRetentionDays }), 'jobs');
    const jobDefinitionScope = new Construct(this, 'jobDefinitions');
    const jobDefinitions: Record<string, JobDefinition> = {};
    for (const [key, job] of jobs) {
      const queue = cfg.jobQueues[job.queue]!;
      // A queue runs on one platform (the config checks refuse a mixed one): its first compute environment's.
      const platform = isFargate(cfg.computeEnvironments[queue.computeEnvironments[0]!]!.type) ? 'FARGATE' : 'EC2';
      const jobRole = new JobRole(iam, `job-${key}`, {
        environmentName: name,
        jobDefinitionKey: key,
        accountId: cfg.accountId,
        statements: [
          ...job.jobRoleStatements.map((s) => ({ Effect: s.effect, Action: s.actions, Resource: s.resources })),
          ...efsClientStatements(job, mountable),
        ],
      });
      const container = {
        image: job.image,
        command: job.command,
        environment: job.environment,
        secrets: Object.fromEntries(Object.entries(job.secrets).map(([variable, secret]) => [variable, jobSecret(secret).valueFrom])),
        vcpus: job.vcpus,
        memoryMiB: job.memoryMiB,
        gpus: job.gpus,
        privileged: job.privileged,
        jobRoleArn: jobRole.arn,
        executionRoleArn: executionRole!.arn,
        logGroupName: logGroup.name,
        region: cfg.region,
        logStreamPrefix: key,
        linux: { sharedMemoryMiB: job.sharedMemoryMiB, tmpfs: job.tmpfs, initProcess: job.initProcess, swap: job.swap },
        ulimits: Object.fromEntries(Object.entries(job.ulimits).flatMap(([ulimit, limit]) => (limit ? [[ulimit, limit]] : []))),
        user: job.user,
        readonlyRootFilesystem: job.readonlyRootFilesystem,
        volumes: containerVolumes(job, mountable),
        instanceType: job.multiNode?.instanceType,
      };
      jobDefinitions[key] = named(
        new JobDefinition(jobDefinitionScope, key, {
          jobDefinitionName: awsName(name, key),
          platform,
          container,
          assignPublicIp: network.assignPublicIp,
          fargate: { ephemeralStorageGiB: job.ephemeralStorageGiB, cpuArchitecture: job.cpuArchitecture, platformVersion: job.platformVersion },
          multiNode: job.multiNode && {
            numNodes: job.multiNode.numNodes,
            mainNode: job.multiNode.mainNode,
            nodeRanges: Object.entries(job.multiNode.nodeRanges ?? { '0:': {} }).map(([targetNodes, range]) => ({
              targetNodes,
              // Only what the range sets: an undefined here would hide the job's own value.
              container: Object.fromEntries(Object.entries(range).filter(([, value]) => value !== undefined)),
            })),
          },
          retryAttempts: job.retryAttempts,
          retryRules: job.retryRules,
          parameters: job.parameters,
          deregisterOnNewRevision: job.deregisterOnNewRevision,
          timeoutSeconds: job.timeoutSeconds,
          propagateTags: job.propagateTags,
          schedulingPriority: job.schedulingPriority,
          jobQueue: jobQueues[job.queue]!,
        }),
        key,
      );
    }

    // ---- Outputs -------------------------------------------------------------
    const output = (outputName: string, value: string, description: string) =>
      named(new TerraformOutput(this, `output-${outputName}`, { value, description }), outputName);
    for (const [key, queue] of Object.entries(jobQueues)) {
      output(`job_queue_${key}_arn`, queue.arn, `ARN of job queue ${key}`);
      output(`job_queue_${key}_name`, queue.name, `Name of job queue ${key}`);
    }
    for (const [key, definition] of Object.entries(jobDefinitions)) {
      const job = cfg.jobDefinitions[key]!;
      output(`job_definition_${key}_arn`, definition.arn, `ARN (with revision) of job definition ${key}`);
      output(`job_definition_${key}_arn_prefix`, definition.arnPrefix, `ARN without revision of job definition ${key}: always the latest`);
      // A fair-share queue refuses a job without a share identifier (docs/aws-batch-facts.md#fair-share-share-identifiers).
      const share = job.shareIdentifier !== undefined ? ` --share-identifier ${job.shareIdentifier}` : '';
      output(
        `job_definition_${key}_submit_command`,
        `aws batch submit-job --region ${cfg.region} --job-queue ${awsName(name, job.queue)} --job-definition ${awsName(name, key)} --job-name ${key}${share}`,
        `Submits a ${key} job`,
      );
    }
    output('log_group', logGroup.name, 'CloudWatch log group of every job');

    // ---- Schedules -------------------------------------------------------------
    const scheduled = jobs.filter(([, job]) => Object.keys(job.schedules).length > 0);
    const scheduleScope = new Construct(this, 'schedules');
    const deadLetters = scheduled.length > 0
      ? named(new ScheduleDeadLetters(scheduleScope, 'dead-letters', { queueName: awsName(name, 'schedule-dead-letters') }), 'schedule_dead_letters')
      : undefined;
    for (const [jobKey, job] of scheduled) {
      const jobQueueArn = jobQueues[job.queue]!.arn;
      const jobDefinitionArnPrefix = jobDefinitions[jobKey]!.arnPrefix;
      const role = new SchedulerRole(scheduleScope, `role-${jobKey}`, {
        environmentName: name,
        jobDefinitionKey: jobKey,
        accountId: cfg.accountId,
        jobQueueArn,
        jobDefinitionArnPrefix,
        deadLetterQueueArn: deadLetters!.arn,
      });
      for (const [key, schedule] of Object.entries(job.schedules)) {
        const address = scheduleAddress(jobKey, key);
        const scheduleName = awsName(name, jobKey, key);
        named(
          new JobSchedule(scheduleScope, address, {
            scheduleName,
            description: `Submits a ${jobKey} job to job queue ${job.queue}`,
            expression: schedule.expression,
            timezone: schedule.timezone,
            state: schedule.state,
            flexibleWindowMinutes: schedule.flexibleWindowMinutes,
            jobName: `${jobKey}-${key}`,
            jobQueueArn,
            jobDefinitionArnPrefix,
            parameters: schedule.parameters,
            // The schedule's own share, else its job definition's.
            shareIdentifier: schedule.shareIdentifier ?? job.shareIdentifier,
            role,
            deadLetterQueueArn: deadLetters!.arn,
          }),
          address,
        );
        output(`schedule_${address}_name`, scheduleName, `EventBridge Scheduler schedule ${address}`);
      }
    }
    if (deadLetters) {
      output('schedule_dead_letter_queue_url', deadLetters.url, 'SQS queue of schedule runs EventBridge Scheduler could not submit');
    }

    // ---- Notifications ---------------------------------------------------------
    if (cfg.notifications) {
      const notifications = new JobNotifications(this, 'notifications', {
        name,
        accountId: cfg.accountId,
        region: cfg.region,
        notifications: cfg.notifications,
        // By key, so reordering queues in the config does not rewrite the rule.
        queueArns: Object.keys(jobQueues).sort().map((key) => jobQueues[key]!.arn),
        logGroupName: logGroup.name,
        scheduleDeadLetters: deadLetters,
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
    const suppressions = this.config.doctorSuppressions.map((s, i) => ({ ...s, origin: `doctorSuppressions[${i}]` }));
    return runDoctor(this.toTerraform() as TerraformJson, { suppressions });
  }
}

/** The EC2 (on-demand) compute environments of the queues multi-node parallel jobs are made for, by key. */
function multiNodeComputeEnvironments(cfg: ResolvedConfig): string[] {
  const keys = new Set<string>();
  for (const job of Object.values(cfg.jobDefinitions)) {
    if (!job.multiNode) continue;
    for (const ce of cfg.jobQueues[job.queue]!.computeEnvironments) if (cfg.computeEnvironments[ce]!.type === 'EC2') keys.add(ce);
  }
  return [...keys].sort();
}

function errorMessages(findings: readonly Finding[]): string[] {
  const errors = findings.filter((f) => f.severity === 'error' && !f.suppressed);
  return errors.length ? [formatFindings(errors)] : [];
}
