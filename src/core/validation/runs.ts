// The one O(n) step every outcome metric shares: customers ordered by score and grouped
// into runs of tied scores. Done once per score change; AUC, ROC and gains then walk the
// runs in order instead of jumping through 1M rows each.
import { ascendingOrder } from '../rank';

/** Customers with a score and a known outcome, grouped by equal score, lowest score first. */
export interface OutcomeRuns {
  /** Customers with outcome 1 in each run. */
  positives: Uint32Array;
  /** Customers with outcome 0 in each run. */
  negatives: Uint32Array;
  totalPositives: number;
  totalNegatives: number;
}

/**
 * Runs of tied scores in ascending order (the radix order of rank.ts, O(n)), counting
 * outcomes 1 and 0 in each. Missing: a NaN score or an outcome other than 0 and 1 (NaN =
 * unknown) leaves the customer out; a run left with no one is dropped.
 */
export function outcomeRuns(scores: Float64Array, outcomes: Float64Array): OutcomeRuns {
  const order = ascendingOrder(scores);
  const positives = new Uint32Array(order.length);
  const negatives = new Uint32Array(order.length);
  let runs = 0;
  let totalPositives = 0;
  let totalNegatives = 0;
  for (let k = 0; k < order.length; ) {
    const value = scores[order[k]];
    let runPositives = 0;
    let runNegatives = 0;
    for (; k < order.length && scores[order[k]] === value; k++) {
      const outcome = outcomes[order[k]];
      if (outcome === 1) runPositives++;
      else if (outcome === 0) runNegatives++;
    }
    if (runPositives + runNegatives === 0) continue;
    positives[runs] = runPositives;
    negatives[runs++] = runNegatives;
    totalPositives += runPositives;
    totalNegatives += runNegatives;
  }
  return { positives: positives.slice(0, runs), negatives: negatives.slice(0, runs), totalPositives, totalNegatives };
}
