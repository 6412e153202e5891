/**
 * Canonical `container_properties`: the exact JSON the provider would read
 * back from AWS, so a re-plan shows no diff
 * (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
 * Typed against the AWS SDK's ContainerProperties: a misspelled key is a
 * compile error here, where the provider would drop it without a word.
 */
import type { ContainerProperties, KeyValuePair, LinuxParameters, MountPoint, ResourceRequirement, Secret, Ulimit, Volume } from '@aws-sdk/client-batch';
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
   * Fargate only: whether the task gets a public IP, and the task's own settings.
   * @default - not a Fargate job: no network configuration
   */
  readonly fargate?: FargateSettings;
  /**
   * Linux parameters: /dev/shm, tmpfs mounts, an init process, swap.
   * @default - none: Docker's defaults
   */
  readonly linux?: LinuxSettings;
  /**
   * Resource limits by name (nofile, nproc...).
   * @default - Docker's
   */
  readonly ulimits?: Readonly<Record<string, { readonly soft: number; readonly hard: number }>>;
  /**
   * The user the container runs as.
   * @default - the image's
   */
  readonly user?: string;
  /**
   * A read-only root file system; written only when true.
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * Volumes and where they are mounted, by volume name.
   * @default - none
   */
  readonly volumes?: Readonly<Record<string, ContainerVolume>>;
  /**
   * Multi-node parallel jobs: the instance type of every node. The provider
   * does not compare a node range's `instanceTypes`, so it goes here
   * (docs/aws-batch-facts.md#multi-node-parallel-jobs).
   * @default - none
   */
  readonly instanceType?: string;
}

export interface FargateSettings {
  readonly assignPublicIp: boolean;
  /** Task storage in GiB. @default - Fargate's 20 GiB */
  readonly ephemeralStorageGiB?: number;
  /** @default X86_64 */
  readonly cpuArchitecture?: 'X86_64' | 'ARM64';
  /** @default LATEST */
  readonly platformVersion?: string;
}

export interface LinuxSettings {
  /** /dev/shm in MiB. @default - Docker's 64 MiB */
  readonly sharedMemoryMiB?: number;
  /** In-memory file systems by container path. */
  readonly tmpfs?: Readonly<Record<string, { readonly sizeMiB: number; readonly mountOptions: readonly string[] }>>;
  /** @default false */
  readonly initProcess?: boolean;
  /** @default - the instance's swap settings */
  readonly swap?: { readonly maxSwapMiB: number; readonly swappiness?: number };
}

/** A volume of the container: a host folder or an EFS file system, and its mount point. */
export interface ContainerVolume {
  readonly containerPath: string;
  readonly readOnly: boolean;
  readonly source:
    | { readonly host: string }
    | {
        readonly efs: {
          readonly fileSystemId: string;
          /** @default / */
          readonly rootDirectory?: string;
          readonly transitEncryption: boolean;
          /** @default - none */
          readonly accessPointId?: string;
          readonly iamAuthorization: boolean;
        };
      };
}

const byName = (a: { name?: string }, b: { name?: string }) => ((a.name ?? '') < (b.name ?? '') ? -1 : 1);

/** The canonical `container_properties` text. */
export function containerProperties(input: ContainerInput): string {
  return jsonDocument(containerPropertiesObject(input));
}

/** The same as a value, for documents that hold containers (a multi-node job's node ranges). */
export function containerPropertiesObject(input: ContainerInput): ContainerProperties {
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
    // Only when asked for: false is the default and AWS does not return it.
    ...(input.privileged ? { privileged: true } : {}),
    ...(input.readonlyRootFilesystem ? { readonlyRootFilesystem: true } : {}),
    ...(input.user !== undefined ? { user: input.user } : {}),
    ...(input.instanceType !== undefined ? { instanceType: input.instanceType } : {}),
    ...linuxParameters(input.linux),
    ...ulimits(input.ulimits),
    ...volumes(input.volumes),
    ...(input.fargate ? fargate(input.fargate) : {}),
  };
  return properties;
}

