import { jobDefinitions } from '../batch';
import { jobNetworkProblems, type JobNetworkKind } from '../job-network';
import type { TerraformModel } from '../model';
import type { Finding, Rule } from '../types';
import { finding } from './finding';

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
