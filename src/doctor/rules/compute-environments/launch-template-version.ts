import { UPDATABLE_ALLOCATION_STRATEGIES } from '../../../aws/compute-environment-updates';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { block } from '../../terraform/model';
import { singleRef } from '../../terraform/refs';
import { computeEnvironments, serviceRole } from '../../views/compute-environments';

/**
 * A launch template version change replaces a compute environment that is
 * not updatable (docs/aws-batch-facts.md#what-replaces-a-compute-environment).
 * When the version follows the template's latest_version, the new number is
 * unknown at plan time, so provider 5.x plans an update in place; during
 * apply it learns the number, requires a replacement, and Terraform fails
 * with "Provider produced inconsistent final plan" (shown with real plans in
 * __tests__/safe-changes). replace_triggered_by on the template makes the
 * plan say "replace" up front
 * (docs/aws-batch-facts.md#replacing-a-compute-environment-safely).
 */
export const ceLaunchTemplateVersion: Rule = {
  id: 'BATCH_CE_LAUNCH_TEMPLATE_VERSION',
  severity: 'error',
  pack: 'change-safety',
  title: 'template edits plan in place but fail at apply',
  why: 'A compute environment that is not updatable (custom service role, or BEST_FIT / SPOT_PRICE_CAPACITY_OPTIMIZED) must be replaced when its launch template version changes. With version = latest_version the new number is unknown at plan time, so the plan shows an update in place and the apply then fails with "Provider produced inconsistent final plan".',
  fix: 'Add lifecycle { replace_triggered_by = [aws_launch_template.<name>] } (with create_before_destroy), or make the environment updatable: no service_role, BEST_FIT_PROGRESSIVE or SPOT_CAPACITY_OPTIMIZED.',
  link: 'https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/batch/compute_environment.go',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.fargate === true) return undefined;
      const version = block(ce.compute, 'launch_template')?.['version'];
      // `${aws_launch_template.<name>.latest_version}` (or default_version), wherever the template is.
      const ref = singleRef(version);
      const template = ref && (ref.attr === 'latest_version' || ref.attr === 'default_version') ? model.target(version) : undefined;
      if (template?.type !== 'aws_launch_template') return undefined;
      if (ce.fargate === undefined) return ce.why.platform ? { unknown: ce.why.platform } : undefined;
      const role = serviceRole(model, ce);
      const updatableStrategy = ce.allocationStrategy === undefined ? undefined : UPDATABLE_ALLOCATION_STRATEGIES.has(ce.allocationStrategy);
      if (role.kind === 'service-linked' && updatableStrategy === true) return undefined;
      if (role.kind === 'unknown' && updatableStrategy !== false) return { unknown: role.reason };
      if (role.kind === 'service-linked' && updatableStrategy === undefined) return { unknown: ce.why.allocationStrategy ?? 'compute_resources.allocation_strategy is unknown' };
      const triggers = block(ce.resource.body, 'lifecycle')?.['replace_triggered_by'];
      const replaced = Array.isArray(triggers) && triggers.some((t) => typeof t === 'string' && singleRef(t)?.block === template.block);
      if (replaced) return undefined;
      return {
        message: `launch_template.version follows ${template.address}.${ref!.attr} on a compute environment that is not updatable: a template edit plans in place and fails at apply`,
        fix: `Add lifecycle { replace_triggered_by = [${template.block.replace(/^.*?((data\.)?[\w-]+\.[\w-]+)$/, '$1')}] } to ${ce.resource.block}, or make it updatable (no service_role; BEST_FIT_PROGRESSIVE or SPOT_CAPACITY_OPTIMIZED).`,
      };
    });
  },
};
