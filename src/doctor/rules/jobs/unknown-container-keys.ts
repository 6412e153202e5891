import type { ContainerProperties } from '@aws-sdk/client-batch';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { eachContainer, jobDefinitions } from '../../views/job-definitions';

/**
 * The top-level keys of the API's ContainerProperties. The two type checks
 * below fail to compile when the SDK adds or removes a key, so the list
 * cannot drift from @aws-sdk/client-batch.
 */
const CONTAINER_KEYS = [
  'image', 'vcpus', 'memory', 'command', 'jobRoleArn', 'executionRoleArn', 'volumes', 'environment',
  'mountPoints', 'readonlyRootFilesystem', 'privileged', 'ulimits', 'user', 'instanceType',
  'resourceRequirements', 'linuxParameters', 'logConfiguration', 'secrets', 'networkConfiguration',
  'fargatePlatformConfiguration', 'enableExecuteCommand', 'ephemeralStorage', 'runtimePlatform',
  'repositoryCredentials',
] as const satisfies ReadonlyArray<keyof ContainerProperties>;
type Missing = Exclude<keyof ContainerProperties, (typeof CONTAINER_KEYS)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

const KNOWN: ReadonlySet<string> = new Set(CONTAINER_KEYS);

/**
 * The provider decodes container_properties into the API's
 * ContainerProperties type (expandContainerProperties), which drops keys it
 * does not know: they never reach AWS
 * (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
 */
export const jobUnknownContainerKeys: Rule = {
  id: 'BATCH_JOB_UNKNOWN_CONTAINER_KEYS',
  severity: 'warning',
  pack: 'batch-readiness',
  title: 'unknown keys in container_properties',
  why: 'The provider decodes container_properties into the API type and silently drops keys it does not know: a misspelled key (resourceRequirement, logconfiguration) never reaches AWS, and the setting is simply missing.',
  fix: 'Spell the key as in the AWS Batch ContainerProperties API (camelCase, e.g. resourceRequirements, logConfiguration).',
  link: 'https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/batch/container_properties.go',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => eachContainer(jd, (container) => {
      const unknown = Object.keys(container).filter((k) => !KNOWN.has(k));
      if (unknown.length === 0) return undefined;
      const hints = unknown.map((k) => {
        const near = CONTAINER_KEYS.find((known) => known.toLowerCase() === k.toLowerCase() || known === `${k}s` || `${known}s` === k);
        return near ? `${k} (did you mean ${near}?)` : k;
      });
      return `${jd.multiNode ? 'the container' : 'container_properties'} has keys AWS Batch does not know: ${hints.join(', ')}`;
    }));
  },
};
