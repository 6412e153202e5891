/**
 * The AWS managed policies of AWS Batch's own roles: one home for their ARNs
 * and names, used by the stack (which attaches only these) and by the doctor
 * (which expects them on the roles it reads).
 * docs/aws-batch-facts.md#managed-policies
 */

/** The policies this project attaches; nothing else is ever attached. */
export const MANAGED_POLICIES = {
  /** Lets the ECS agent on Batch instances register, pull from ECR and write logs. */
  ecsInstance: 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role',
  /** Lets ECS pull images and write awslogs on a job's behalf. */
  ecsTaskExecution: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
  /** What a custom Batch service role needs to manage compute environments. */
  batchService: 'arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole',
} as const;

/** Matches the instance role's policy in any partition. */
export const ECS_INSTANCE_POLICY = /policy\/service-role\/AmazonEC2ContainerServiceforEC2Role$/;
/** Matches a custom service role's policy in any partition. */
export const BATCH_SERVICE_POLICY = /policy\/service-role\/AWSBatchServiceRole$/;

/** The AWS managed policies AWS Batch's own roles are documented to need, by name. */
export const BATCH_MANAGED_POLICIES: ReadonlySet<string> = new Set([
  'AmazonEC2ContainerServiceforEC2Role', // instance role: the ECS agent registers, pulls from ECR, writes logs
  'AmazonECSTaskExecutionRolePolicy', // execution role: image pulls and awslogs on the job's behalf
  'AWSBatchServiceRole', // a custom Batch service role
  'AmazonEC2SpotFleetTaggingRole', // the Spot Fleet role of SPOT compute environments
  'AWSBatchServiceEventTargetRole', // an EventBridge rule's role that submits jobs
]);

/** `arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole` -> `AWSBatchServiceRole`; undefined for customer managed policies. */
export function awsManagedPolicyName(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1];
}

/** AWS managed policies that amount to (or lead to) full control of the account: never on a Batch role. */
export const ADMIN_POLICIES: ReadonlySet<string> = new Set(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess']);
