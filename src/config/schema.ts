/**
 * The one schema for a batch environment's config: its shapes and types.
 * `BatchConfig` is what a user writes (plain JSON); `ResolvedConfig` is the
 * same with every default (defaults.ts) applied. What depends on more than
 * one field is checked in checks/, in parse.ts's order.
 */
import { z } from 'zod';
import { ROOT_VOLUME_TYPES } from '../aws/root-volume';
import { FARGATE_EPHEMERAL_STORAGE_GIB, FARGATE_PLATFORM_VERSIONS } from '../aws/fargate';
import { EXIT_CODE_PATTERN, MAX_PATTERN_LENGTH, REASON_PATTERN, TMPFS_MOUNT_OPTIONS, ULIMIT_NAMES } from '../aws/job-definitions';
import {
  COMPUTE_ENVIRONMENT_DEFAULTS,
  DEFAULT_REGION,
  FAIR_SHARE_DEFAULTS,
  FILE_SYSTEM_DEFAULTS,
  JOB_DEFINITION_DEFAULTS,
  JOB_QUEUE_DEFAULTS,
  NETWORK_DEFAULTS,
  NOTIFICATION_DEFAULTS,
  SCHEDULE_DEFAULTS,
  STACK_DEFAULTS,
} from './defaults';

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

/**
 * Keys of the config's maps become Terraform addresses (`aws_batch_job_queue.<key>`)
 * and parts of AWS names (`<name>-<key>`), so they must be valid for both.
 */
const KEY = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, {
    message: 'must start with a letter and contain only letters, digits, hyphens and underscores',
  })
  .max(32)
  // constructs keeps children in a plain object, where these names already exist.
  .refine((key) => !(key in Object.prototype), { message: 'is reserved: it is the name of a JavaScript object property' });

/** Prefix of every AWS name the stack creates; IAM role names cap it (64 chars in all). */
const ENVIRONMENT_NAME = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, { message: 'must be lowercase letters, digits and hyphens, starting with a letter' })
  .max(24);

const ENV_VAR_NAME = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  message: 'must be a valid environment variable name (letters, digits, underscores)',
});

/**
 * A secret by ARN (`valueFrom`: a Secrets Manager ARN, partial or with
 * :json-key:version-stage:version-id, or an SSM parameter ARN), or that ARN
 * with the customer managed KMS key that encrypts it. The forms are checked
 * in checks/job-definitions.ts against src/aws/secret-references.ts, which
 * also derives what the execution role is granted.
 */
const SECRET = z.union([z.string().min(1), z.strictObject({ arn: z.string().min(1), kmsKeyArn: z.string().min(1).optional() })]);

const INSTANCE_TYPE = z.string().regex(/^([a-z][a-z0-9-]*(\.[a-z0-9-]+)?|optimal|default_x86_64|default_arm64)$/, {
  message: 'must be an instance type (m6i.large), a family (m6i), optimal, default_x86_64 or default_arm64',
});

/** EC2 AMI ids have 8 or 17 hex digits. */
const AMI_ID = z.string().regex(/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: 'must be an AMI id (ami- and 8 or 17 hex digits)' });

const AVAILABILITY_ZONE = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, { message: 'must be an availability zone name such as ap-northeast-1a' });

const SUBNET_ID = z.string().regex(/^subnet-[0-9a-f]+$/, { message: 'must be a subnet id (subnet-...)' });

/** Subnets are carved as /(n+4) blocks, so /22 is the smallest VPC that leaves room. */
const CIDR = z.string().regex(/^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)\/(1[6-9]|2[0-2])$/, {
  message: 'must be an IPv4 CIDR block from /16 to /22, e.g. 10.0.0.0/16',
});

const ENABLED = z.enum(['ENABLED', 'DISABLED']);

/**
 * The share a job is submitted under to a fair-share queue: letters and
 * digits (docs/aws-batch-facts.md#fair-share-share-identifiers). A trailing
 * `*` is for the queue's `fairShare.shares`, where it matches a prefix.
 */
const SHARE_IDENTIFIER = z.string().regex(/^[A-Za-z0-9]{1,255}$/, {
  message: 'must be a share identifier: 1-255 letters and digits (a trailing * belongs in the queue\'s fairShare.shares)',
});

