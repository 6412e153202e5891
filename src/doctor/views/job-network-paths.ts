import type { TerraformModel } from '../terraform/model';
import type { ComputeEnvironment } from './compute-environments';
import { fargatePublicIp, imageSource, jobDefinitions, usesAwslogs, type JobDefinition } from './job-definitions';
import { ceSubnets, describeRoutes, ECR_SERVICES, reach, type Service } from './network-paths';
import { jobQueue, jobQueues } from './job-queues';
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
  return analysis(model).problems;
}

/** Why the network paths of a job definition could not be judged, when a value was unknown. */
export function jobNetworkUnknown(model: TerraformModel, address: string): string | undefined {
  return analysis(model).unknown.get(address);
}

function analysis(model: TerraformModel): { problems: Map<string, JobNetworkProblem[]>; unknown: Map<string, string> } {
  return model.memoize('job-network', () => {
    const problems = new Map<string, JobNetworkProblem[]>();
    const unknown = new Map<string, string>();
    for (const jd of jobDefinitions(model)) {
      const result = analyse(model, jd);
      if (typeof result === 'string') unknown.set(jd.resource.address, result);
      else if (result.length > 0) problems.set(jd.resource.address, result);
    }
    return { problems, unknown };
  });
}

/** The problems of one job definition; a string says why it cannot be judged. */
function analyse(model: TerraformModel, jd: JobDefinition): JobNetworkProblem[] | string {
  if (jd.containers.length === 0) return jd.why.container ?? [];
  if (jd.fargate === undefined) return jd.why.platform ?? [];
  const ces = candidateComputeEnvironments(model, jd);
  if (!ces) {
    const queues = jd.queueHint ? jd.queueHint.map((a) => jobQueue(model, a)) : jobQueues(model);
    const open = queues.find((q) => q && !q.known && q.why);
    return open ? `${open.resource.address}: ${open.why}` : [];
  }
  if (ces.length === 0) return [];
  const open = ces.map((ce) => [ce, ceSubnets(model, ce)] as const).find(([, s]) => !s.complete && s.why);
  if (open) return `${open[0].resource.address}: ${open[1].why}`;
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
  // Hundreds of job definitions share a few environments: one answer per environments, services and public IP.
  const key = `job-network:blocked:${ces.map((ce) => ce.resource.address).join(',')}:${services === 'internet' ? services : services.join(',')}:${String(publicIp)}`;
  return model.memoize(key, () => blockedEverywhereOnce(model, ces, services, publicIp));
}

function blockedEverywhereOnce(
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
