/**
 * Every default of the config, by name: the schema (schema.ts) and the
 * resolver (parse.ts) apply them, and the README's config reference
 * (reference.ts) shows them. A default that depends on another field (the
 * allocation strategy on the compute type, the availability zones on the
 * region) is a table here and is applied by the resolver.
 */

/** The region when the config names none. */
export const DEFAULT_REGION = 'ap-northeast-1';

/**
 * Availability zones per region, when the config lists none. Named instead of
 * asked of AWS at plan time (nothing here talks to AWS); ap-northeast-1b is
 * not offered to new accounts. Other regions must list theirs.
 */
export const DEFAULT_AVAILABILITY_ZONES: Readonly<Record<string, readonly string[]>> = {
  'ap-northeast-1': ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
};

export const NETWORK_DEFAULTS = {
  mode: 'endpoints',
  /** New VPC modes (endpoints, nat, public). */
  vpcCidr: '10.0.0.0/16',
  /** `nat` mode: a NAT gateway per availability zone, so one zone's outage cuts no other off. */
  natGateways: 'perAz',
  /** `existing` mode. */
  assignPublicIp: false,
} as const;

/** Top-level settings besides the network. */
export const STACK_DEFAULTS = {
  /** Batch's service-linked role: compute environments stay updatable in place. */
  serviceRole: 'service-linked',
  logRetentionDays: 30,
} as const;

export const COMPUTE_ENVIRONMENT_DEFAULTS = {
  maxVcpus: 256,
  /** EC2/SPOT: scale to zero when idle. */
  minVcpus: 0,
  /** EC2/SPOT. */
  instanceTypes: ['default_x86_64'],
  /**
   * EC2/SPOT, by type: the two strategies that keep instance type, subnet and
   * launch template edits in place; BEST_FIT (the API default) replaces
   * (docs/aws-batch-facts.md#what-makes-a-compute-environment-updatable).
   */
  allocationStrategy: { EC2: 'BEST_FIT_PROGRESSIVE', SPOT: 'SPOT_CAPACITY_OPTIMIZED' },
  state: 'ENABLED',
  /** EC2/SPOT only. */
  updatePolicy: { jobExecutionTimeoutMinutes: 30, terminateJobsOnUpdate: false },
  /** EC2/SPOT: the type of a root volume the config sizes (the shared launch template's too). */
  rootVolume: { type: 'gp3' },
} as const;

export const JOB_QUEUE_DEFAULTS = {
  priority: 1,
  state: 'ENABLED',
  runnableTimeoutSeconds: 1800,
} as const;

export const FAIR_SHARE_DEFAULTS = {
  shareDecaySeconds: 3600,
  computeReservation: 0,
} as const;

export const JOB_DEFINITION_DEFAULTS = {
  vcpus: 1,
  memoryMiB: 2048,
  gpus: 0,
  /** Attempts in all; only Spot reclaims are retried. */
  retryAttempts: 3,
  propagateTags: true,
  privileged: false,
  /** Of each job role statement. */
  statementEffect: 'Allow',
  /** The provider's default: a new revision deregisters the previous one. */
  deregisterOnNewRevision: true,
  initProcess: false,
  readonlyRootFilesystem: false,
  volumeReadOnly: false,
  /** EFS volumes: TLS to the file system (access points and IAM authorization require it). */
  transitEncryption: true,
  /** Fargate. */
  cpuArchitecture: 'X86_64',
  /** Fargate: left out of the job definition (AWS's own default). */
  platformVersion: 'LATEST',
  /** Multi-node parallel jobs. */
  mainNode: 0,
} as const;

export const FILE_SYSTEM_DEFAULTS = {
  /** A file system the stack creates: pay for what is read and written. */
  throughputMode: 'elastic',
  iamAuthorization: false,
  /** Of an access point's folder when EFS creates it. */
  accessPointPermissions: '750',
} as const;

export const SCHEDULE_DEFAULTS = {
  timezone: 'UTC',
  state: 'ENABLED',
} as const;

export const NOTIFICATION_DEFAULTS = {
  statuses: ['FAILED'],
} as const;
