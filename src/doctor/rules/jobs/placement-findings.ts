import { judgeEach } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import type { TerraformModel } from '../../terraform/model';
import { jobDefinitions } from '../../views/job-definitions';
import { placements, type BlockerRule } from '../../views/placement';

/**
 * Findings for job definitions that no candidate queue can run, for the
 * blockers of one kind. Several rules may report the same job definition:
 * together they say why every queue refuses it.
 */
export function placementFindings(rule: Rule, model: TerraformModel, kind: BlockerRule, lead: string): Finding[] {
  const all = placements(model);
  return judgeEach(rule, jobDefinitions(model), (jd) => {
    const p = all.get(jd.resource.address);
    if (p?.runnable === 'maybe' && p.why) return { unknown: p.why };
    if (!p || p.runnable !== 'no') return undefined;
    const mine = p.blockers.filter((b) => b.kind === kind);
    if (mine.length === 0) return undefined;
    const where = jd.queueHint ? `its queue ${jd.queueHint.join(', ')}` : 'any queue in the configuration';
    const reasons = [...new Set(mine.map((b) => `${b.queue.resource.address}: ${b.reason}`))];
    return `${lead}; it can never run on ${where} (${reasons.join('; ')})`;
  });
}
