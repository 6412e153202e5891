import { isUpdatable } from '../../../aws/compute-environment-updates';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { block } from '../../terraform/model';
import { computeEnvironments, customServiceRole } from '../../views/compute-environments';

/** `${aws_launch_template.<name>.latest_version}` (or default_version): the CE follows the template's versions. */
const FOLLOWS_TEMPLATE = /\$\{aws_launch_template\.([A-Za-z0-9_-]+)\.(latest_version|default_version)\}/;

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
      if (ce.fargate !== false) return undefined;
      const version = block(ce.compute, 'launch_template')?.['version'];
      const match = typeof version === 'string' ? FOLLOWS_TEMPLATE.exec(version) : null;
      if (!match) return undefined;
      // An allocation strategy that is an expression (undefined here) counts as not updatable.
      if (isUpdatable(ce.allocationStrategy, customServiceRole(model, ce) === undefined ? 'service-linked' : 'custom')) return undefined;
      const template = `aws_launch_template.${match[1]}`;
      const triggers = block(ce.resource.body, 'lifecycle')?.['replace_triggered_by'];
      const replaced = Array.isArray(triggers) && triggers.some((t) => typeof t === 'string' && t.replace(/^\$\{|\}$/g, '').startsWith(template));
      if (replaced) return undefined;
      return {
        message: `launch_template.version follows ${template}.${match[2]} on a compute environment that is not updatable: a template edit plans in place and fails at apply`,
        fix: `Add lifecycle { replace_triggered_by = [${template}] } to ${ce.resource.address}, or make it updatable (no service_role; BEST_FIT_PROGRESSIVE or SPOT_CAPACITY_OPTIMIZED).`,
      };
    });
  },
};
