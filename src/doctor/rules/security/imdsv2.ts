import { judgeEach, skip } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { block, isUnknownValue, literalString } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';
import { batchLaunchTemplates, ceLaunchTemplate } from '../../views/launch-templates';

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
    // An EC2 environment whose launch template cannot be seen cannot be judged.
    for (const ce of computeEnvironments(model)) {
      if (ce.fargate === false && ceLaunchTemplate(model, ce) === 'unknown') skip(this, ce.resource, launchTemplateUnknown(model, ce.compute));
    }
    return judgeEach(
      this,
      batchLaunchTemplates(model),
      ([template, ces]) => {
        const written = template.body['metadata_options'];
        if (isUnknownValue(written)) return { unknown: `metadata_options ${model.why(written)}` };
        const options = block(template.body, 'metadata_options');
        const endpoint = options?.['http_endpoint'];
        if (endpoint !== undefined && literalString(endpoint) === undefined) return { unknown: `metadata_options.http_endpoint ${model.why(endpoint) ?? 'is an expression'}` };
        // IMDS switched off entirely leaves nothing to steal.
        if (literalString(endpoint) === 'disabled') return undefined;
        const raw = options?.['http_tokens'];
        const tokens = raw === undefined ? 'optional' : literalString(raw);
        if (tokens === undefined) return { unknown: `metadata_options.http_tokens ${model.why(raw) ?? 'is an expression'}` };
        if (tokens === 'required') return undefined;
        const users = ces.map((ce) => ce.resource.address).join(', ');
        const detail = raw === undefined ? 'metadata_options.http_tokens is not set' : `metadata_options.http_tokens is "${tokens}"`;
        return `${detail}, so instances of ${users} answer IMDSv1 requests`;
      },
      ([template]) => template,
    );
  },
};

/** Why a compute environment's launch template cannot be read. */
function launchTemplateUnknown(model: { why(v: unknown): string | undefined }, compute: Readonly<Record<string, unknown>> | undefined): string {
  const lt = compute?.['launch_template'];
  const spec = Array.isArray(lt) ? lt[0] : lt;
  const ref = spec !== null && typeof spec === 'object' ? ((spec as Record<string, unknown>)['launch_template_id'] ?? (spec as Record<string, unknown>)['launch_template_name']) : lt;
  return `the launch template ${model.why(ref) ?? 'is not in this configuration'}`;
}
