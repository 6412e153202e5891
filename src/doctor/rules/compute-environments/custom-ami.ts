import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * A custom AMI without the ECS agent or the awslogs driver leaves jobs
 * RUNNABLE, and nothing before apply can tell
 * (docs/aws-batch-facts.md#why-jobs-stay-runnable): warn whenever one is
 * used. AWS's own ECS-optimized AMI, looked up by its public SSM parameter or
 * AWS's AMI names (docs/aws-batch-facts.md#the-ecs-optimized-ami-from-a-data-source),
 * is not custom; BATCH_CE_AMI_FOLLOWS_RELEASES covers what that lookup does.
 */
export const ceCustomAmi: Rule = {
  id: 'BATCH_CE_CUSTOM_AMI',
  severity: 'warning',
  pack: 'batch-readiness',
  title: 'custom AMI',
  why: 'A custom AMI must run the ECS agent (and support the awslogs driver, and NVIDIA drivers for GPU jobs); if it does not, instances never join the cluster and jobs stay RUNNABLE. Nothing in the configuration can show that.',
  fix: 'Prefer ec2_configuration.image_type (ECS_AL2023, ECS_AL2023_NVIDIA) and let Batch pick the ECS-optimised AMI; if a custom AMI is needed, build it from the ECS-optimised AMI.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.fargate === true || ce.kind === 'UNMANAGED') return undefined;
      if (ce.customImage === 'unknown') return ce.why.customImage ? { unknown: ce.why.customImage } : undefined;
      if (ce.customImage === 'none') return undefined;
      const image = ce.image;
      if (image?.kind === 'ecs-optimized') return undefined;
      if (image?.kind === 'unknown') return { unknown: image.reason };
      const from = image?.kind === 'data' ? `, found by ${image.dataSource.address}` : '';
      return `instances boot a custom AMI (${ce.customImage.source}${from}); Batch cannot tell whether it runs the ECS agent`;
    });
  },
};
