import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';

/** BATCH-FACTS: "SPOT with BEST_FIT and no spot_iam_fleet_role" — the API requires the fleet role for BEST_FIT Spot. */
export const ceSpotFleetRole: Rule = {
  id: 'BATCH_CE_SPOT_FLEET_ROLE',
  severity: 'error',
  title: 'SPOT with BEST_FIT and no spot_iam_fleet_role',
  why: 'A SPOT compute environment with the BEST_FIT allocation strategy (the default) is run through a Spot Fleet and needs spot_iam_fleet_role; without it the create fails.',
  fix: 'Use allocation_strategy SPOT_CAPACITY_OPTIMIZED (no fleet role needed, and updatable in place), or set spot_iam_fleet_role.',
  check(model) {
    const out: Finding[] = [];
    for (const ce of computeEnvironments(model)) {
      if (ce.platform !== 'SPOT' || ce.allocationStrategy !== 'BEST_FIT') continue;
      if (ce.compute?.['spot_iam_fleet_role'] !== undefined) continue;
      out.push(finding(this, ce.resource, 'SPOT compute environment with allocation_strategy BEST_FIT has no spot_iam_fleet_role'));
    }
    return out;
  },
};