// ---------------------------------------------------------------------------
// Network
// ---------------------------------------------------------------------------

const NEW_VPC = { vpcCidr: CIDR.default(NETWORK_DEFAULTS.vpcCidr) };

export const NetworkSchema = z.discriminatedUnion('mode', [
  /** Private subnets; AWS services reached through VPC endpoints. No internet access at all. */
  z.strictObject({ mode: z.literal('endpoints'), ...NEW_VPC }),
  /** Private subnets with a NAT gateway per AZ (or a single one, cheaper, one AZ of failure). */
  z.strictObject({ mode: z.literal('nat'), ...NEW_VPC, natGateways: z.enum(['perAz', 'single']).default(NETWORK_DEFAULTS.natGateways) }),
  /** Public subnets; instances and Fargate tasks get public IPs. Simplest, least private. */
  z.strictObject({ mode: z.literal('public'), ...NEW_VPC }),
  /** Bring your own VPC: nothing network-related is created. */
  z.strictObject({
    mode: z.literal('existing'),
    subnetIds: z.array(SUBNET_ID).min(1),
    securityGroupIds: z.array(z.string().regex(/^sg-[0-9a-f]+$/, { message: 'must be a security group id (sg-...)' })).min(1),
    /** Fargate tasks need a public IP to reach ECS when these subnets have neither NAT nor endpoints. */
    assignPublicIp: z.boolean().default(NETWORK_DEFAULTS.assignPublicIp),
  }),
]);

// ---------------------------------------------------------------------------
// Compute environments
// ---------------------------------------------------------------------------

export const COMPUTE_TYPES = ['EC2', 'SPOT', 'FARGATE', 'FARGATE_SPOT'] as const;

/**
 * Only the strategies that keep a compute environment "updatable" (instance
 * types, subnets, launch template... change in place:
 * docs/aws-batch-facts.md#what-makes-a-compute-environment-updatable) plus
 * BEST_FIT for those who need it. SPOT with BEST_FIT needs a spot fleet role
 * this stack does not create, so it is not offered.
 */
const ALLOCATION_STRATEGY = z.enum([
  'BEST_FIT_PROGRESSIVE',
  'SPOT_CAPACITY_OPTIMIZED',
  'SPOT_PRICE_CAPACITY_OPTIMIZED',
  'BEST_FIT',
]);

