import type { ContainerProperties } from '@aws-sdk/client-batch';

/**
 * The top-level keys of the API's ContainerProperties. The two type checks
 * below fail to compile when the SDK adds or removes a key, so the list
 * cannot drift from @aws-sdk/client-batch.
 */
export const CONTAINER_KEYS = [
  'image', 'vcpus', 'memory', 'command', 'jobRoleArn', 'executionRoleArn', 'volumes', 'environment',
  'mountPoints', 'readonlyRootFilesystem', 'privileged', 'ulimits', 'user', 'instanceType',
  'resourceRequirements', 'linuxParameters', 'logConfiguration', 'secrets', 'networkConfiguration',
  'fargatePlatformConfiguration', 'enableExecuteCommand', 'ephemeralStorage', 'runtimePlatform',
  'repositoryCredentials',
] as const satisfies ReadonlyArray<keyof ContainerProperties>;
type Missing = Exclude<keyof ContainerProperties, (typeof CONTAINER_KEYS)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;
