import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { CONTAINER_KEYS } from '../../views/container-keys';
import { eachContainer, jobDefinitions } from '../../views/job-definitions';

/**
 * The provider decodes container_properties into the API's
 * ContainerProperties type (expandContainerProperties), which drops keys it
 * does not know: they never reach AWS. Go's JSON decoding matches keys
 * ignoring case, so `logconfiguration` is read as logConfiguration (the job
 * definitions view already spells such keys the API's way)
 * (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
 */
const KNOWN: ReadonlySet<string> = new Set(CONTAINER_KEYS);

export const jobUnknownContainerKeys: Rule = {
  id: 'BATCH_JOB_UNKNOWN_CONTAINER_KEYS',
  severity: 'warning',
  pack: 'batch-readiness',
  title: 'unknown keys in container_properties',
  why: 'The provider decodes container_properties into the API type and silently drops keys it does not know (it ignores case, nothing else): a misspelled key (resourceRequirement, logConfig) never reaches AWS, and the setting is simply missing.',
  fix: 'Spell the key as in the AWS Batch ContainerProperties API (camelCase, e.g. resourceRequirements, logConfiguration).',
  link: 'https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/batch/container_properties.go',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => eachContainer(jd, (container) => {
      const unknown = Object.keys(container).filter((k) => !KNOWN.has(k));
      if (unknown.length === 0) return undefined;
      const hints = unknown.map((k) => {
        const near = CONTAINER_KEYS.find((known) => known === `${k}s` || `${known}s` === k || (k.length > 4 && known.toLowerCase().startsWith(k.toLowerCase())));
        return near ? `${k} (did you mean ${near}?)` : k;
      });
      return `${jd.multiNode ? 'the container' : 'container_properties'} has keys AWS Batch does not know: ${hints.join(', ')}`;
    }));
  },
};
