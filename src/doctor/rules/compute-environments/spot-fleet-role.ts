import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { computeEnvironments } from '../../views/compute-environments';

/** The API requires the Spot Fleet role for a SPOT environment with BEST_FIT, which runs through a Spot Fleet. */
export const ceSpotFleetRole: Rule = {
  id: 'BATCH_CE_SPOT_FLEET_ROLE',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'SPOT with BEST_FIT and no spot_iam_fleet_role',
  why: 'A SPOT compute environment with the BEST_FIT allocation strategy (the default) is run through a Spot Fleet and needs spot_iam_fleet_role; without it the create fails.',
  fix: 'Use allocation_strategy SPOT_CAPACITY_OPTIMIZED (no fleet role needed, and updatable in place), or set spot_iam_fleet_role.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/spot_fleet_IAM_role.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.platform === 'SPOT' && ce.allocationStrategy === undefined && ce.why.allocationStrategy) return { unknown: ce.why.allocationStrategy };
      if (ce.platform !== 'SPOT' || ce.allocationStrategy !== 'BEST_FIT') return undefined;
      if (ce.compute?.['spot_iam_fleet_role'] !== undefined) return undefined;
      return 'SPOT compute environment with allocation_strategy BEST_FIT has no spot_iam_fleet_role';
    });
  },
};
