/**
 * The plan-against-state harness (test-support/terraform/README.md):
 *
 *   converge(A):  plan A → state → plan against it → state ... until a plan
 *                 shows no changes. Also the no-perpetual-diff check: if it
 *                 never gets there, something we emit always plans a change.
 *   scenario:     plan B against A's converged state → what the edit A→B
 *                 does to live infrastructure, per resource.
 *
 * Everything runs batched (see workspace.ts): one terraform plan + show per
 * round for all stacks together, so the fixed cost of a terraform run
 * (hashing and starting the provider, loading its schema: ~5 s of CPU for
 * plan + show) is paid per round (usually two), not per scenario.
 */
import { createHash } from 'node:crypto';
import type { ChangeKind, PlanJson } from '../../src/plan-review/plan-json.js';
import { changesByAddress, isEmptyPlan } from './plan-changes.js';
import { stateFromPlan } from './prior-state.js';
import { resourceSchemas } from './run.js';
import type { ResourceSchemas } from './schema.js';
import type { StateFile } from './state-file.js';
import { MultiStackWorkspace, type StackInput } from './workspace.js';

export type { StateFile } from './state-file.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface Converged {
  readonly state: StateFile;
  /** Plans it took, the last one being the empty plan (2 = the first state was already stable). */
  readonly plans: number;
}

export interface HarnessTimings {
  /** Wall time per batched round (terraform plan + show for all stacks at once), ms. */
  readonly rounds: number[];
  readonly totalMs: number;
}

export interface HarnessOptions {
  /** Plans after which a stack that still changes is a perpetual diff (at least 2). @default 6 */
  readonly maxPlans?: number;
  /** `report`: list perpetual diffs in `HarnessRun.diverged` instead of throwing. @default throw */
  readonly onPerpetualDiff?: 'throw' | 'report';
  /**
   * Deployed configs (among the bases) whose destroy order to read. Each is
   * planned, in the verification round, with every resource removed against
   * its converged state; the apply graph of that plan orders the deletes by
   * the dependencies recorded in state, as a real destroy would.
   */
  readonly destroyOrderOf?: readonly object[];
}

/** Region and account the placeholders use: the stack's own provider settings. */
function accountOf(tfJson: Json): { region: string; accountId: string } {
  const providers = isObject(tfJson.provider) ? tfJson.provider.aws : undefined;
  const provider = (Array.isArray(providers) ? providers[0] : providers) as Json | undefined;
  const allowed = provider?.allowed_account_ids;
  return {
    region: typeof provider?.region === 'string' ? provider.region : 'us-east-1',
    accountId: Array.isArray(allowed) && typeof allowed[0] === 'string' ? allowed[0] : '123456789012',
  };
}

/** Addresses with lifecycle.create_before_destroy: apply records it in state. */
function createBeforeDestroy(tfJson: Json): Set<string> {
  const out = new Set<string>();
  for (const [type, byName] of Object.entries(isObject(tfJson.resource) ? tfJson.resource : {})) {
    for (const [name, body] of Object.entries(isObject(byName) ? byName : {})) {
      const lifecycle = isObject(body) ? body.lifecycle : undefined;
      const first = Array.isArray(lifecycle) ? lifecycle[0] : lifecycle;
      if (isObject(first) && first.create_before_destroy === true) out.add(`${type}.${name}`);
    }
  }
  return out;
}

const hasUnknown = (value: unknown): boolean =>
  value === true || (typeof value === 'object' && value !== null && Object.values(value).some(hasUnknown));

/** Which resources still change, and how: the evidence when a stack never converges. */
function describeChanges(plan: PlanJson): string {
  return (plan.resource_changes ?? [])
    .filter((rc) => !['no-op', 'read'].includes(rc.change.actions.join()))
    .map((rc) => {
      const before = rc.change.before ?? {};
      const after = rc.change.after ?? {};
      const unknown = (isObject(rc.change.after_unknown) ? rc.change.after_unknown : {}) as Json;
      const show = (k: string) =>
        unknown[k] === true ? '(known after apply)' : `${JSON.stringify(after[k])}${hasUnknown(unknown[k]) ? ' (partly known after apply)' : ''}`;
      const keys = Object.keys({ ...before, ...after, ...unknown })
        .filter((k) => hasUnknown(unknown[k]) || JSON.stringify(before[k]) !== JSON.stringify(after[k]))
        .sort();
      return `${rc.address} [${rc.change.actions.join(',')}] ${keys.map((k) => `${k}: ${JSON.stringify(before[k])} -> ${show(k)}`).join('; ')}`;
    })
    .join('\n');
}

