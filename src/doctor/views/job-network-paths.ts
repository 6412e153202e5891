import type { TerraformModel } from '../terraform/model';
import type { ComputeEnvironment } from './compute-environments';
import { fargatePublicIp, imageSource, jobDefinitions, usesAwslogs, type JobDefinition } from './job-definitions';
import { ceSubnets, describeRoutes, ECR_SERVICES, reach, type Service } from './network-paths';
import { candidateComputeEnvironments } from './placement';

/**
 * What a job needs from the network once it is placed: pulling its image and
 * shipping its logs: ECR needs ecr.api, ecr.dkr and the s3 gateway endpoint,
 * or NAT; awslogs needs logs, or NAT
 * (docs/aws-batch-facts.md#network-paths-to-ecs-ecr-and-logs).
 *
 * A need is reported only when EVERY compute environment the job may land on
 * has EVERY subnet without a path: then the job can never start. Partly
 * broken CEs are left to the CE-level rules. On Fargate with an internet
 * gateway route only, the fix is `assignPublicIp: ENABLED`, reported by its
 * own rule instead.
 */

export type JobNetworkKind = 'image' | 'logs' | 'public-ip';

export interface JobNetworkProblem {
  readonly kind: JobNetworkKind;
  readonly ces: readonly ComputeEnvironment[];
  readonly detail: string;
  /** A fix more specific than the rule's, when the image tells more. */
  readonly fix?: string;
}

/**
 * ECR Public has no VPC endpoint: ecr.api / ecr.dkr serve private
 * registries only (docs/aws-batch-facts.md#vpc-endpoints-do-not-serve-ecr-public).
 */
const ECR_PUBLIC = /^public\.ecr\.aws\/(.+)$/;
const ECR_PUBLIC_FIX = (path: string) =>
  `VPC endpoints do not serve ECR Public: create an ECR pull through cache rule for ECR Public (e.g. prefix ecr-public) and pull <account>.dkr.ecr.<region>.amazonaws.com/ecr-public/${path} through the ecr.api, ecr.dkr and s3 endpoints, or add a NAT gateway route.`;

export function jobNetworkProblems(model: TerraformModel): ReadonlyMap<string, readonly JobNetworkProblem[]> {
  return model.memoize('job-network', () => {
    const out = new Map<string, JobNetworkProblem[]>();
    for (const jd of jobDefinitions(model)) {
      const problems = analyse(model, jd);
      if (problems.length > 0) out.set(jd.resource.address, problems);
    }
    return out;
  });
}

function analyse(model: TerraformModel, jd: JobDefinition): JobNetworkProblem[] {
  if (jd.containers.length === 0 || jd.fargate === undefined) return [];
  const ces = candidateComputeEnvironments(model, jd);
  if (!ces || ces.length === 0) return [];
  const jobPublicIp = jd.fargate && jd.container ? fargatePublicIp(jd.container) : undefined;
  // Every container: each node range of a multi-node job pulls its own image.
  const needs = jd.containers.flatMap(({ where, container }) => containerNeeds(container, where ? `${where}: ` : ''));

  const problems: JobNetworkProblem[] = [];
  const publicIpNeeds: string[] = [];
  for (const need of needs) {
    const blocked = blockedEverywhere(model, ces, need.services, jd.fargate ? jobPublicIp : 'subnet');
    if (!blocked) continue;
    if (jd.fargate && blocked.allIgwOnly && jobPublicIp === false) publicIpNeeds.push(need.what);
    else problems.push({ kind: need.kind, ces, detail: `${need.what} from ${blocked.details.join('; ')}`, ...(need.fix ? { fix: need.fix } : {}) });
  }
  if (publicIpNeeds.length > 0) {
    problems.push({ kind: 'public-ip', ces, detail: `assignPublicIp is DISABLED in a subnet whose only way out is an internet gateway: ${publicIpNeeds.join(', and ')}` });
  }
  return problems;
}

type Need = { kind: 'image' | 'logs'; services: readonly Service[] | 'internet'; what: string; fix?: string };

/** What one container needs from the network: its image's registry, and CloudWatch Logs for awslogs. */
function containerNeeds(container: Readonly<Record<string, unknown>>, where: string): Need[] {
  const needs: Need[] = [];
  const source = imageSource(container['image']);
  const ecrPublic = ECR_PUBLIC.exec(String(container['image']));
  if (source) {
    needs.push({
      kind: 'image',
      services: source === 'ecr' ? ECR_SERVICES : 'internet',
      what: `${where}cannot pull image ${String(container['image'])}${ecrPublic ? ' (ECR Public, which VPC endpoints do not serve)' : ''}`,
      ...(ecrPublic ? { fix: ECR_PUBLIC_FIX(ecrPublic[1]!) } : {}),
    });
  }
  if (usesAwslogs(container as Record<string, unknown>) === true) needs.push({ kind: 'logs', services: ['logs'], what: `${where}the awslogs driver cannot reach CloudWatch Logs` });
  return needs;
}

/** Per-subnet explanations when no subnet of any of the CEs has a path; undefined when some might. */
function blockedEverywhere(
  model: TerraformModel,
  ces: readonly ComputeEnvironment[],
  services: readonly Service[] | 'internet',
  publicIp: boolean | undefined | 'subnet',
): { details: string[]; allIgwOnly: boolean } | undefined {
  const details: string[] = [];
  let allIgwOnly = true;
  for (const ce of ces) {
    const { subnets, complete } = ceSubnets(model, ce);
    if (!complete) return undefined;
    for (const info of subnets) {
      const r = reach(model, info, publicIp === 'subnet' ? info.publicIpOnLaunch : publicIp, services);
      if (r.verdict !== 'no') return undefined;
      allIgwOnly &&= r.igwOnly;
      const missing = r.missing.length > 0 ? `; no endpoint for ${r.missing.join(', ')}` : '';
      details.push(`${info.subnet.address} (${ce.resource.address}): ${describeRoutes(info)}${missing}`);
    }
  }
  return { details, allIgwOnly };
}
