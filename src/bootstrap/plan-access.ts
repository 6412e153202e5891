/**
 * What `terraform plan` of an environment needs from AWS, and nothing more:
 * the read calls the AWS provider makes to refresh each resource type the
 * Batch stacks emit. The plan role (pull requests, any branch author) gets
 * these instead of ReadOnlyAccess, which also reads the data itself (every
 * S3 object, every secret, every log event).
 * See docs/aws-batch-facts.md#plan-role-reads.
 */

/**
 * Per resource type the Batch stacks emit: the IAM actions the provider's
 * read function calls to refresh it (AWS provider 5.x, `resource…Read` and
 * the `find…` functions it calls; tags from the describe output or the
 * service's ListTagsForResource). A test synthesizes every example and
 * environment and fails on a resource type missing here, so a new resource
 * cannot reach a pull request's plan without its read permissions.
 */
export const REFRESH_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  aws_batch_compute_environment: ['batch:DescribeComputeEnvironments', 'batch:ListTagsForResource'],
  aws_batch_job_definition: ['batch:DescribeJobDefinitions', 'batch:ListTagsForResource'],
  aws_batch_job_queue: ['batch:DescribeJobQueues', 'batch:ListTagsForResource'],
  aws_batch_scheduling_policy: ['batch:DescribeSchedulingPolicies', 'batch:ListTagsForResource'],
  aws_cloudwatch_event_rule: ['events:DescribeRule', 'events:ListTagsForResource'],
  aws_cloudwatch_event_target: ['events:ListTargetsByRule'],
  aws_cloudwatch_log_group: ['logs:DescribeLogGroups', 'logs:ListTagsForResource'],
  aws_cloudwatch_metric_alarm: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'],
  aws_efs_access_point: ['elasticfilesystem:DescribeAccessPoints'],
  aws_efs_file_system: ['elasticfilesystem:DescribeFileSystems', 'elasticfilesystem:DescribeLifecycleConfiguration'],
  aws_efs_file_system_policy: ['elasticfilesystem:DescribeFileSystemPolicy'],
  aws_efs_mount_target: ['elasticfilesystem:DescribeMountTargets', 'elasticfilesystem:DescribeMountTargetSecurityGroups', 'ec2:DescribeNetworkInterfaceAttribute'],
  aws_eip: ['ec2:DescribeAddresses', 'ec2:DescribeAddressesAttribute'],
  aws_iam_instance_profile: ['iam:GetInstanceProfile', 'iam:ListInstanceProfileTags'],
  aws_iam_role: ['iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:ListRoleTags'],
  aws_iam_role_policy: ['iam:GetRolePolicy'],
  aws_iam_role_policy_attachment: ['iam:ListAttachedRolePolicies'],
  aws_internet_gateway: ['ec2:DescribeInternetGateways'],
  aws_kms_alias: ['kms:ListAliases'],
  aws_kms_key: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'],
  aws_launch_template: ['ec2:DescribeLaunchTemplates', 'ec2:DescribeLaunchTemplateVersions'],
  aws_nat_gateway: ['ec2:DescribeNatGateways'],
  aws_placement_group: ['ec2:DescribePlacementGroups'],
  aws_route_table: ['ec2:DescribeRouteTables'],
  aws_route_table_association: ['ec2:DescribeRouteTables'],
  aws_scheduler_schedule: ['scheduler:GetSchedule'],
  aws_security_group: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules'],
  aws_sns_topic: ['sns:GetTopicAttributes', 'sns:ListTagsForResource'],
  aws_sns_topic_policy: ['sns:GetTopicAttributes'],
  aws_sns_topic_subscription: ['sns:GetSubscriptionAttributes'],
  aws_sqs_queue: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ListQueueTags'],
  aws_sqs_queue_policy: ['sqs:GetQueueAttributes'],
  aws_sqs_queue_redrive_policy: ['sqs:GetQueueAttributes'],
  aws_subnet: ['ec2:DescribeSubnets'],
  aws_vpc: ['ec2:DescribeVpcs', 'ec2:DescribeVpcAttribute', 'ec2:DescribeNetworkAcls', 'ec2:DescribeRouteTables', 'ec2:DescribeSecurityGroups'],
  aws_vpc_endpoint: ['ec2:DescribeVpcEndpoints', 'ec2:DescribePrefixLists'],
};

/**
 * What the plan role may call, on any resource: service-level describe/list/get
 * patterns that cover REFRESH_ACTIONS (and the provider's next versions of
 * them), each checked in the tests to expand only to List/Read actions of the
 * IAM service reference and to none of DATA_READ_ACTIONS. Narrower where a
 * service's Get* and List* reach personal data: SNS's would list phone numbers
 * and push device tokens, KMS's would prepare key imports, CloudWatch's
 * would read metric data.
 */
export const PLAN_READ_ACTIONS: readonly string[] = [
  'batch:Describe*',
  'batch:List*',
  'cloudwatch:DescribeAlarms',
  'cloudwatch:ListTagsForResource',
  'ec2:Describe*',
  'elasticfilesystem:Describe*',
  'events:Describe*',
  'events:List*',
  'iam:Get*',
  'iam:List*',
  'kms:Describe*',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:List*',
  'logs:Describe*',
  'logs:ListTagsForResource',
  'logs:ListTagsLogGroup',
  'scheduler:Get*',
  'scheduler:List*',
  'sns:GetSubscriptionAttributes',
  'sns:GetTopicAttributes',
  'sns:ListSubscriptionsByTopic',
  'sns:ListTagsForResource',
  'sns:ListTopics',
  'sqs:Get*',
  'sqs:List*',
];

/**
 * Calls that return the data a workload keeps, rather than how it is set up:
 * objects, secrets, SecureString parameters, queued messages, log events,
 * decrypted ciphertext, table items. The plan role is denied them outright
 * (an explicit Deny wins over anything attached to the role later); objects
 * are denied outside the state keys in the state policy instead, because a
 * plan reads its state.
 */
export const DATA_READ_ACTIONS: readonly string[] = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:GetParameterHistory',
  'sqs:ReceiveMessage',
  'logs:GetLogEvents',
  'logs:FilterLogEvents',
  'logs:StartLiveTail',
  'logs:StartQuery',
  'logs:GetQueryResults',
  'logs:GetLogRecord',
  'kms:Decrypt',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
];

/** Object reads: every action that returns an object's content (or an old version of it). */
export const OBJECT_READ_ACTIONS: readonly string[] = ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTorrent', 's3:GetObjectVersionTorrent'];