export const ComputeEnvironmentSchema = z.strictObject({
  type: z.enum(COMPUTE_TYPES),
  /** Upper bound of vCPUs the environment scales to. */
  maxVcpus: z.number().int().min(1).max(100_000).default(COMPUTE_ENVIRONMENT_DEFAULTS.maxVcpus),
  /** EC2/SPOT only. 0 lets the environment scale to zero when idle. @default 0 */
  minVcpus: z.number().int().min(0).max(100_000).optional(),
  /** EC2/SPOT only. @default ["default_x86_64"] */
  instanceTypes: z.array(INSTANCE_TYPE).min(1).max(50).optional(),
  /** EC2/SPOT only. @default BEST_FIT_PROGRESSIVE (EC2), SPOT_CAPACITY_OPTIMIZED (SPOT) */
  allocationStrategy: ALLOCATION_STRATEGY.optional(),
  /** SPOT only: maximum percentage of the on-demand price. @default on-demand price */
  bidPercentage: z.number().int().min(1).max(100).optional(),
  state: ENABLED.default(COMPUTE_ENVIRONMENT_DEFAULTS.state),
  /** EC2/SPOT only: how in-place infrastructure updates treat running jobs (Batch refuses it on Fargate). */
  updatePolicy: z
    .strictObject({
      jobExecutionTimeoutMinutes: z.number().int().min(1).max(360).default(COMPUTE_ENVIRONMENT_DEFAULTS.updatePolicy.jobExecutionTimeoutMinutes),
      terminateJobsOnUpdate: z.boolean().default(COMPUTE_ENVIRONMENT_DEFAULTS.updatePolicy.terminateJobsOnUpdate),
    })
    .default({ ...COMPUTE_ENVIRONMENT_DEFAULTS.updatePolicy }),
  /**
   * EC2/SPOT only: the instances' root volume, in a launch template of this
   * environment's own (always encrypted). @default the AMI's size, gp3
   */
  rootVolume: z
    .strictObject({
      /** @default the size of the AMI's root snapshot (30 GiB for Batch's ECS-optimized AMIs) */
      sizeGiB: z.number().int().min(1).max(65_536).optional(),
      type: z.enum(ROOT_VOLUME_TYPES).default(COMPUTE_ENVIRONMENT_DEFAULTS.rootVolume.type),
      /** gp3 (3000-16000), io1 and io2 (required there). */
      iops: z.number().int().min(100).max(256_000).optional(),
      /** gp3 only. */
      throughputMiBps: z.number().int().min(125).max(1000).optional(),
    })
    .optional(),
  /**
   * EC2/SPOT only: a shell script each instance runs once at boot, before
   * the ECS agent starts (a string, or its lines). The stack wraps it in the
   * MIME multi-part archive Batch requires, in a launch template of this
   * environment's own.
   */
  userData: z.union([z.string().min(1), z.array(z.string()).min(1)]).optional(),
  /** EC2/SPOT only: the AMI of its non-GPU instance types instead of Batch's ECS_AL2023 one. */
  imageId: AMI_ID.optional(),
  /** EC2/SPOT only: the AMI of its GPU instance types instead of Batch's ECS_AL2023_NVIDIA one. */
  gpuImageId: AMI_ID.optional(),
  /** EC2/SPOT only: tags on the instances Batch launches (and so on their cost), e.g. a cost center. */
  instanceTags: z.record(z.string().min(1).max(128), z.string().max(256)).optional(),
  /** EC2/SPOT only: launch the instances into a cluster placement group of their own (one availability zone). */
  placementGroup: z.enum(['cluster']).optional(),
  /** VPCs the stack creates: only the subnets of these of the stack's availability zones. @default all of them */
  availabilityZones: z.array(AVAILABILITY_ZONE).min(1).max(6).optional(),
  /** `existing` network mode: only these of `network.subnetIds`. @default all of them */
  subnetIds: z.array(SUBNET_ID).min(1).max(16).optional(),
});

// ---------------------------------------------------------------------------
// Job queues
// ---------------------------------------------------------------------------

export const JobQueueSchema = z.strictObject({
  /** Compute environments in the order Batch tries them, e.g. ["spot", "ondemand"]. At most 3. */
  computeEnvironments: z.array(KEY).min(1).max(3),
  priority: z.number().int().min(0).max(1000).default(JOB_QUEUE_DEFAULTS.priority),
  state: ENABLED.default(JOB_QUEUE_DEFAULTS.state),
  /**
   * Jobs stuck in RUNNABLE for a MISCONFIGURATION reason (no compute
   * environment can ever run them) are cancelled after this many seconds.
   */
  runnableTimeoutSeconds: z.number().int().min(600).max(86_400).default(JOB_QUEUE_DEFAULTS.runnableTimeoutSeconds),
  /** Fair-share scheduling. A fair-share policy cannot be removed from a queue again. */
  fairShare: z
    .strictObject({
      shareDecaySeconds: z.number().int().min(0).max(604_800).default(FAIR_SHARE_DEFAULTS.shareDecaySeconds),
      computeReservation: z.number().int().min(0).max(99).default(FAIR_SHARE_DEFAULTS.computeReservation),
      shares: z
        .record(z.string().regex(/^[A-Za-z0-9]{1,254}\*?$/, { message: 'must be a share identifier (letters, digits, optional trailing *)' }), z.number().min(0.0001).max(999.9999))
        .default({}),
    })
    .optional(),
});

// ---------------------------------------------------------------------------
// Job definitions
// ---------------------------------------------------------------------------

const POLICY_STATEMENT = z.strictObject({
  effect: z.enum(['Allow', 'Deny']).default(JOB_DEFINITION_DEFAULTS.statementEffect),
  actions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, { message: 'must be an IAM action like s3:GetObject' })).min(1),
  resources: z.array(z.string().min(1)).min(1),
});

/**
 * EventBridge Scheduler's three expression kinds. Checked loosely here (the
 * shape); checks/schedules.ts checks what Scheduler itself rejects at apply time.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 */
