// The scoring kernel: one fused pass over the factor columns fills every customer's CRS
// and the aggregates the dashboard draws (histogram, band and group counts and sums).
import type { BandThresholds } from './model';
import { GROUPS, NO_GROUP } from './segment';

export const HISTOGRAM_BINS = 100;

export interface ScoreAggregates {
  scored: number;
  unscored: number;
  sum: number;
  /** Customers per 1-point CRS bin: bin k holds [k, k+1), bin 99 also holds 100. */
  histogram: Uint32Array;
  /** Customers per band, in BANDS order. */
  bandCounts: Uint32Array;
  /** Customers per group in GROUPS order, then those with no group. */
  groupCounts: Uint32Array;
  /** Sum of CRS per group (scored customers only), and how many were scored. */
  groupScoreSums: Float64Array;
  groupScored: Uint32Array;
}

export function emptyAggregates(): ScoreAggregates {
  return {
    scored: 0,
    unscored: 0,
    sum: 0,
    histogram: new Uint32Array(HISTOGRAM_BINS),
    bandCounts: new Uint32Array(3),
    groupCounts: new Uint32Array(GROUPS.length + 1),
    groupScoreSums: new Float64Array(GROUPS.length + 1),
    groupScored: new Uint32Array(GROUPS.length + 1),
  };
}

/**
 * CRS_i = Σ_f w_f·x_fi / Σ_f w_f over the factors f where x_fi is present (factor values
 * 0..100, NaN = missing). A customer with no present factor of positive weight gets NaN
 * (unscored). Weights are relative: scaling all by k > 0 changes nothing. Writes scores
 * into `out` and returns the aggregates; bins and bands use the score rounded to one
 * decimal, as it is shown and exported.
 */
export function scoreCustomers(factors: readonly Float64Array[], weights: readonly number[], bands: BandThresholds, groups: Uint8Array, out: Float64Array): ScoreAggregates {
  const agg = emptyAggregates();
  const n = out.length;
  const k = factors.length;
  const w = Float64Array.from(weights, (x) => (x > 0 ? x : 0));
  const { averageFrom, goodFrom } = bands;
  const histogram = agg.histogram;
  const bandCounts = agg.bandCounts;
  const groupCounts = agg.groupCounts;
  const groupSums = agg.groupScoreSums;
  const groupScored = agg.groupScored;
  const noGroupSlot = GROUPS.length;
  let sum = 0;
  let scored = 0;
  for (let i = 0; i < n; i++) {
    let weighted = 0;
    let weightSum = 0;
    for (let f = 0; f < k; f++) {
      const x = factors[f][i];
      const wf = w[f];
      if (x === x && wf > 0) {
        weighted += wf * x;
        weightSum += wf;
      }
    }
    const g = groups[i] === NO_GROUP ? noGroupSlot : groups[i];
    groupCounts[g]++;
    if (weightSum === 0) {
      out[i] = NaN;
      continue;
    }
    const score = weighted / weightSum;
    out[i] = score;
    scored++;
    sum += score;
    const shown = Math.round(score * 10) / 10; // roundScore, inlined in the hot loop
    const bin = shown >= 99 ? 99 : shown > 0 ? shown | 0 : 0;
    histogram[bin]++;
    bandCounts[shown < averageFrom ? 0 : shown < goodFrom ? 1 : 2]++;
    groupSums[g] += score;
    groupScored[g]++;
  }
  agg.scored = scored;
  agg.unscored = n - scored;
  agg.sum = sum;
  return agg;
}

export interface HistogramBar {
  /** Lower edge of the 1-point bin. */
  from: number;
  count: number;
  band: 0 | 1 | 2;
}

/** The histogram as bars, each coloured by the band its bin falls in. */
export function histogramBars(histogram: Uint32Array, bands: BandThresholds): HistogramBar[] {
  return Array.from(histogram, (count, from) => ({ from, count, band: from < bands.averageFrom ? 0 : from < bands.goodFrom ? 1 : 2 }));
}
