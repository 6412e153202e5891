import { finding } from '../../engine/finding';
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
  const out: Finding[] = [];
  const all = placements(model);
  for (const jd of jobDefinitions(model)) {
    const p = all.get(jd.resource.address);
    if (!p || p.runnable !== 'no') continue;
    const mine = p.blockers.filter((b) => b.kind === kind);
    if (mine.length === 0) continue;
    const where = jd.queueHint ? `its queue ${jd.queueHint.join(', ')}` : 'any queue in the configuration';
    const reasons = [...new Set(mine.map((b) => `${b.queue.resource.address}: ${b.reason}`))];
    out.push(finding(rule, jd.resource, `${lead}; it can never run on ${where} (${reasons.join('; ')})`));
  }
  return out;
}
