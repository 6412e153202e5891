import { blocks, literalNumber, literalString, type Resolved, type Resource, type TerraformModel } from '../terraform/model';
import { CE_TYPE, computeEnvironment, type ComputeEnvironment } from './compute-environments';

/** Job queues and the compute environments they try, in order; read once per model. */

export const QUEUE_TYPE = 'aws_batch_job_queue';

export interface QueueEntry {
  /** The compute environment, when the entry refers to one in this configuration. */
  readonly ce?: ComputeEnvironment;
  readonly order?: number;
}

export interface JobQueue {
  readonly resource: Resource;
  /** Entries in order; `known` is false when some entry (or the list) cannot be followed. */
  readonly entries: readonly QueueEntry[];
  readonly known: boolean;
  /** Why some entry cannot be followed, when `known` is false. */
  readonly why?: string;
  /** Uses the deprecated `compute_environments` list. */
  readonly deprecatedList: boolean;
  readonly state?: string;
}

export function jobQueues(model: TerraformModel): readonly JobQueue[] {
  return model.memoize('batch:queues', () => model.all(QUEUE_TYPE).map((r) => readQueue(model, r)));
}

export function jobQueue(model: TerraformModel, address: string): JobQueue | undefined {
  const byAddress = model.memoize('batch:queue-by-address', () => new Map(jobQueues(model).map((q) => [q.resource.address, q])));
  return byAddress.get(address);
}

function readQueue(model: TerraformModel, resource: Resource): JobQueue {
  const body = resource.body;
  const entries: QueueEntry[] = [];
  let known = true;
  let why: string | undefined;
  const deprecatedList = body['compute_environments'] !== undefined;
  const follow = (r: Resolved, order: number | undefined): void => {
    const ce = r.kind === 'resource' && r.resource.type === CE_TYPE ? computeEnvironment(model, r.resource) : undefined;
    if (!ce) {
      known = false;
      why ??= r.kind === 'unknown' ? `a compute environment ${r.reason}` : r.kind === 'resource' ? `${r.resource.address} is not a compute environment` : 'a compute environment is not named';
    }
    entries.push({ ...(ce ? { ce } : {}), ...(order !== undefined ? { order } : {}) });
  };
  const order = blocks(body, 'compute_environment_order');
  if (order === undefined) {
    known = false;
    why = `compute_environment_order ${model.why(body['compute_environment_order']) ?? 'is an expression'}`;
  }
  for (const entry of order ?? []) follow(model.resolve(entry['compute_environment']), literalNumber(entry['order']));
  if (deprecatedList) {
    // The deprecated list is ordered by position (provider 5.x).
    const list = model.resolveList(body['compute_environments']);
    if (!list) {
      known = false;
      why ??= `compute_environments ${model.why(body['compute_environments']) ?? 'is an expression'}`;
    }
    (list ?? []).forEach((r, i) => follow(r, i + 1));
  }
  const state = literalString(body['state'])?.toUpperCase();
  return { resource, entries, known, ...(why ? { why } : {}), deprecatedList, ...(state ? { state } : {}) };
}
