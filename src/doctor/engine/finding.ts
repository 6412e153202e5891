import type { Resource } from '../terraform/model';
import type { Finding, Rule, Skipped } from './types';

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

/**
 * What a rule says about one item: nothing (compliant, or the check does not
 * apply), a message, a message with a fix more specific than the rule's, or
 * that it cannot judge the item because a value it needs is unknown
 * (`{ unknown: "compute_resources.subnets comes from data.aws_subnets.private" }`).
 */
export type Judgement = string | { readonly message: string; readonly fix?: string } | { readonly unknown: string } | undefined;

type Located = Resource | { readonly resource: Resource };

/**
 * The findings of `rule` over `items`: one for each item `judge` has
 * something to say about, on the item's resource (the item itself, its
 * `resource`, or what `resourceOf` gives), in the order of `items`. Items
 * it cannot judge are reported as skipped.
 */
export function judgeEach<T extends Located>(rule: RuleHead, items: Iterable<T>, judge: (item: T) => Judgement): Finding[];
export function judgeEach<T>(rule: RuleHead, items: Iterable<T>, judge: (item: T) => Judgement, resourceOf: (item: T) => Resource): Finding[];
export function judgeEach<T>(rule: RuleHead, items: Iterable<T>, judge: (item: T) => Judgement, resourceOf?: (item: T) => Resource): Finding[] {
  const at = resourceOf ?? ((item: T): Resource => ('resource' in (item as Located) ? (item as { resource: Resource }).resource : (item as Resource)));
  const out: Finding[] = [];
  for (const item of items) {
    const said = judge(item);
    if (said === undefined) continue;
    if (typeof said === 'string') out.push(finding(rule, at(item), said));
    else if ('unknown' in said) skip(rule, at(item), said.unknown);
    else out.push(finding(rule, at(item), said.message, said.fix));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Skipped checks
// ---------------------------------------------------------------------------

/**
 * Where skipped checks go while the engine runs the rules. Rules keep their
 * plain `check(model): Finding[]` signature; what they could not judge is
 * collected here, per run (rules run synchronously, one run at a time).
 */
let collector: Skipped[] | undefined;

/** Record that `rule` could not judge `resource`, and why. Outside a run (a rule called directly) it is dropped. */
export function skip(rule: Pick<Rule, 'id'>, resource: Resource, reason: string): void {
  collector?.push({ rule: rule.id, address: resource.address, reason });
}

/** Run `fn`, collecting every check skipped meanwhile (each rule, address and reason once). */
export function collectingSkipped<T>(fn: () => T): { result: T; skipped: Skipped[] } {
  const outer = collector;
  const mine: Skipped[] = [];
  collector = mine;
  try {
    const result = fn();
    const seen = new Set<string>();
    const skipped = mine.filter((s) => {
      const key = `${s.rule}\0${s.address}\0${s.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { result, skipped };
  } finally {
    collector = outer;
  }
}
