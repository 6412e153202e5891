import { isReservedTagText, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_RESOURCE } from '../../../aws/tags';
import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { firstObject, isPlainObject, literalString, type Resource, type TerraformModel } from '../../terraform/model';

/**
 * Tags AWS refuses on a resource: more than 50 once the provider's
 * default_tags are merged in (the resource's own value wins on a shared
 * key), a key or value starting with `aws:` (reserved), a key over 128 or a
 * value over 256 characters. The plan shows them; the create or tag call is
 * refused, so the apply fails. The config refuses the same for our stacks
 * (src/config/checks/tags.ts). docs/aws-batch-facts.md#tags
 */
export const tagsInvalid: Rule = {
  id: 'BATCH_TAGS_INVALID',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'tags AWS refuses',
  why: 'A resource may carry at most 50 tags, counting the provider\'s default_tags, which the provider merges into every resource\'s tags; keys and values must not start with aws: (reserved for AWS), keys are at most 128 characters and values 256. Terraform plans such tags; AWS refuses them and the apply fails.',
  fix: 'Keep each resource at 50 tags or fewer including default_tags (move descriptive data into fewer tags), and drop the aws: prefix.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/tag-restrictions.html',
  check(model: TerraformModel) {
    const out: Finding[] = [];
    for (const [type, resources] of resourcesByType(model)) {
      if (!type.startsWith('aws_')) continue;
      for (const resource of resources) {
        const own = resource.body['tags'];
        // Resources without tags are judged only for default tags alone, and only Batch's (one finding each, not one per resource of the configuration).
        if (own === undefined && !type.startsWith('aws_batch_')) continue;
        const defaults = defaultTags(model, resource);
        if (defaults === undefined) continue;
        const tags = own === undefined || own === null ? {} : isPlainObject(own) ? own : undefined;
        if (tags === undefined) continue;
        const problem = tagProblem({ ...defaults, ...tags }, Object.keys(defaults).length);
        if (problem) out.push(finding(this, resource, problem));
      }
    }
    return out;
  },
};

function resourcesByType(model: TerraformModel): Array<[string, readonly Resource[]]> {
  const types = Object.keys(isPlainObject(model.tf.resource) ? model.tf.resource : {});
  return types.map((type) => [type, model.all(type)]);
}

/** What is wrong with a resource's merged tags, or undefined; keys whose text is an expression are not judged. */
function tagProblem(tags: Record<string, unknown>, defaults: number): string | undefined {
  const keys = Object.keys(tags).filter((k) => !k.includes('${'));
  const problems: string[] = [];
  const reserved = keys.filter((k) => isReservedTagText(k) || isReservedTagText(literalString(tags[k]) ?? ''));
  if (reserved.length > 0) problems.push(`${reserved.map((k) => JSON.stringify(k)).join(', ')} ${reserved.length === 1 ? 'starts' : 'start'} with aws:, which AWS reserves`);
  const longKeys = keys.filter((k) => k.length > MAX_TAG_KEY_LENGTH);
  if (longKeys.length > 0) problems.push(`${longKeys.length} key${longKeys.length === 1 ? ' is' : 's are'} over ${MAX_TAG_KEY_LENGTH} characters`);
  const longValues = keys.filter((k) => (literalString(tags[k]) ?? '').length > MAX_TAG_VALUE_LENGTH);
  if (longValues.length > 0) problems.push(`the value of ${longValues.map((k) => JSON.stringify(k)).join(', ')} is over ${MAX_TAG_VALUE_LENGTH} characters`);
  if (keys.length > MAX_TAGS_PER_RESOURCE) problems.push(`it carries ${keys.length} tags${defaults > 0 ? ` (${defaults} from the provider's default_tags)` : ''}, and AWS allows ${MAX_TAGS_PER_RESOURCE}`);
  return problems.length > 0 ? `tags: ${problems.join('; ')}` : undefined;
}

/**
 * The default_tags.tags of the provider configuration a resource uses
 * (its `provider` meta-argument, else the one without alias); {} when
 * there are none; undefined when they are an expression.
 */
function defaultTags(model: TerraformModel, resource: Resource): Record<string, unknown> | undefined {
  const providers = model.memoize('rules:aws-providers', () => {
    const aws = isPlainObject(model.tf.provider) ? (model.tf.provider as Record<string, unknown>)['aws'] : undefined;
    const list = Array.isArray(aws) ? aws : aws === undefined ? [] : [aws];
    const byAlias = new Map<string, unknown>();
    for (const p of list) if (isPlainObject(p)) byAlias.set(literalString(p['alias']) ?? '', p);
    return byAlias;
  });
  const raw = resource.body['provider'];
  const chosen = typeof raw === 'string' ? raw.replace(/^\$\{\s*|\s*\}$/g, '') : undefined;
  const provider = providers.get(chosen?.startsWith('aws.') ? chosen.slice(4) : '');
  if (!isPlainObject(provider)) return {};
  const block = firstObject(provider['default_tags']);
  if (!block) return {};
  const tags = block['tags'];
  if (tags === undefined || tags === null) return {};
  return isPlainObject(tags) ? tags : undefined;
}
