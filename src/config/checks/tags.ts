/**
 * What AWS refuses in tags, checked against what a resource of the stack
 * really carries: the config's `tags` and the keys the stack adds to every
 * resource through the provider's default_tags, plus a resource's own tags.
 * docs/aws-batch-facts.md#tags
 */
import { show, type ConfigProblem } from '../errors';
import type { ResolvedConfig } from '../schema';

/** Keys the stack puts in default_tags next to the config's tags (src/stack/batch-stack.ts, src/stack/provider.ts). */
export const STACK_TAG_KEYS: readonly string[] = ['Environment', 'ManagedBy'];
/** Keys resources of the stack set themselves (network resources are named by a Name tag). */
export const OWN_TAG_KEYS: readonly string[] = ['Name'];
/** Tags per resource, not counting AWS's own `aws:` tags. */
export const MAX_TAGS = 50;

/**
 * Characters every service of the stack accepts in tag keys and values; IAM
 * (whose roles carry the default tags) allows no others.
 */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function tagProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });
  const keys = Object.keys(config.tags);
  const byLowerCase = new Map<string, string>();
  for (const key of keys) {
    const at = `tags.${key}`;
    const value = config.tags[key]!;
    if (/^aws:/i.test(key)) add(at, `key ${show(key)} starts with "aws:", which AWS reserves for its own tags`, 'rename the key (e.g. drop the "aws:" prefix)');
    if (/^aws:/i.test(value)) add(at, `value ${show(value)} starts with "aws:", which AWS reserves for its own tags`, 'change the value so it does not start with "aws:"');
    if (!TAG_TEXT.test(key) || !TAG_TEXT.test(value)) {
      add(at, `${TAG_TEXT.test(key) ? `value ${show(value)}` : `key ${show(key)}`} has characters IAM refuses in tags (the stack's IAM roles carry every tag)`, 'use only letters, digits, spaces and _ . : / = + - @');
    }
    const stackKey = STACK_TAG_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
    if (stackKey === key) {
      add(at, `the stack sets ${show(key)} on every resource itself, so ${show(value)} would be replaced without a word`, `remove tags.${key}, or use another key`);
    } else if (stackKey) {
      add(at, `key ${show(key)} differs from ${show(stackKey)}, which the stack sets on every resource, only in case; IAM treats tag keys of roles case-insensitively, so the two collide on every IAM role`, `rename the key, or drop it`);
    }
    const earlier = byLowerCase.get(key.toLowerCase());
    if (earlier !== undefined) {
      add(at, `key ${show(key)} differs from ${show(earlier)} only in case; IAM treats tag keys of roles case-insensitively, so the two collide on every IAM role`, `keep one of ${show(earlier)} and ${show(key)}`);
    } else byLowerCase.set(key.toLowerCase(), key);
  }
  const total = new Set([...keys, ...STACK_TAG_KEYS, ...OWN_TAG_KEYS]).size;
  if (total > MAX_TAGS) {
    add('tags', `has ${keys.length} tags; with ${[...STACK_TAG_KEYS, ...OWN_TAG_KEYS].join(', ')}, which the stack adds, a resource would carry ${total}, and AWS allows ${MAX_TAGS} per resource`, `remove at least ${total - MAX_TAGS} of them`);
  }
  return problems;
}