export interface Scenario {
  readonly id: string;
  /** Terraform JSON of the deployed config (A). */
  readonly before: object;
  /** Terraform JSON after the edit (B). */
  readonly after: object;
}

export interface ScenarioResult {
  readonly id: string;
  /** B planned against A's converged state. */
  readonly plan: PlanJson;
  /** Every resource's change kind, no-ops included. */
  readonly changes: Record<string, ChangeKind>;
  /** Plans A took to converge. */
  readonly basePlans: number;
  readonly baseState: StateFile;
}

export interface HarnessRun {
  readonly results: Map<string, ScenarioResult>;
  /** Converged state of every distinct A, by the id `baseId()` gives it. */
  readonly bases: Map<string, Converged>;
  /** With onPerpetualDiff `report`: what keeps changing, by base id. */
  readonly diverged: Map<string, string>;
  /** Destroy order of each `destroyOrderOf` config, by base id. */
  readonly destroyOrders: Map<string, DestroyOrder>;
  readonly timings: HarnessTimings;
}

/**
 * The state an apply of `plan` (a plan of `tfJson`) leaves: planned values,
 * computed ones filled with realistic placeholders (prior-state.ts).
 */
export function appliedState(plan: PlanJson, tfJson: object, schemas: ResourceSchemas, previous?: StateFile): StateFile {
  const options = { schemas, ...accountOf(tfJson as Json), createBeforeDestroy: createBeforeDestroy(tfJson as Json) };
  return stateFromPlan(plan, previous ? { ...options, previous } : options);
}

/** Scenarios with byte-identical As share one base. */
export const baseId = (tfJson: object) => `base-${createHash('sha256').update(JSON.stringify(tfJson)).digest('hex').slice(0, 16)}`;

/**
 * Converges every distinct A and plans every B against its A's state.
 *
 * Round 1 plans each A from nothing and turns the plans into states. Each
 * later round plans, in one terraform run, each unconverged A against its
 * state (the no-perpetual-diff check) and each of its Bs against the same
 * state. When an A's plan is empty, its state is final and so are the Bs'
 * plans from that round; so the usual cost is two rounds, whatever the
 * number of scenarios. An A still changing after `maxPlans` plans throws,
 * listing what keeps changing: that is a perpetual diff.
 */
