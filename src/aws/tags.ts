/**
 * What AWS accepts in a resource's tags (docs/aws-batch-facts.md#tags): at
 * most 50 per resource, keys up to 128 and values up to 256 characters, and
 * no key or value starting with `aws:` in any case (AWS's own prefix).
 */
export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

export function isReservedTagText(text: string): boolean {
  return /^aws:/i.test(text);
}
