import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { block, blocks, literalString } from '../../terraform/model';
import { jobDefinitions } from '../../views/job-definitions';

/**
 * Batch takes the first evaluateOnExit rule that matches, so a rule after
 * one whose every condition is `*` never applies
 * (docs/aws-batch-facts.md#retry-rules-evaluateonexit).
 */
export const jobRetryRuleUnreachable: Rule = {
  id: 'BATCH_JOB_RETRY_RULE_UNREACHABLE',
  severity: 'warning',
  pack: 'batch-readiness',
  title: 'retry rule after a catch-all rule',
  why: 'Retry rules (retry_strategy.evaluate_on_exit) are checked in order and the first match decides. A rule after a catch-all (every condition "*", such as { action = "EXIT", on_reason = "*" }) can never match: the retry or exit it describes never happens.',
  fix: 'Move the rule before the catch-all one; the catch-all belongs last.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/job_retries.html',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => {
      const rules = blocks(block(jd.resource.body, 'retry_strategy'), 'evaluate_on_exit');
      if (!rules) return undefined;
      const conditions = (rule: Record<string, unknown>) => ['on_exit_code', 'on_reason', 'on_status_reason'].map((k) => rule[k]).filter((v) => v !== undefined && v !== null);
      const catchAll = rules.findIndex((rule) => {
        const c = conditions(rule);
        return c.length > 0 && c.every((v) => literalString(v) === '*');
      });
      if (catchAll === -1 || catchAll === rules.length - 1) return undefined;
      return `retry_strategy.evaluate_on_exit[${catchAll}] matches every attempt, so the ${rules.length - catchAll - 1} rule(s) after it never apply`;
    });
  },
};
