import type { Configuration } from '../terraform/configuration';
import { TerraformModel, type ModuleReport } from '../terraform/model';
import type { TerraformJson } from '../terraform/terraform-json';
import { collectingSkipped } from './finding';
import type { Finding, Rule, Skipped } from './types';

/** Everything one run of the doctor says about one configuration. */
export interface Report {
  readonly findings: readonly Finding[];
  /** Checks that could not be judged on a resource, and why; sorted by address, rule. */
  readonly skipped: readonly Skipped[];
  /** Every module call, read or not. */
  readonly modules: readonly ModuleReport[];
  /** AWS Batch resources in what was read (compute environments, queues, job definitions, scheduling policies). */
  readonly batchResources: number;
}

/**
 * Runs rules over one Terraform JSON configuration. Findings come in a stable
 * order (errors first, then by address, then rule id, then message) so output
 * and tests are deterministic.
 */
export function runRules(tf: TerraformJson | Configuration, rules: readonly Rule[]): Finding[] {
  return [...runReport(tf, rules).findings];
}

/** The rules over a configuration: findings, the checks skipped, and the modules read or not. */
export function runReport(input: TerraformJson | Configuration, rules: readonly Rule[]): Report {
  const model = new TerraformModel(input);
  const { result, skipped } = collectingSkipped(() => rules.flatMap((rule) => rule.check(model)));
  const batchResources = ['aws_batch_compute_environment', 'aws_batch_job_queue', 'aws_batch_job_definition', 'aws_batch_scheduling_policy'].reduce((n, t) => n + model.all(t).length, 0);
  return { findings: sortFindings(result), skipped: sortSkipped(skipped), modules: model.modules(), batchResources };
}

/** Errors, then warnings, then suppressed findings; within each by address, rule id, message. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding): number => (f.suppressed ? 2 : f.severity === 'error' ? 0 : 1);
  return [...findings].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compare(a.address, b.address) ||
      compare(a.rule, b.rule) ||
      compare(a.message, b.message),
  );
}

export function sortSkipped(skipped: readonly Skipped[]): Skipped[] {
  return [...skipped].sort((a, b) => compare(a.address, b.address) || compare(a.reason, b.reason) || compare(a.rule, b.rule));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Is any finding an error that no suppression covers? */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error' && !f.suppressed);
}