const SCHEDULE_EXPRESSION = z.string().regex(/^(cron\([^()]+\)|rate\([^()]+\)|at\([^()]+\))$/, {
  message: 'must be cron(...), rate(...) or at(...), e.g. cron(0 3 * * ? *) or rate(1 hour)',
});

/** One schedule of a job definition: EventBridge Scheduler submits the job to its queue. */
export const ScheduleSchema = z.strictObject({
  /** cron(min hour day-of-month month day-of-week year), rate(n unit) or at(yyyy-mm-ddThh:mm:ss). */
  expression: SCHEDULE_EXPRESSION,
  /** IANA time zone the expression is read in, e.g. Asia/Tokyo. @default UTC */
  timezone: z.string().min(1).max(50).default(SCHEDULE_DEFAULTS.timezone),
  /** Job parameters (`Ref::name` in the command) for the submitted job. @default none */
  parameters: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, { message: 'must be a parameter name (letters, digits, - and _)' }), z.string()).default({}),
  /** DISABLED keeps the schedule but submits nothing. */
  state: ENABLED.default(SCHEDULE_DEFAULTS.state),
  /** Let Scheduler start up to this many minutes late to spread load. @default exact time */
  flexibleWindowMinutes: z.number().int().min(1).max(1440).optional(),
  /** Fair-share queues only: the share these runs are submitted under. @default the job definition's shareIdentifier */
  shareIdentifier: SHARE_IDENTIFIER.optional(),
});

const PARAMETERS = z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, { message: 'must be a parameter name (letters, digits, - and _)' }), z.string());

/** An absolute path inside the container (or on the host). */
const ABSOLUTE_PATH = z.string().max(4096).regex(/^\/[^\s]*$/, { message: 'must be an absolute path without spaces, e.g. /data' });

/**
 * A volume of the job: an EFS file system of `fileSystems` (`efs`), or a
 * folder of the instance (`host`, EC2/SPOT only), mounted at `containerPath`.
 * docs/aws-batch-facts.md#efs-volumes, docs/aws-batch-facts.md#host-volumes-and-mount-points
 */
export const VolumeSchema = z.strictObject({
  /** Where the container sees it. */
  containerPath: ABSOLUTE_PATH,
  /** Mount read-only. @default false */
  readOnly: z.boolean().default(JOB_DEFINITION_DEFAULTS.volumeReadOnly),
  /** EC2/SPOT only: this folder of the instance (created by Docker when missing). */
  host: ABSOLUTE_PATH.optional(),
  /** A key of `fileSystems`. */
  efs: KEY.optional(),
  /** A key of that file system's `accessPoints`: the job then sees the access point's folder as its user. */
  accessPoint: KEY.optional(),
  /** The folder of the file system to mount, without an access point. @default / */
  rootDirectory: ABSOLUTE_PATH.optional(),
  /** TLS between the job and EFS; required with an access point or IAM authorization. @default true */
  transitEncryption: z.boolean().optional(),
});

/** One retry rule: what to do when a job attempt ends with all of the given conditions. */
const RetryRuleSchema = z.strictObject({
  action: z.enum(['RETRY', 'EXIT']),
  /** The exit code: digits, optionally ending in `*`. */
  onExitCode: z.string().max(MAX_PATTERN_LENGTH).regex(EXIT_CODE_PATTERN, { message: "must be digits, optionally ending in * (e.g. \"137\" or \"1*\")" }).optional(),
  /** The attempt's reason (e.g. CannotPullContainerError:...): letters, digits, ".", ":" and spaces, optionally ending in `*`. */
  onReason: z.string().max(MAX_PATTERN_LENGTH).regex(REASON_PATTERN, { message: 'must contain only letters, digits, ".", ":" and spaces, optionally ending in * (AWS refuses "-", "_", "(" and the like: end the pattern before them with *)' }).optional(),
  /** The job's status reason (e.g. Host EC2 ...): same characters as onReason. */
  onStatusReason: z.string().max(MAX_PATTERN_LENGTH).regex(REASON_PATTERN, { message: 'must contain only letters, digits, ".", ":" and spaces, optionally ending in * (AWS refuses "-", "_", "(" and the like: end the pattern before them with *)' }).optional(),
});

