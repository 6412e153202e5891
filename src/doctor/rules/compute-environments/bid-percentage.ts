import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalNumber } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';

/** ComputeResource.bidPercentage is 0-100 (percent of the On-Demand price); outside it the call fails. */
export const ceBidPercentage: Rule = {
  id: 'BATCH_CE_BID_PERCENTAGE',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'bid_percentage outside 0-100',
  why: 'bid_percentage is the maximum Spot price as a percentage of the On-Demand price, 0 to 100; AWS Batch refuses other values and the apply fails.',
  fix: 'Set bid_percentage between 0 and 100, or leave it unset (the Spot price is then capped at the On-Demand price).',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      const raw = ce.compute?.['bid_percentage'];
      const bid = literalNumber(raw);
      if (raw !== undefined && raw !== null && bid === undefined && ce.platform === 'SPOT') return { unknown: `compute_resources.bid_percentage ${model.why(raw) ?? 'is an expression'}` };
      return bid !== undefined && (bid < 0 || bid > 100) ? `bid_percentage ${bid} is outside 0-100` : undefined;
    });
  },
};
