/**
 * What a stack runs, as a graph: network → compute environments → job
 * queues → job definitions, with the schedules that submit jobs and the
 * rules that report on them. Read from Terraform JSON only, so it draws
 * whatever was synthesized, and the same JSON always gives the same graph.
 */
import { decodeJsonAttribute } from '../doctor/terraform/encoded-json';
import { TerraformModel } from '../doctor/terraform/model';
import { block, isObject, referencedNames, resourcesOf, str, type Json, type StackJson } from './terraform-json';

export type NodeKind = 'network' | 'compute' | 'queue' | 'job' | 'schedule' | 'rule' | 'topic';

export interface DiagramNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** First line: the name; further lines: what matters about it. */
  readonly lines: readonly string[];
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  /** Event-driven (a schedule submitting, a rule watching) rather than structural. */
  readonly dotted?: boolean;
}

export interface Graph {
  readonly nodes: DiagramNode[];
  readonly edges: DiagramEdge[];
}

const PREFIX: Record<NodeKind, string> = {
  network: 'net',
  compute: 'ce',
  queue: 'q',
  job: 'jd',
  schedule: 'sch',
  rule: 'rule',
  topic: 'sns',
};

/** Mermaid node id for a resource: kind prefix + Terraform name, limited to safe characters. */
export const nodeId = (kind: NodeKind, name: string): string => `${PREFIX[kind]}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function buildGraph(tf: StackJson): Graph {
  const model = new TerraformModel(tf);
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const ids = new Set<string>();
  /** Adds a node; a second resource whose name sanitizes to the same id gets a numbered one. */
  const add = (kind: NodeKind, name: string, lines: string[]): string => {
    let id = nodeId(kind, name);
    for (let n = 2; ids.has(id); n++) id = `${nodeId(kind, name)}_${n}`;
    ids.add(id);
    nodes.push({ id, kind, lines });
    return id;
  };
  const byName = new Map<string, string>();
  const idOf = (type: string, name: string) => byName.get(`${type}.${name}`);
  const addResource = (type: string, kind: NodeKind, name: string, lines: string[]) => byName.set(`${type}.${name}`, add(kind, name, lines));

  const network = networkLines(model);
  const networkId = network ? add('network', 'network', network) : undefined;

  for (const [name, ce] of resourcesOf(model, 'aws_batch_compute_environment')) {
    addResource('aws_batch_compute_environment', 'compute', name, [name, computeLine(ce)]);
    if (networkId) edges.push({ from: networkId, to: idOf('aws_batch_compute_environment', name)! });
  }

  const queueNames = new Map<string, string>();
  for (const [name, queue] of resourcesOf(model, 'aws_batch_job_queue')) {
    const state = queue.state === 'DISABLED' ? ' · DISABLED' : '';
    addResource('aws_batch_job_queue', 'queue', name, [name, `job queue · priority ${queue.priority ?? 1}${state}`]);
    if (str(queue.name)) queueNames.set(str(queue.name)!, name);
    orderedComputeEnvironments(queue).forEach((ce, i) => {
      const from = idOf('aws_batch_compute_environment', ce);
      if (from) edges.push({ from, to: idOf('aws_batch_job_queue', name)!, label: String(i + 1) });
    });
  }

  const queueOfJob = jobQueuePairs(tf, queueNames);
  for (const [name, job] of resourcesOf(model, 'aws_batch_job_definition')) {
    addResource('aws_batch_job_definition', 'job', name, [name, jobLine(job)]);
    const queue = queueOfJob.get(str(job.name) ?? '') ?? soleQueue(model);
    const from = queue && idOf('aws_batch_job_queue', queue);
    if (from) edges.push({ from, to: idOf('aws_batch_job_definition', name)! });
  }

  /** Where something that submits jobs points: the job definition, else the queue. */
  const submitTarget = (value: unknown): string | undefined =>
    referencedNames(value, 'aws_batch_job_definition').map((n) => idOf('aws_batch_job_definition', n)).find(Boolean) ??
    referencedNames(value, 'aws_batch_job_queue').map((n) => idOf('aws_batch_job_queue', n)).find(Boolean);

  for (const [name, schedule] of resourcesOf(model, 'aws_scheduler_schedule')) {
    const zone = str(schedule.schedule_expression_timezone);
    const state = schedule.state === 'DISABLED' ? ' · DISABLED' : '';
    const when = `${str(schedule.schedule_expression) ?? 'schedule'}${zone && zone !== 'UTC' ? ` ${zone}` : ''}${state}`;
    const id = add('schedule', name, [name, when]);
    const to = submitTarget(schedule.target);
    if (to) edges.push({ from: id, to, label: 'submits', dotted: true });
  }

  for (const [name, rule] of resourcesOf(model, 'aws_cloudwatch_event_rule')) {
    addResource('aws_cloudwatch_event_rule', 'rule', name, [name, ruleLine(rule)]);
    for (const queue of referencedNames(rule.event_pattern, 'aws_batch_job_queue')) {
      const from = idOf('aws_batch_job_queue', queue);
      if (from) edges.push({ from, to: idOf('aws_cloudwatch_event_rule', name)!, label: 'job events', dotted: true });
    }
  }

  const subscriptions = resourcesOf(model, 'aws_sns_topic_subscription');
  for (const [, target] of resourcesOf(model, 'aws_cloudwatch_event_target')) {
    const rule = referencedNames(target.rule, 'aws_cloudwatch_event_rule').map((n) => idOf('aws_cloudwatch_event_rule', n)).find(Boolean);
    if (!rule) continue;
    for (const topic of referencedNames(target.arn, 'aws_sns_topic')) {
      if (!idOf('aws_sns_topic', topic)) {
        const protocols = subscriptions.filter(([, s]) => referencedNames(s.topic_arn, 'aws_sns_topic').includes(topic)).map(([, s]) => str(s.protocol) ?? '?');
        addResource('aws_sns_topic', 'topic', topic, [topic, topicLine(protocols)]);
      }
      edges.push({ from: rule, to: idOf('aws_sns_topic', topic)! });
    }
    // An EventBridge rule can also submit jobs itself (batch_target).
    const submits = target.batch_target !== undefined ? submitTarget([target.arn, target.batch_target]) : undefined;
    if (submits) edges.push({ from: rule, to: submits, label: 'submits', dotted: true });
  }

  return { nodes, edges };
}

/** The VPC the compute environments run in, summarised; undefined when the stack has no Batch compute. */
function networkLines(model: TerraformModel): string[] | undefined {
  const computeEnvironments = resourcesOf(model, 'aws_batch_compute_environment');
  const vpcs = resourcesOf(model, 'aws_vpc');
  if (vpcs.length === 0) {
    const subnets = new Set(computeEnvironments.flatMap(([, ce]) => stringList(block(ce.compute_resources)?.subnets)));
    return subnets.size ? ['existing VPC', plural(subnets.size, 'subnet')] : undefined;
  }
  const lines = vpcs.map(([, vpc]) => `VPC ${str(vpc.cidr_block) ?? ''}`.trim());
  const subnets = resourcesOf(model, 'aws_subnet');
  const publicCount = subnets.filter(([, s]) => s.map_public_ip_on_launch === true).length;
  const privateCount = subnets.length - publicCount;
  lines.push([publicCount ? `${publicCount} public` : '', privateCount ? `${privateCount} private` : ''].filter(Boolean).join(' + ') + ' subnets');
  const nat = resourcesOf(model, 'aws_nat_gateway').length;
  if (nat) lines.push(plural(nat, 'NAT gateway'));
  else if (resourcesOf(model, 'aws_internet_gateway').length) lines.push('internet gateway');
  const endpoints = resourcesOf(model, 'aws_vpc_endpoint');
  const gateway = endpoints.filter(([, e]) => e.vpc_endpoint_type === 'Gateway').length;
  const interfaces = endpoints.length - gateway;
  if (endpoints.length) lines.push([interfaces ? plural(interfaces, 'interface endpoint') : '', gateway ? plural(gateway, 'gateway endpoint') : ''].filter(Boolean).join(' + '));
  return lines;
}

function computeLine(ce: Json): string {
  const resources = block(ce.compute_resources);
  const type = str(resources?.type) ?? str(ce.type) ?? 'UNMANAGED';
  const max = resources?.max_vcpus;
  const state = ce.state === 'DISABLED' ? ' · DISABLED' : '';
  return `${type}${typeof max === 'number' ? ` · max ${max} vCPUs` : ''}${state}`;
}

/** Compute environment names in the order the queue tries them. */
function orderedComputeEnvironments(queue: Json): string[] {
  const order = Array.isArray(queue.compute_environment_order) ? queue.compute_environment_order.filter(isObject) : [];
  if (order.length) {
    return [...order]
      .sort((a, b) => Number(a.order ?? 0) - Number(b.order ?? 0))
      .flatMap((o) => referencedNames(o.compute_environment, 'aws_batch_compute_environment'));
  }
  // The deprecated `compute_environments` list, in HCL written by hand.
  return referencedNames(queue.compute_environments, 'aws_batch_compute_environment');
}

function jobLine(job: Json): string {
  const parts = ['job definition'];
  const props = decodeJsonAttribute(job['container_properties']);
  const requirements = Array.isArray(props?.resourceRequirements) ? props.resourceRequirements.filter(isObject) : [];
  const value = (type: string) => str(requirements.find((r) => r.type === type)?.value);
  if (value('VCPU')) parts.push(`${value('VCPU')} vCPU`);
  if (value('MEMORY')) parts.push(`${value('MEMORY')} MiB`);
  if (value('GPU')) parts.push(`${value('GPU')} GPU`);
  return parts.join(' · ');
}

/**
 * Job definition AWS name → queue key. A job definition is not tied to a
 * queue in AWS Batch; this project's stacks write the pairing into each
 * `job_definition_<key>_submit_command` output.
 */
function jobQueuePairs(tf: StackJson, queueNames: Map<string, string>): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const output of Object.values(tf.output ?? {})) {
    const match = typeof output.value === 'string' ? /--job-queue (\S+) --job-definition (\S+)/.exec(output.value) : null;
    const queue = match && queueNames.get(match[1]!);
    if (queue) pairs.set(match[2]!, queue);
  }
  return pairs;
}

/** With a single queue there is nowhere else a job definition's jobs can go. */
function soleQueue(model: TerraformModel): string | undefined {
  const queues = resourcesOf(model, 'aws_batch_job_queue');
  return queues.length === 1 ? queues[0]![0] : undefined;
}

function ruleLine(rule: Json): string {
  if (str(rule.schedule_expression)) return str(rule.schedule_expression)!;
  const pattern = decodeJsonAttribute(rule['event_pattern']);
  const detail = isObject(pattern?.detail) ? pattern.detail : undefined;
  const statuses = stringList(detail?.status);
  return statuses.length ? `job state: ${statuses.join(', ')}` : 'event rule';
}

function topicLine(protocols: string[]): string {
  if (protocols.length === 0) return 'SNS topic';
  const counts = new Map<string, number>();
  for (const p of protocols) counts.set(p, (counts.get(p) ?? 0) + 1);
  const list = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, n]) => `${n} ${p}`);
  return `SNS topic · ${list.join(', ')}`;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