/** A node range's own container settings; what it leaves out it takes from the job definition. */
const NodeRangeSchema = z.strictObject({
  image: z.string().min(1).max(255).optional(),
  command: z.array(z.string()).optional(),
  /** Added to (and overriding) the job definition's environment. */
  environment: z.record(ENV_VAR_NAME, z.string().min(1)).optional(),
  vcpus: z.number().int().min(1).max(192).optional(),
  memoryMiB: z.number().int().min(4).max(24_576_000).optional(),
  gpus: z.number().int().min(0).max(16).optional(),
});

/**
 * A multi-node parallel job: `numNodes` instances (one container each) that
 * talk to each other, on EC2 on-demand compute environments only
 * (docs/aws-batch-facts.md#multi-node-parallel-jobs).
 */
export const MultiNodeSchema = z.strictObject({
  numNodes: z.number().int().min(1).max(10_000),
  /** The index of the main node; the job's exit code is its exit code. */
  mainNode: z.number().int().min(0).max(9_999).default(JOB_DEFINITION_DEFAULTS.mainNode),
  /** The one instance type every node runs on. @default any type of the compute environment */
  instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/, { message: 'must be an instance type such as p4d.24xlarge' }).optional(),
  /**
   * Node groups by `targetNodes` (`"0:0"`, `"1:"`, `":3"`...), each with its own
   * settings; nested ranges override the wider one. @default {"0:": {}}, every node the same
   */
  nodeRanges: z.record(z.string().regex(/^(\d+:\d*|:\d+)$/, { message: 'must be a node range such as "0:0", "1:" or ":3"' }), NodeRangeSchema).optional(),
});

