import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * BATCH-FACTS, RUNNABLE causes: "a custom AMI without the ECS agent or
 * awslogs driver" is not visible before apply — "warn when a custom AMI is used".
 */
export const ceCustomAmi: Rule = {
  id: 'BATCH_CE_CUSTOM_AMI',
  severity: 'warning',
  title: 'custom AMI',
  why: 'A custom AMI must run the ECS agent (and support the awslogs driver, and NVIDIA drivers for GPU jobs); if it does not, instances never join the cluster and jobs stay RUNNABLE. Nothing in the configuration can show that.',
  fix: 'Prefer ec2_configuration.image_type (ECS_AL2023, ECS_AL2023_NVIDIA) and let Batch pick the ECS-optimised AMI; if a custom AMI is needed, build it from the ECS-optimised AMI.',
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      if (typeof ce.customImage === 'object') {
        out.push(finding(this, ce.resource, `instances boot a custom AMI (${ce.customImage.source}); Batch cannot tell whether it runs the ECS agent`));
      }
    }
    return out;
  },
};
