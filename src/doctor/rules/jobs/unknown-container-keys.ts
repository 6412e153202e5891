import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { jobDefinitions } from '../../views/job-definitions';
import type { ContainerProperties } from '@aws-sdk/client-batch';

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

/** BATCH-FACTS, "Job definitions": unknown or misspelled keys are silently dropped (they never reach AWS). */
export const jobUnknownContainerKeys: Rule = {
  id: 'BATCH_JOB_UNKNOWN_CONTAINER_KEYS',
  severity: 'warning',
  title: 'unknown keys in container_properties',
  why: 'The provider decodes container_properties into the API type and silently drops keys it does not know: a misspelled key (resourceRequirement, logconfiguration) never reaches AWS, and the setting is simply missing.',
  fix: 'Spell the key as in the AWS Batch ContainerProperties API (camelCase, e.g. resourceRequirements, logConfiguration).',
  check(model) {
    const out: Finding[] = [];
    for (const jd of jobDefinitions(model)) {
      const unknown = Object.keys(jd.container ?? {}).filter((k) => !KNOWN.has(k));
      if (unknown.length === 0) continue;
      const hints = unknown.map((k) => {
        const near = CONTAINER_KEYS.find((known) => known.toLowerCase() === k.toLowerCase() || known === `${k}s` || `${known}s` === k);
        return near ? `${k} (did you mean ${near}?)` : k;
      });
      out.push(finding(this, jd.resource, `container_properties has keys AWS Batch does not know: ${hints.join(', ')}`));
    }
    return out;
  },
};