export const JobDefinitionSchema = z.strictObject({
  /** The job queue (key of `jobQueues`) this job definition is made for. */
  queue: KEY,
  /** Container image. In `endpoints` network mode it must come from ECR in this region. */
  image: z.string().min(1).max(255),
  command: z.array(z.string()).default([]),
  /** Empty values are refused: the provider drops them, so they never reach AWS. */
  environment: z.record(ENV_VAR_NAME, z.string().min(1)).default({}),
  /** Environment variables filled from Secrets Manager secrets or SSM parameters: an ARN, or `{ arn, kmsKeyArn }`. */
  secrets: z.record(ENV_VAR_NAME, SECRET).default({}),
  /** vCPUs; Fargate allows 0.25, 0.5, 1, 2, 4, 8, 16; EC2 whole numbers. */
  vcpus: z.number().positive().max(192).default(JOB_DEFINITION_DEFAULTS.vcpus),
  memoryMiB: z.number().int().min(4).max(24_576_000).default(JOB_DEFINITION_DEFAULTS.memoryMiB),
  /** EC2/SPOT only. Needs GPU instance types (g*, p*). */
  gpus: z.number().int().min(0).max(16).default(JOB_DEFINITION_DEFAULTS.gpus),
  /** Attempts in all (1 = no retry). Retries happen only when a Spot host is reclaimed. */
  retryAttempts: z.number().int().min(1).max(10).default(JOB_DEFINITION_DEFAULTS.retryAttempts),
  /** Kill an attempt after this many seconds. @default no timeout */
  timeoutSeconds: z.number().int().min(60).max(1_209_600).optional(),
  /** Statements of the job role's policy: what the job's code may call. @default none */
  jobRoleStatements: z.array(POLICY_STATEMENT).default([]),
  /** Tag the ECS tasks with the job's tags. */
  propagateTags: z.boolean().default(JOB_DEFINITION_DEFAULTS.propagateTags),
  /** Root on the host. Only when the job really needs it (the doctor warns). @default false */
  privileged: z.boolean().default(JOB_DEFINITION_DEFAULTS.privileged),
  /** Schedules that submit this job, by name. @default none */
  schedules: z.record(KEY, ScheduleSchema).default({}),
  /**
   * Fair-share queues only, and required there: the share identifier its jobs
   * are submitted under by schedules, the job CLI and the submit_command
   * output, unless they name another.
   */
  shareIdentifier: SHARE_IDENTIFIER.optional(),
  /** Fair-share queues only: jobs with a higher priority start first within their share (0-9999). @default none */
  schedulingPriority: z.number().int().min(0).max(9999).optional(),
  /** Default values of the command's `Ref::name` placeholders; a submitted job's parameters override them. @default none */
  parameters: PARAMETERS.default({}),
  /** false keeps each earlier revision ACTIVE when a new one is registered, for pipelines pinned to `name:revision`. */
  deregisterOnNewRevision: z.boolean().default(JOB_DEFINITION_DEFAULTS.deregisterOnNewRevision),
  /**
   * Retry rules checked in order after the stack's own Spot-reclaim rule and
   * before its final "exit on anything else". @default none
   */
  retryRules: z.array(RetryRuleSchema).max(4).default([]),
  /** Volumes by name: EFS file systems or host folders. @default none */
  volumes: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, { message: 'must be a volume name: letters, digits, - and _' }), VolumeSchema).default({}),
  /** EC2/SPOT only: the size of /dev/shm in MiB (Docker's default is 64). Counts against memoryMiB. @default Docker's 64 MiB */
  sharedMemoryMiB: z.number().int().min(1).max(24_576_000).optional(),
  /** EC2/SPOT only: in-memory file systems by container path. Count against memoryMiB. @default none */
  tmpfs: z
    .record(ABSOLUTE_PATH, z.strictObject({ sizeMiB: z.number().int().min(1).max(24_576_000), mountOptions: z.array(z.enum(TMPFS_MOUNT_OPTIONS)).default([]) }))
    .default({}),
  /** Run an init process as PID 1 (docker run --init): reaps zombies and forwards signals. */
  initProcess: z.boolean().default(JOB_DEFINITION_DEFAULTS.initProcess),
  /**
   * EC2/SPOT only: swap the container may use, with swappiness 0-100.
   * ECS-optimized AMIs have no swap unless user data creates it. @default the instance's
   */
  swap: z.strictObject({ maxSwapMiB: z.number().int().min(0).max(2_147_483_647), swappiness: z.number().int().min(0).max(100).optional() }).optional(),
  /** EC2/SPOT only: resource limits by name (nofile, nproc, memlock...). @default Docker's */
  ulimits: z.partialRecord(z.enum(ULIMIT_NAMES), z.strictObject({ soft: z.number().int().min(0).max(2_147_483_647), hard: z.number().int().min(0).max(2_147_483_647) })).default({}),
  /** The user the container runs as: name, uid, uid:gid or user:group. @default the image's */
  user: z.string().max(255).regex(/^[^\s:]+(:[^\s:]+)?$/, { message: 'must be a user name or uid, optionally with :group or :gid' }).optional(),
  /** Mount the container's root file system read-only. */
  readonlyRootFilesystem: z.boolean().default(JOB_DEFINITION_DEFAULTS.readonlyRootFilesystem),
  /** Fargate only: task storage in GiB. @default Fargate's 20 GiB */
  ephemeralStorageGiB: z.number().int().min(FARGATE_EPHEMERAL_STORAGE_GIB.min).max(FARGATE_EPHEMERAL_STORAGE_GIB.max).optional(),
  /** Fargate only: the CPU architecture the image is built for. */
  cpuArchitecture: z.enum(['X86_64', 'ARM64']).default(JOB_DEFINITION_DEFAULTS.cpuArchitecture),
  /** Fargate only: the platform version to pin. */
  platformVersion: z.enum(FARGATE_PLATFORM_VERSIONS).default(JOB_DEFINITION_DEFAULTS.platformVersion),
  /** A multi-node parallel job (EC2 on-demand queues only). @default a single-container job */
  multiNode: MultiNodeSchema.optional(),
});

// ---------------------------------------------------------------------------
// File systems
// ---------------------------------------------------------------------------

/** An EFS access point: a folder of the file system that jobs see as its root, as one POSIX user. */
const AccessPointSchema = z.strictObject({
  /** An existing file system's access point. */
  accessPointId: z.string().regex(/^fsap-[0-9a-f]{8,40}$/, { message: 'must be an access point id (fsap-...)' }).optional(),
  /** A file system the stack creates: the folder, created on first use. */
  path: ABSOLUTE_PATH.optional(),
  /** The user id every job on it acts as, and the folder's owner. */
  uid: z.number().int().min(0).max(4_294_967_295).optional(),
  /** The group id every job on it acts as, and the folder's group. */
  gid: z.number().int().min(0).max(4_294_967_295).optional(),
  /** The folder's permissions when EFS creates it (octal). */
  permissions: z.string().regex(/^[0-7]{3,4}$/, { message: 'must be octal permissions such as "750"' }).optional(),
});

