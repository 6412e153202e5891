import type { Resource } from '../terraform/model';
import type { Finding, Rule } from './types';

type RuleHead = Pick<Rule, 'id' | 'severity' | 'fix' | 'link'>;

/** A finding of `rule` on `resource`; `fix` overrides the rule's general fix when the finding knows better. */
export function finding(rule: RuleHead, resource: Resource, message: string, fix?: string): Finding {
  return {
    rule: rule.id,
    severity: rule.severity,
    address: resource.address,
    ...(resource.constructPath ? { constructPath: resource.constructPath } : {}),
    message,
    fix: fix ?? rule.fix,
    link: rule.link,
  };
}

/** What a rule says about one item: nothing, a message, or a message with a fix more specific than the rule's. */
export type Judgement = string | { readonly message: string; readonly fix?: string } | undefined;

type Located = Resource | { readonly resource: Resource };

/**
 * The findings of `rule` over `items`: one for each item `judge` has
 * something to say about, on the item's resource (the item itself, its
 * `resource`, or what `resourceOf` gives), in the order of `items`.
 */
export function judgeEach<T extends Located>(rule: RuleHead, items: Iterable<T>, judge: (item: T) => Judgement): Finding[];
export function judgeEach<T>(rule: RuleHead, items: Iterable<T>, judge: (item: T) => Judgement, resourceOf: (item: T) => Resource): Finding[];
export function judgeEach<T>(rule: RuleHead, items: Iterable<T>, judge: (item: T) => Judgement, resourceOf?: (item: T) => Resource): Finding[] {
  const at = resourceOf ?? ((item: T): Resource => ('resource' in (item as Located) ? (item as { resource: Resource }).resource : (item as Resource)));
  const out: Finding[] = [];
  for (const item of items) {
    const said = judge(item);
    if (said === undefined) continue;
    out.push(typeof said === 'string' ? finding(rule, at(item), said) : finding(rule, at(item), said.message, said.fix));
  }
  return out;
}
