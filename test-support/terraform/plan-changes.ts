/**
 * What a plan does, resource by resource, in the words the tests and the
 * harness compare: the change kind of every address, the counts, whether
 * anything changes at all.
 */
import { changeKind, type ChangeKind, type PlanJson } from '../../src/plan-review/plan-json.js';

/** Address → change kind, for every resource in the plan (no-ops included). */
export function changesByAddress(plan: PlanJson): Record<string, ChangeKind> {
  const result: Record<string, ChangeKind> = {};
  for (const rc of plan.resource_changes ?? []) result[rc.address] = changeKind(rc.change.actions);
  return result;
}

/** Address → change kind, only for resources the plan actually changes. */
export function changedAddresses(plan: PlanJson): Record<string, ChangeKind> {
  return Object.fromEntries(Object.entries(changesByAddress(plan)).filter(([, kind]) => kind !== 'no-op' && kind !== 'read'));
}

/** How many resources get each kind of change, zero counts left out. */
export function countActions(plan: PlanJson): Partial<Record<ChangeKind, number>> {
  const counts: Partial<Record<ChangeKind, number>> = {};
  for (const kind of Object.values(changesByAddress(plan))) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** True when applying the plan would change no managed resource. */
export function isEmptyPlan(plan: PlanJson): boolean {
  return Object.keys(changedAddresses(plan)).length === 0;
}
