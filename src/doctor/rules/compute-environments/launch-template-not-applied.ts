import { isUpdatable, SERVICE_LINKED_ROLE_ARN } from '../../../aws/compute-environment-updates';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { block, literalString } from '../../terraform/model';
import { computeEnvironments, customServiceRole } from '../../views/compute-environments';
import { ceLaunchTemplate } from '../../views/launch-templates';

/**
 * A compute environment that is not updatable, started from a launch
 * template of this configuration with version `$Latest`, `$Default` or no
 * version (which means `$Default`). Batch resolves that version when it
 * creates the compute environment and looks again only during an
 * infrastructure update, which a non-updatable environment never gets
 * (the provider replaces it instead). Editing the template changes nothing
 * in the compute environment's own arguments, so Terraform plans no change
 * to it: the edit (a new AMI, IMDS options, user data, disks) never reaches
 * an instance. docs/aws-batch-facts.md#launch-template-versions-of-a-compute-environment
 */
export const ceLaunchTemplateNotApplied: Rule = {
  id: 'BATCH_CE_LAUNCH_TEMPLATE_NOT_APPLIED',
  severity: 'warning',
  pack: 'change-safety',
  title: 'launch template edits never reach the instances',
  why: 'With launch_template version "$Latest", "$Default" or none, Batch fixes the template version when it creates the compute environment and re-reads it only in an infrastructure update, which a compute environment that is not updatable (custom service role, or BEST_FIT / SPOT_PRICE_CAPACITY_OPTIMIZED) never gets. A template edit does not change the compute environment\'s arguments, so the plan leaves it alone and the instances keep starting from the old version.',
  fix: 'Set version = aws_launch_template.<name>.latest_version and add lifecycle { replace_triggered_by = [aws_launch_template.<name>] } with create_before_destroy, so a template edit replaces the compute environment; or make it updatable (no service_role; BEST_FIT_PROGRESSIVE or SPOT_CAPACITY_OPTIMIZED) and set version = latest_version.',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_LaunchTemplateSpecification.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.fargate !== false) return undefined;
      const spec = block(ce.compute, 'launch_template');
      if (!spec) return undefined;
      const raw = spec['version'];
      const version = raw === undefined || raw === null ? '$Default' : literalString(raw);
      if (version !== '$Latest' && version !== '$Default') return undefined;
      const template = ceLaunchTemplate(model, ce);
      if (typeof template !== 'object') return undefined; // a template managed elsewhere: its edits are not in this configuration
      // Not updatable for sure: a custom service role of this configuration, or a strategy that is not updatable.
      const role = customServiceRole(model, ce);
      const literalRole = literalString(ce.resource.body['service_role']);
      const custom = typeof role === 'object' ? role.address : literalRole && /^arn:/.test(literalRole) && !SERVICE_LINKED_ROLE_ARN.test(literalRole) ? literalRole : undefined;
      const strategyFixed = ce.allocationStrategy !== undefined && !isUpdatable(ce.allocationStrategy, 'service-linked');
      if (custom === undefined && !strategyFixed) return undefined;
      const why = custom !== undefined ? `custom service role ${custom}` : `allocation_strategy ${ce.allocationStrategy}`;
      return {
        message: `launch_template version ${raw === undefined || raw === null ? 'is not set ($Default)' : JSON.stringify(version)} on a compute environment that is not updatable (${why}): Batch fixed the version of ${template.address} when it created the environment, and edits to the template never reach its instances`,
        fix: `Set version = ${template.address}.latest_version and add lifecycle { replace_triggered_by = [${template.address}] } with create_before_destroy, or make the environment updatable (no service_role; BEST_FIT_PROGRESSIVE or SPOT_CAPACITY_OPTIMIZED).`,
      };
    });
  },
};
