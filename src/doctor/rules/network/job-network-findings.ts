import { finding, skip } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import type { TerraformModel } from '../../terraform/model';
import { jobDefinitions } from '../../views/job-definitions';
import { jobNetworkProblems, jobNetworkUnknown, type JobNetworkKind } from '../../views/job-network-paths';

/** Findings of one kind from the job-level network analysis (see views/job-network-paths.ts). */
export function jobNetworkFindings(rule: Rule, model: TerraformModel, kind: JobNetworkKind): Finding[] {
  const problems = jobNetworkProblems(model);
  return jobDefinitions(model).flatMap((jd) => {
    const unknown = jobNetworkUnknown(model, jd.resource.address);
    // The public IP check concerns Fargate jobs only.
    if (unknown && (kind !== 'public-ip' || jd.fargate !== false)) skip(rule, jd.resource, unknown);
    return (problems.get(jd.resource.address) ?? []).filter((p) => p.kind === kind).map((p) => finding(rule, jd.resource, p.detail, p.fix));
  });
}