// Every key below is written only when it differs from what AWS assumes
// without it: the provider compares false, "DISABLED", "/" and {} with an
// absent key as a change (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
// Lists are sorted, as the provider compares them in order. Sizes are integers.

const byKey = <T>(record: Readonly<Record<string, T>>): Array<[string, T]> => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function linuxParameters(linux: LinuxSettings | undefined): Pick<ContainerProperties, 'linuxParameters'> {
  if (!linux) return {};
  const tmpfs = byKey(linux.tmpfs ?? {}).map(([containerPath, t]) => ({ containerPath, size: t.sizeMiB, ...(t.mountOptions.length > 0 ? { mountOptions: [...t.mountOptions] } : {}) }));
  const params: LinuxParameters = {
    ...(linux.sharedMemoryMiB !== undefined ? { sharedMemorySize: linux.sharedMemoryMiB } : {}),
    ...(tmpfs.length > 0 ? { tmpfs } : {}),
    ...(linux.initProcess ? { initProcessEnabled: true } : {}),
    // Swappiness without maxSwap is ignored by Batch: written only with it.
    ...(linux.swap ? { maxSwap: linux.swap.maxSwapMiB, ...(linux.swap.swappiness !== undefined ? { swappiness: linux.swap.swappiness } : {}) } : {}),
  };
  return Object.keys(params).length > 0 ? { linuxParameters: params } : {};
}

function ulimits(limits: ContainerInput['ulimits']): Pick<ContainerProperties, 'ulimits'> {
  const list: Ulimit[] = byKey(limits ?? {}).map(([name, l]) => ({ name, softLimit: l.soft, hardLimit: l.hard }));
  return list.length > 0 ? { ulimits: list } : {};
}

function volumes(input: ContainerInput['volumes']): Pick<ContainerProperties, 'volumes' | 'mountPoints'> {
  const entries = byKey(input ?? {});
  if (entries.length === 0) return {};
  const list: Volume[] = entries.map(([name, v]) => {
    if ('host' in v.source) return { name, host: { sourcePath: v.source.host } };
    const efs = v.source.efs;
    const authorization = {
      ...(efs.accessPointId !== undefined ? { accessPointId: efs.accessPointId } : {}),
      ...(efs.iamAuthorization ? { iam: 'ENABLED' as const } : {}),
    };
    return {
      name,
      efsVolumeConfiguration: {
        fileSystemId: efs.fileSystemId,
        ...(efs.rootDirectory !== undefined && efs.rootDirectory !== '/' ? { rootDirectory: efs.rootDirectory } : {}),
        ...(efs.transitEncryption ? { transitEncryption: 'ENABLED' as const } : {}),
        ...(Object.keys(authorization).length > 0 ? { authorizationConfig: authorization } : {}),
      },
    };
  });
  const mountPoints: MountPoint[] = entries
    .map(([name, v]) => ({ sourceVolume: name, containerPath: v.containerPath, ...(v.readOnly ? { readOnly: true } : {}) }))
    .sort((a, b) => (a.containerPath < b.containerPath ? -1 : a.containerPath > b.containerPath ? 1 : 0));
  return { volumes: list, mountPoints };
}

function fargate(settings: FargateSettings): Pick<ContainerProperties, 'networkConfiguration' | 'ephemeralStorage' | 'runtimePlatform' | 'fargatePlatformConfiguration'> {
  return {
    networkConfiguration: { assignPublicIp: settings.assignPublicIp ? 'ENABLED' : 'DISABLED' },
    ...(settings.ephemeralStorageGiB !== undefined ? { ephemeralStorage: { sizeInGiB: settings.ephemeralStorageGiB } } : {}),
    ...(settings.cpuArchitecture !== undefined && settings.cpuArchitecture !== 'X86_64' ? { runtimePlatform: { cpuArchitecture: settings.cpuArchitecture } } : {}),
    // LATEST is the default; the provider drops it when comparing, and AWS adds it itself.
    ...(settings.platformVersion !== undefined && settings.platformVersion !== 'LATEST' ? { fargatePlatformConfiguration: { platformVersion: settings.platformVersion } } : {}),
  };
}
