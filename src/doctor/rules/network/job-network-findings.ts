import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import type { TerraformModel } from '../../terraform/model';
import { jobDefinitions } from '../../views/job-definitions';
import { jobNetworkProblems, type JobNetworkKind } from '../../views/job-network-paths';

/** Findings of one kind from the job-level network analysis (see job-network.ts). */
export function jobNetworkFindings(rule: Rule, model: TerraformModel, kind: JobNetworkKind): Finding[] {
  const out: Finding[] = [];
  const problems = jobNetworkProblems(model);
  for (const jd of jobDefinitions(model)) {
    for (const p of problems.get(jd.resource.address) ?? []) {
      if (p.kind === kind) out.push(finding(rule, jd.resource, p.detail, p.fix));
    }
  }
  return out;
}
