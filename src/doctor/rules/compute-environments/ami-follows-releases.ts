import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalBool, literalString } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * An image_id read at plan time from AWS's "recommended" ECS-optimized AMI
 * (its public SSM parameter, or data "aws_ami" with most_recent) changes
 * whenever AWS publishes a release: the next plan then changes the launch
 * template (or image_id_override), and through it updates the compute
 * environment's instances or replaces the environment, with no change to the
 * configuration (docs/aws-batch-facts.md#the-ecs-optimized-ami-from-a-data-source).
 */
export const ceAmiFollowsReleases: Rule = {
  id: 'BATCH_CE_AMI_FOLLOWS_RELEASES',
  severity: 'warning',
  pack: 'change-safety',
  title: 'AMI looked up at every plan: each AWS release changes the compute environment',
  why: 'An image_id from the ECS-optimized AMI\'s "recommended" SSM parameter, or from data "aws_ami" with most_recent, is read again at every plan. Each time AWS publishes a new ECS-optimized AMI the next apply changes the launch template and, through it, updates or replaces the compute environment (its instances are replaced), although nobody changed the configuration.',
  fix: 'Leave image_id out and let Batch pick the ECS-optimized AMI for ec2_configuration.image_type, moving to a new one deliberately (update_policy / update_to_latest_image_version); or pin the AMI (a literal image id, or the SSM parameter of one release) and bump it in a reviewed change.',
  link: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_AMI.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.fargate === true || ce.image?.kind !== 'ecs-optimized' || typeof ce.customImage !== 'object') return undefined;
      const source = ce.image.dataSource;
      const moving =
        source.type === 'aws_ami'
          ? literalBool(source.body['most_recent']) === true
          : /\/(recommended|latest)(\/image_id)?$/.test(literalString(source.body['name']) ?? '');
      if (!moving) return undefined;
      return `${ce.customImage.source} comes from ${source.address} (${ce.image.how}): every new ECS-optimized AMI AWS publishes changes it at the next plan, and updates or replaces this compute environment`;
    });
  },
};