/**
 * An EFS file system jobs mount through `volumes`: one the stack creates
 * (encrypted, a mount target in every availability zone, its own security
 * group), or an existing one by `fileSystemId`
 * (docs/aws-batch-facts.md#efs-volumes).
 */
export const FileSystemSchema = z.strictObject({
  /** An existing file system (network mode `existing`): the stack creates nothing for it. @default the stack creates one */
  fileSystemId: z.string().regex(/^fs-[0-9a-f]{8,40}$/, { message: 'must be a file system id (fs-...)' }).optional(),
  /** A file system the stack creates: elastic or bursting throughput. @default elastic */
  throughputMode: z.enum(['elastic', 'bursting']).optional(),
  /**
   * Mount with the job's role (IAM authorization): the job role is granted the
   * client actions its volumes need, and a file system the stack creates gets
   * a policy that refuses clients without IAM or TLS.
   */
  iamAuthorization: z.boolean().default(FILE_SYSTEM_DEFAULTS.iamAuthorization),
  /** Access points by name. @default none */
  accessPoints: z.record(KEY, AccessPointSchema).default({}),
});

/**
 * Where a notification goes. Email and HTTPS endpoints must confirm the
 * subscription before SNS delivers anything; SQS queues and Lambda functions
 * must allow sns.amazonaws.com in their own resource policy.
 */
const SUBSCRIPTION = z.strictObject({
  protocol: z.enum(['email', 'email-json', 'https', 'sqs', 'lambda']),
  /** An email address, an https:// URL, or the queue / function ARN. */
  endpoint: z.string().min(1).max(2048),
});

/** Job state changes of this stack's queues, sent to an SNS topic. */
export const NotificationsSchema = z.strictObject({
  /** Final job states that notify. @default ["FAILED"] */
  statuses: z.array(z.enum(['FAILED', 'SUCCEEDED'])).min(1).max(2).default([...NOTIFICATION_DEFAULTS.statuses]),
  /** Subscriptions of the topic, by name. @default none (subscribe later to the topic output) */
  subscriptions: z.record(KEY, SUBSCRIPTION).default({}),
});

