/**
 * Canonical `container_properties`: the exact JSON the provider would read
 * back from AWS, so a re-plan shows no diff
 * (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
 * Typed against the AWS SDK's ContainerProperties: a misspelled key is a
 * compile error here, where the provider would drop it without a word.
 */
import type { ContainerProperties, KeyValuePair, ResourceRequirement, Secret } from '@aws-sdk/client-batch';
import { jsonDocument } from '../hcl/json-document';

/** What a job's container is made of; the builder leaves out what is empty, as AWS returns it. */
export interface ContainerInput {
  /** The image to run. */
  readonly image: string;
  /** The command; empty runs the image's own. */
  readonly command: readonly string[];
  /** Environment variables by name, in plain text. */
  readonly environment: Readonly<Record<string, string>>;
  /** Environment variables filled by ECS from Secrets Manager or SSM: the `valueFrom` by name. */
  readonly secrets: Readonly<Record<string, string>>;
  /** vCPUs, written as a VCPU resource requirement. */
  readonly vcpus: number;
  /** Memory in MiB, written as a MEMORY resource requirement. */
  readonly memoryMiB: number;
  /** GPUs; a GPU resource requirement only when above 0. */
  readonly gpus: number;
  /** Root on the host; written only when true. */
  readonly privileged: boolean;
  /** The role the job's code runs with. */
  readonly jobRoleArn: string;
  /** The role ECS pulls the image, writes logs and reads secrets with. */
  readonly executionRoleArn: string;
  /** The awslogs log group. */
  readonly logGroupName: string;
  /** The log group's region. */
  readonly region: string;
  /** Start of each job's log stream name. */
  readonly logStreamPrefix: string;
  /**
   * Fargate only: whether the task gets a public IP.
   * @default - not a Fargate job: no network configuration
   */
  readonly fargate?: { readonly assignPublicIp: boolean };
}

const byName = (a: { name?: string }, b: { name?: string }) => ((a.name ?? '') < (b.name ?? '') ? -1 : 1);

export function containerProperties(input: ContainerInput): string {
  // Always VCPU, MEMORY, GPU, as strings: the provider does not reorder this
  // list, and `vcpus`/`memory` would be read back as resourceRequirements.
  const resourceRequirements: ResourceRequirement[] = [
    { type: 'VCPU', value: String(input.vcpus) },
    { type: 'MEMORY', value: String(input.memoryMiB) },
  ];
  if (input.gpus > 0) resourceRequirements.push({ type: 'GPU', value: String(input.gpus) });

  const environment: KeyValuePair[] = Object.entries(input.environment).map(([name, value]) => ({ name, value })).sort(byName);
  const secrets: Secret[] = Object.entries(input.secrets).map(([name, valueFrom]) => ({ name, valueFrom })).sort(byName);

  // Empty lists are left out (AWS returns none). jsonDocument sorts the keys:
  // the text Terraform's jsonencode() and the provider's state hold.
  const properties: ContainerProperties = {
    image: input.image,
    ...(input.command.length > 0 ? { command: [...input.command] } : {}),
    jobRoleArn: input.jobRoleArn,
    executionRoleArn: input.executionRoleArn,
    resourceRequirements,
    ...(environment.length > 0 ? { environment } : {}),
    ...(secrets.length > 0 ? { secrets } : {}),
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': input.logGroupName,
        'awslogs-region': input.region,
        'awslogs-stream-prefix': input.logStreamPrefix,
      },
    },
    // fargatePlatformConfiguration is left out: LATEST is the default and the
    // provider drops it when comparing.
    // Only when asked for: false is the default and AWS does not return it.
    ...(input.privileged ? { privileged: true } : {}),
    ...(input.fargate ? { networkConfiguration: { assignPublicIp: input.fargate.assignPublicIp ? 'ENABLED' : 'DISABLED' } } : {}),
  };
  return jsonDocument(properties);
}
