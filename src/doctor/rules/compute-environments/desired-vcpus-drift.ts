import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { block, literalNumber } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * docs/aws-batch-facts.md#batch-owns-desired-vcpus: Batch moves desiredvCpus
 * itself as jobs come and go, and refuses an update that lowers it ("Manually
 * scaling down compute environment is not supported",
 * https://docs.aws.amazon.com/batch/latest/userguide/error-desired-vcpus-update.html).
 * A configured desired_vcpus differs from the live value as soon as Batch
 * scales, the plan sets it back, and the provider's update
 * (resourceComputeEnvironmentUpdate in
 * https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/batch/compute_environment.go)
 * sends it to UpdateComputeEnvironment whenever it changed.
 */
export const ceDesiredVcpusDrift: Rule = {
  id: 'BATCH_CE_DESIRED_VCPUS_DRIFT',
  severity: 'error',
  pack: 'change-safety',
  title: 'desired_vcpus set without ignore_changes',
  why: 'AWS Batch scales desired vCPUs itself. With desired_vcpus in the configuration, every plan after Batch scaled sets it back: above the live value it launches instances nobody asked for; below it the apply fails with "Manually scaling down compute environment is not supported", which blocks every later change to the environment.',
  fix: 'Remove desired_vcpus (min_vcpus sets the floor Batch keeps), or add lifecycle { ignore_changes = [compute_resources[0].desired_vcpus] }.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/error-desired-vcpus-update.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      const desired = ce.compute?.['desired_vcpus'];
      if (desired === undefined || desired === null || ce.fargate === true) return undefined;
      if (ce.fargate === undefined) return ce.why.platform ? { unknown: ce.why.platform } : undefined;
      const ignored = ignoresDesiredVcpus(ce.resource.body);
      if (ignored === undefined) return { unknown: 'lifecycle.ignore_changes is an expression' };
      if (ignored) return undefined;
      const value = literalNumber(desired);
      return `compute_resources.desired_vcpus is set${value === undefined ? '' : ` to ${value}`} and lifecycle.ignore_changes does not cover it: once Batch scales ${value === undefined ? 'the environment' : `above ${value} vCPUs`}, the next apply tries to scale it back down and fails`;
    });
  },
};

/** The attribute paths that cover desired_vcpus, with `[0]` written as `.0`. */
const COVERING = new Set(['compute_resources', 'compute_resources.0', 'compute_resources.0.desired_vcpus']);

/** true/false when lifecycle.ignore_changes can be read, undefined when it is an expression. */
function ignoresDesiredVcpus(body: Readonly<Record<string, unknown>>): boolean | undefined {
  const value = block(body, 'lifecycle')?.['ignore_changes'];
  if (value === undefined || value === null) return false;
  // cdktf writes attribute paths as plain strings, hcl2json as `${...}`.
  const path = (v: unknown): string | undefined =>
    typeof v === 'string' ? v.replace(/^\$\{\s*|\s*\}$/g, '').replace(/\[(\d+)\]/g, '.$1') : undefined;
  if (!Array.isArray(value)) return path(value) === 'all' ? true : undefined;
  const paths = value.map(path);
  if (paths.some((p) => p === undefined)) return undefined;
  return paths.some((p) => COVERING.has(p!));
}
