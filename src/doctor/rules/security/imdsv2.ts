import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { block, literalString } from '../../terraform/model';
import { batchLaunchTemplates } from '../../views/launch-templates';

/**
 * IMDSv1 answers any GET from the instance, so an SSRF or a proxy in any
 * container can read the instance role's credentials; IMDSv2 needs a PUT for
 * a session token first. Batch launches instances with the launch template's
 * metadata options; without `http_tokens = "required"` the AMI's default
 * (IMDSv1 allowed on most AMIs) applies.
 */
export const secImdsv2: Rule = {
  id: 'BATCH_SEC_IMDSV2',
  severity: 'error',
  pack: 'security',
  title: 'launch template allows IMDSv1',
  why: 'With IMDSv1 any request a container can be tricked into making (SSRF, an open proxy) can read the instance role\'s credentials from 169.254.169.254. IMDSv2 requires a session token obtained with a PUT, which such requests cannot do.',
  fix: 'Set metadata_options { http_endpoint = "enabled", http_tokens = "required", http_put_response_hop_limit = 2 } on the launch template (2 hops let containers on the bridge network reach IMDS).',
  link: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchTemplateInstanceMetadataOptionsRequest.html',
  check(model) {
    return judgeEach(
      this,
      batchLaunchTemplates(model),
      ([template, ces]) => {
        const options = block(template.body, 'metadata_options');
        // IMDS switched off entirely leaves nothing to steal.
        if (literalString(options?.['http_endpoint']) === 'disabled') return undefined;
        const raw = options?.['http_tokens'];
        const tokens = raw === undefined ? 'optional' : literalString(raw);
        if (tokens === undefined || tokens === 'required') return undefined;
        const users = ces.map((ce) => ce.resource.address).join(', ');
        const detail = raw === undefined ? 'metadata_options.http_tokens is not set' : `metadata_options.http_tokens is "${tokens}"`;
        return `${detail}, so instances of ${users} answer IMDSv1 requests`;
      },
      ([template]) => template,
    );
  },
};