// ---------------------------------------------------------------------------
// The whole config
// ---------------------------------------------------------------------------

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const BatchConfigSchema = z.strictObject({
  /** Prefix of every AWS name the stack creates, e.g. "batch-dev". */
  name: ENVIRONMENT_NAME,
  /** The AWS account to deploy to; the provider refuses any other (allowed_account_ids). */
  accountId: z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id' }),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region such as ap-northeast-1' }).default(DEFAULT_REGION),
  /** At least two AZs of `region`. @default the region's known AZs (ap-northeast-1: a, c, d) */
  availabilityZones: z.array(AVAILABILITY_ZONE).min(2).max(6).optional(),
  /** Tags on every resource (provider default_tags). */
  tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
  network: NetworkSchema.default({ mode: NETWORK_DEFAULTS.mode, vpcCidr: NETWORK_DEFAULTS.vpcCidr }),
  /**
   * `service-linked` (default): Batch's own role, never deleted by the stack and
   * keeping compute environments updatable in place. `custom`: a role the stack
   * owns; every infrastructure edit then replaces the compute environment.
   */
  serviceRole: z.enum(['service-linked', 'custom']).default(STACK_DEFAULTS.serviceRole),
  /** How long job logs are kept. One of CloudWatch Logs' retention periods. */
  logRetentionDays: z.literal(LOG_RETENTION_DAYS).default(STACK_DEFAULTS.logRetentionDays),
  computeEnvironments: z.record(KEY, ComputeEnvironmentSchema),
  jobQueues: z.record(KEY, JobQueueSchema),
  jobDefinitions: z.record(KEY, JobDefinitionSchema).default({}),
  /** EFS file systems the job definitions' volumes mount, by name. @default none */
  fileSystems: z.record(KEY, FileSystemSchema).default({}),
  /** Notify on failed (and optionally succeeded) jobs of this stack's queues. @default no notifications */
  notifications: NotificationsSchema.optional(),
  /**
   * A managed policy ARN every IAM role of the stack gets as its permissions boundary. Required for an environment
   * the bootstrap's apply role deploys (its boundary refuses to create a role without it): the bootstrap output
   * `permissions_boundary_arn`. @default no boundary
   */
  permissionsBoundary: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:policy\/[\w+=,.@/-]{1,128}$/, { message: 'must be the ARN of a managed policy, e.g. arn:aws:iam::123456789012:policy/github-batch-cdktf-apply-boundary' })
    .optional(),
  /**
   * Where Terraform keeps this environment's state: the bucket the bootstrap stack creates, encrypted, locked
   * with Terraform's own S3 lock file. @default local state, `terraform.<env>.tfstate` in the project folder
   */
  backend: z
    .strictObject({
      type: z.literal('s3'),
      bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' }),
      key: z.string().max(1024).regex(/^[^/].*\.tfstate$/, { message: 'must be an object key ending in .tfstate, e.g. batch/prod.tfstate' }),
      region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region such as ap-northeast-1' }),
    })
    .optional(),
  /**
   * Doctor findings this environment accepts, each with the reason, as
   * cdk-nag requires: `{rule, address?, reason}`. A suppressed finding is
   * still printed, with its reason, and no longer stops the synth.
   * @default none
   */
  doctorSuppressions: z
    .array(
      z.strictObject({
        rule: z.string().regex(/^BATCH_[A-Z0-9_]+$/, { message: 'must be a doctor rule id such as BATCH_SEC_SNS_UNENCRYPTED' }),
        address: z.string().min(1).max(300).optional(),
        reason: z.string().trim().min(1, { message: 'must say why the finding is accepted' }),
      }),
    )
    .default([]),
});

/** The config as a user writes it: plain, JSON-serialisable data. */
export type BatchConfig = z.input<typeof BatchConfigSchema>;
export type NetworkConfig = z.input<typeof NetworkSchema>;
export type ComputeEnvironmentConfig = z.input<typeof ComputeEnvironmentSchema>;
export type JobQueueConfig = z.input<typeof JobQueueSchema>;
export type JobDefinitionConfig = z.input<typeof JobDefinitionSchema>;
export type ScheduleConfig = z.input<typeof ScheduleSchema>;
export type NotificationsConfig = z.input<typeof NotificationsSchema>;
export type FileSystemConfig = z.input<typeof FileSystemSchema>;
export type VolumeConfig = z.input<typeof VolumeSchema>;

type Parsed = z.output<typeof BatchConfigSchema>;
export type ComputeType = (typeof COMPUTE_TYPES)[number];

/** A compute environment with every default applied. */
export type ResolvedComputeEnvironment = Omit<z.output<typeof ComputeEnvironmentSchema>, 'userData'> & {
  readonly minVcpus: number;
  readonly instanceTypes: string[];
  readonly allocationStrategy: z.output<typeof ALLOCATION_STRATEGY>;
  /** The script, its lines joined, ending with a newline. */
  readonly userData?: string;
};

/** The config with every default applied, as the constructs read it. */
export type ResolvedConfig = Omit<Parsed, 'availabilityZones' | 'computeEnvironments'> & {
  readonly availabilityZones: string[];
  readonly computeEnvironments: Record<string, ResolvedComputeEnvironment>;
};
export type ResolvedNetwork = Parsed['network'];
export type ResolvedJobQueue = Parsed['jobQueues'][string];
export type ResolvedJobDefinition = Parsed['jobDefinitions'][string];
export type ResolvedSchedule = ResolvedJobDefinition['schedules'][string];
export type ResolvedNotifications = NonNullable<Parsed['notifications']>;
export type ResolvedFileSystem = Parsed['fileSystems'][string];
export type ResolvedVolume = ResolvedJobDefinition['volumes'][string];
export type ResolvedMultiNode = NonNullable<ResolvedJobDefinition['multiNode']>;

export const isFargate = (type: ComputeType): boolean => type === 'FARGATE' || type === 'FARGATE_SPOT';
export const LOG_RETENTION_CHOICES = LOG_RETENTION_DAYS;