export async function planScenarios(
  scenarios: readonly Scenario[],
  /** More deployed configs to converge (no edits), e.g. every stack the project emits. */
  extraBases: readonly StackInput[] = [],
  { maxPlans = 6, onPerpetualDiff = 'throw', destroyOrderOf = [] }: HarnessOptions = {},
): Promise<HarnessRun> {
  const started = Date.now();
  const schemas = await resourceSchemas();
  const baseJson = new Map<string, Json>();
  const labels = new Map<string, string>();
  scenarios.forEach((s) => labels.has(baseId(s.before)) || labels.set(baseId(s.before), `the config before scenario "${s.id}"`));
  extraBases.forEach((b) => labels.has(baseId(b.tfJson)) || labels.set(baseId(b.tfJson), `stack "${b.id}"`));
  for (const tfJson of [...scenarios.map((s) => s.before), ...extraBases.map((b) => b.tfJson)]) baseJson.set(baseId(tfJson), tfJson as Json);
  const states = new Map<string, StateFile>();
  const bases = new Map<string, Converged>();
  const results = new Map<string, ScenarioResult>();
  const diverged = new Map<string, string>();
  const destroyOrders = new Map<string, DestroyOrder>();
  const destroyIds = new Set(destroyOrderOf.map(baseId));
  const rounds: number[] = [];

  for (let round = 1; bases.size + diverged.size < baseJson.size; round++) {
    const pending = [...baseJson.keys()].filter((id) => !bases.has(id) && !diverged.has(id));
    const stacks: StackInput[] = pending.map((id) => ({ id, tfJson: baseJson.get(id)! }));
    const priorStates = new Map<string, StateFile | undefined>(pending.map((id) => [id, states.get(id)]));
    if (round > 1) {
      for (const scenario of scenarios) {
        const base = baseId(scenario.before);
        if (!pending.includes(base)) continue;
        stacks.push({ id: `scenario:${scenario.id}`, tfJson: scenario.after });
        priorStates.set(`scenario:${scenario.id}`, states.get(base));
      }
      for (const id of pending.filter((p) => destroyIds.has(p))) {
        stacks.push({ id: `destroy:${id}`, tfJson: withoutResources(baseJson.get(id)!) });
        priorStates.set(`destroy:${id}`, states.get(id));
      }
    }
    const roundStarted = Date.now();
    const workspace = await MultiStackWorkspace.create(stacks);
    let plans: Map<string, PlanJson>;
    let edges = new Map<string, Map<string, string[]>>();
    try {
      const planFile = await workspace.planFile(priorStates);
      plans = await workspace.readPlan(planFile);
      // Only worth a graph when a base to order converges in this round.
      const ordering = pending.some((id) => destroyIds.has(id) && states.has(id) && isEmptyPlan(plans.get(id)!));
      if (ordering) edges = await workspace.destroyEdges(planFile);
    } finally {
      workspace.remove();
    }
    rounds.push(Date.now() - roundStarted);

    for (const id of pending) {
      const plan = plans.get(id)!;
      const previous = states.get(id);
      if (previous && isEmptyPlan(plan)) {
        bases.set(id, { state: previous, plans: round });
        if (destroyIds.has(id)) destroyOrders.set(id, destroyOrder(edges.get(`destroy:${id}`) ?? new Map()));
        continue;
      }
      if (round >= maxPlans) {
        const message = `${labels.get(id)} does not converge after ${maxPlans} plans (a perpetual diff):\n${describeChanges(plan)}`;
        if (onPerpetualDiff === 'throw') throw new Error(message);
        diverged.set(id, message);
        continue;
      }
      states.set(id, appliedState(plan, baseJson.get(id)!, schemas, previous));
    }
    for (const scenario of scenarios) {
      const base = bases.get(baseId(scenario.before));
      const plan = plans.get(`scenario:${scenario.id}`);
      if (!base || !plan || results.has(scenario.id)) continue;
      results.set(scenario.id, { id: scenario.id, plan, changes: changesByAddress(plan), basePlans: base.plans, baseState: base.state });
    }
  }
  return { results, bases, diverged, destroyOrders, timings: { rounds, totalMs: Date.now() - started } };
}

/** Converges each config on its own (no edits): the no-perpetual-diff check for everything we emit. */
export async function converge(stacks: readonly StackInput[], options: HarnessOptions = {}): Promise<HarnessRun> {
  return planScenarios([], stacks, options);
}

export interface DestroyOrder {
  /** True when `first` is destroyed (completely) before `second` starts being destroyed. */
  destroyedBefore(first: string, second: string): boolean;
  /** Direct edges: resource → resources whose destroy must finish before its own starts. */
  readonly waitsFor: ReadonlyMap<string, readonly string[]>;
}

/** The stack with every resource (and output) removed: planning it against a state deletes everything. */
function withoutResources(tfJson: Json): Json {
  const { terraform: terraformBlock, provider } = tfJson;
  return { terraform: terraformBlock, ...(provider ? { provider } : {}) };
}

function destroyOrder(waitsFor: Map<string, string[]>): DestroyOrder {
  const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
    (waitsFor.get(from) ?? []).some((next) => next === target || (!seen.has(next) && (seen.add(next), reaches(next, target, seen))));
  return { waitsFor, destroyedBefore: (first, second) => reaches(second, first) };
}
