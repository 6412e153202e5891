import type { Resource } from '../terraform/model';
import type { Finding, Rule } from './types';

/** A finding of `rule` on `resource`; `fix` overrides the rule's general fix when the finding knows better. */
export function finding(rule: Pick<Rule, 'id' | 'severity' | 'fix'>, resource: Resource, message: string, fix?: string): Finding {
  return {
    rule: rule.id,
    severity: rule.severity,
    address: resource.address,
    ...(resource.constructPath ? { constructPath: resource.constructPath } : {}),
    message,
    fix: fix ?? rule.fix,
  };
}
