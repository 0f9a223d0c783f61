// Lift and gains by decile: customers ranked by score, cut into ten equal slices, and
// how the outcome concentrates in the first slices — the chart a campaign is planned on.
import { outcomeRuns, type OutcomeRuns } from './runs';

export const DECILES = 10;

export interface DecileGains {
  /** Customers per decile, best-ranked decile first. */
  count: number[];
  /** Positive outcomes per decile; a fraction only where tied scores straddle a cut (see gainsByDecile). */
  positives: number[];
  /** positives / count; NaN for an empty decile. */
  rate: number[];
  /** Cumulative share of all positives up to and including the decile; the last is 1. */
  gains: number[];
  /** rate / overallRate. */
  lift: number[];
  /** All positives / all customers counted. */
  overallRate: number;
}

/**
 * Customers ranked by score — highest first when the positive outcome (1) goes with high
 * scores, lowest first otherwise — and cut into ten deciles: decile d holds ranks
 * [⌊d·n/10⌋, ⌊(d+1)·n/10⌋), so sizes differ by at most one. Per decile: count, positives,
 * rate = positives / count, gains = cumulative positives / all positives, lift = rate /
 * overall rate.
 *
 * Ties: a cut can fall inside a run of equal scores, and no order inside the run is more
 * right than another (row order would make the chart depend on how the file was sorted).
 * So the run's positives are shared pro rata: each of its r rows counts as p / r of a
 * positive, the expected split if ties were broken at random. Deterministic and
 * independent of row order.
 *
 * Missing: rows whose score is NaN or whose outcome is not 0 or 1 are left out; n counts
 * the rest. With no rows, counts are 0 and every ratio NaN. O(n); gainsFromRuns reuses
 * the OutcomeRuns of this score change.
 */
export function gainsByDecile(scores: Float64Array, outcomes: Float64Array, options: { higherIsPositive: boolean }): DecileGains {
  return gainsFromRuns(outcomeRuns(scores, outcomes), options);
}

/** gainsByDecile() over runs of tied scores. */
export function gainsFromRuns(runs: OutcomeRuns, options: { higherIsPositive: boolean }): DecileGains {
  const { totalPositives } = runs;
  const n = totalPositives + runs.totalNegatives;
  const cumulativePositives = positivesAtCuts(runs, n, options.higherIsPositive);
  const overallRate = totalPositives / n;
  const result: DecileGains = { count: [], positives: [], rate: [], gains: [], lift: [], overallRate };
  for (let d = 0; d < DECILES; d++) {
    const count = cutOf(d + 1, n) - cutOf(d, n);
    const positives = cumulativePositives[d + 1] - cumulativePositives[d];
    const rate = count === 0 ? NaN : positives / count;
    result.count.push(count);
    result.positives.push(positives);
    result.rate.push(rate);
    result.gains.push(cumulativePositives[d + 1] / totalPositives);
    result.lift.push(rate / overallRate);
  }
  return result;
}

/** Rank at which decile d starts (d = 10: the end): ⌊d·n/10⌋. */
function cutOf(d: number, n: number): number {
  return Math.floor((d * n) / DECILES);
}

/**
 * Positives ranked before each cut 0..10, walking the runs in rank order; a cut inside a
 * run of r customers with p positives takes p·(customers of the run before the cut)/r.
 * The last cut sits at a run's end, so it gets the exact whole total.
 */
function positivesAtCuts(runs: OutcomeRuns, n: number, isDescending: boolean): Float64Array {
  const atCut = new Float64Array(DECILES + 1); // cut 0 is rank 0, with 0 positives before it
  const runCount = runs.positives.length;
  let cut = 1;
  let ranked = 0;
  let positivesBefore = 0;
  for (let step = 0; step < runCount; step++) {
    const r = isDescending ? runCount - 1 - step : step;
    const runPositives = runs.positives[r];
    const runRows = runPositives + runs.negatives[r];
    for (; cut <= DECILES && cutOf(cut, n) <= ranked + runRows; cut++) {
      const inRun = cutOf(cut, n) - ranked;
      atCut[cut] = positivesBefore + (inRun === runRows ? runPositives : (runPositives * inRun) / runRows);
    }
    ranked += runRows;
    positivesBefore += runPositives;
  }
  // n = 0: no run; every cut is rank 0 and stays 0.
  return atCut;
}
