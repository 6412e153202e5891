import { blocks, literalString, literalStrings, type Resource, type TerraformModel } from '../terraform/model';
import { refsIn } from '../terraform/refs';

/**
 * Where an EC2 compute environment's AMI comes from, when the configuration
 * sets one (a launch template's image_id, image_id_override):
 *
 * - `literal`: an AMI id written down (`ami-0abc...`): a custom AMI;
 * - `ecs-optimized`: AWS's Amazon ECS-optimized AMI, looked up at plan time
 *   from its public SSM parameter (`/aws/service/ecs/optimized-ami/...`) or
 *   with `data "aws_ami"` filtered on AWS's own ECS AMI names
 *   (docs/aws-batch-facts.md#the-ecs-optimized-ami-from-a-data-source);
 * - `data`: another data source (a team's own AMI, found by name or tag);
 * - `unknown`: a variable or anything else the configuration does not decide.
 */
export type ImageOrigin =
  | { readonly kind: 'literal'; readonly ami: string }
  | { readonly kind: 'ecs-optimized'; readonly dataSource: Resource; readonly how: string }
  | { readonly kind: 'data'; readonly dataSource: Resource }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The public parameters AWS publishes the ECS-optimized AMIs under (Amazon Linux and Bottlerocket variants). */
const ECS_PARAMETER = /^\/aws\/service\/(ecs\/optimized-ami\/|bottlerocket\/aws-ecs-)/;
/** Names of the ECS-optimized AMIs: al2023-ami-ecs-hvm-*, amzn2-ami-ecs-hvm-*, amzn2-ami-ecs-gpu-hvm-*, amzn-ami-*-amazon-ecs-optimized. */
const ECS_AMI_NAME = /(^|[^a-z])(al2023|amzn2)-ami-ecs-|amazon-ecs-optimized/;
/** `amazon`, and the account AWS publishes the ECS-optimized AMIs from. */
const AWS_OWNERS = new Set(['amazon', '591542846629']);

export function imageOrigin(model: TerraformModel, value: unknown): ImageOrigin {
  const literal = literalString(value);
  if (literal !== undefined) return { kind: 'literal', ami: literal };
  const source = dataSourceOf(model, value);
  if (!source) return { kind: 'unknown', reason: `image_id ${model.why(value) ?? 'is an expression'}` };
  const how = ecsOptimized(source);
  return how ? { kind: 'ecs-optimized', dataSource: source, how } : { kind: 'data', dataSource: source };
}

/** The data source a value comes from: `${data.aws_ami.x.id}`, or the source of `jsondecode(data.aws_ssm_parameter.x.value).image_id`. */
function dataSourceOf(model: TerraformModel, value: unknown): Resource | undefined {
  const direct = model.dataTarget(value);
  if (direct) return direct;
  const texts = [...(model.unknown(value)?.sources ?? []), ...(typeof value === 'string' ? [value] : [])];
  for (const text of texts) {
    for (const ref of refsIn(text.startsWith('${') ? text : `\${${text}}`)) {
      if (ref.type !== 'data' || !ref.address) continue;
      const found = model.get(ref.address) ?? (ref.block ? model.get(ref.block) : undefined);
      if (found) return found;
    }
  }
  return undefined;
}

/** How a data source is the ECS-optimized AMI, or undefined when it is not (or cannot be told). */
function ecsOptimized(source: Resource): string | undefined {
  if (source.type === 'aws_ssm_parameter') {
    const name = literalString(source.body['name']);
    return name !== undefined && ECS_PARAMETER.test(name) ? `the public SSM parameter ${name}` : undefined;
  }
  if (source.type === 'aws_ami') {
    const owners = literalStrings(source.body['owners']);
    if (!owners || owners.length === 0 || !owners.every((o) => AWS_OWNERS.has(o))) return undefined;
    const names = [
      ...(blocks(source.body, 'filter') ?? []).filter((f) => f['name'] === 'name').flatMap((f) => literalStrings(f['values']) ?? []),
      ...(literalString(source.body['name_regex']) !== undefined ? [literalString(source.body['name_regex'])!] : []),
    ];
    const ecs = names.find((n) => ECS_AMI_NAME.test(n));
    return ecs !== undefined ? `the newest AMI named ${ecs} owned by ${owners.join(', ')}` : undefined;
  }
  return undefined;
}
