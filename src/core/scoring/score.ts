// The scoring kernel: one fused pass over the factor columns fills every customer's CRS
// and the aggregates the dashboard draws (histogram, band and group counts and sums).
import { bandTenths, type BandThresholds } from '../model/model';
import { MAX_GROUPS, NO_GROUP, NO_GROUP_SLOT } from '../groups/segment';
import type { ScoreTally } from './tally';

export const HISTOGRAM_BINS = 100;

export interface ScoreAggregates {
  scored: number;
  unscored: number;
  sum: number;
  /** Median of the scores as shown (one decimal); NaN when none is scored. */
  median: number;
  /** Customers per 1-point CRS bin: bin k holds [k, k+1), bin 99 also holds 100. */
  histogram: Uint32Array;
  /** Customers per band, in BANDS order. */
  bandCounts: Uint32Array;
  /** The histogram of each group slot (group codes 0..MAX_GROUPS − 1, then no group): slot g at [g·100, g·100 + 100). */
  groupHistograms: Uint32Array;
  /** Band counts of each group slot: slot g at [g·3, g·3 + 3). */
  groupBandCounts: Uint32Array;
  groupMedians: Float64Array;
  /** Customers per group code (slots past the grid's cells stay 0), then those with no group (NO_GROUP_SLOT). */
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
    median: NaN,
    histogram: new Uint32Array(HISTOGRAM_BINS),
    bandCounts: new Uint32Array(3),
    groupHistograms: new Uint32Array((MAX_GROUPS + 1) * HISTOGRAM_BINS),
    groupBandCounts: new Uint32Array((MAX_GROUPS + 1) * 3),
    groupMedians: new Float64Array(MAX_GROUPS + 1).fill(NaN),
    groupCounts: new Uint32Array(MAX_GROUPS + 1),
    groupScoreSums: new Float64Array(MAX_GROUPS + 1),
    groupScored: new Uint32Array(MAX_GROUPS + 1),
  };
}

/**
 * The factors of a model laid out for the scoring pass: row-major with a stride of at
 * least 4 (unused slots 0), missing values as 0, and a presence bit per factor. Built
 * once per mapping change; a weight change then reads memory in order and never
 * branches on NaN. At most 32 factors.
 */
export interface FactorMatrix {
  k: number;
  n: number;
  stride: number;
  /** values[i·stride + f] = factor f of customer i, 0 where missing. */
  values: Float64Array;
  /** Bit f set when customer i has factor f. */
  presence: Uint32Array;
}

export const MAX_FACTORS = 32;
/** Up to this many factors, Σ of present weights comes from a 2^k table. */
const TABLE_FACTORS = 16;
/** Scores are binned by tenths (0.0 … 100.0) in the pass; coarser views are sums of these. */
const TENTHS = 1001;

export function factorMatrix(factors: readonly Float64Array[], n: number): FactorMatrix {
  const k = factors.length;
  if (k > MAX_FACTORS) throw new RangeError(`A model can use at most ${MAX_FACTORS} factors; it has ${k}.`);
  const stride = Math.max(4, k);
  const values = new Float64Array(n * stride);
  const presence = new Uint32Array(n);
  for (let f = 0; f < k; f++) {
    const column = factors[f];
    const bit = 1 << f;
    for (let i = 0, at = f; i < n; i++, at += stride) {
      const x = column[i];
      if (x === x) {
        values[at] = x;
        presence[i] |= bit;
      }
    }
  }
  return { k, n, stride, values, presence };
}

/** Σ of the positive weights of the factors in each presence mask, added in factor order. */
function weightSumTable(weights: Float64Array, k: number): Float64Array {
  const table = new Float64Array(1 << k);
  for (let mask = 1; mask < table.length; mask++) {
    let sum = 0;
    for (let f = 0; f < k; f++) if (mask & (1 << f)) sum += weights[f];
    table[mask] = sum;
  }
  return table;
}

/**
 * CRS_i = Σ_f w_f·x_fi / Σ_f w_f over the factors f where x_fi is present (factor values
 * 0..100, NaN = missing). A customer with no present factor of positive weight gets NaN
 * (unscored); rule points `extra_i`, if given, are added to a scored customer's mean;
 * the result is clamped to 0..100 (rules, and rounding). Weights are relative:
 * scaling all by k > 0 changes nothing. Writes scores into `out` and returns the
 * aggregates; bins and bands use the score rounded to one decimal, as it is shown and exported.
 */
export function scoreCustomers(factors: readonly Float64Array[], weights: readonly number[], bands: BandThresholds, groups: Uint8Array, out: Float64Array, extra: Float64Array | null = null): ScoreAggregates {
  return scoreMatrix(factorMatrix(factors, out.length), weights, bands, groups, out, extra);
}

/**
 * scoreCustomers over a prepared FactorMatrix: the one pass a weight change costs. Per
 * customer it does the weighted sum, one division, one histogram increment (by group
 * and tenth) and one add to the group's score sum; every count is derived from the
 * tenth histograms afterwards. `extra` (rule points, src/core/scoring/rules.ts) is added to each
 * scored customer's weighted mean before the clamp: CRS = clamp(mean + extra_i, 0, 100).
 * It never scores a customer on its own; null costs nothing. `tally` (./tally.ts), if
 * given, also counts each scored customer's tenth under its class byte, into tally.counts.
 */
export function scoreMatrix(
  matrix: FactorMatrix,
  weights: readonly number[],
  bands: BandThresholds,
  groups: Uint8Array,
  out: Float64Array,
  extra: Float64Array | null = null,
  tally: ScoreTally | null = null,
): ScoreAggregates {
  const { k, n, stride, values, presence } = matrix;
  const w = new Float64Array(stride);
  for (let f = 0; f < k; f++) w[f] = weights[f] > 0 ? weights[f] : 0;
  const table = k <= TABLE_FACTORS ? weightSumTable(w, k) : null;
  const slots = MAX_GROUPS + 1;
  const tenths = new Uint32Array(slots * TENTHS);
  const unscored = new Uint32Array(slots);
  // Two score sums per group (even and odd rows) halve the add-to-memory dependency chain.
  const sums = new Float64Array(slots * 2);
  const noGroupSlot = NO_GROUP_SLOT;
  const w0 = w[0];
  const w1 = w[1];
  const w2 = w[2];
  const w3 = w[3];
  const classes = tally?.classes ?? null;
  const classCounts = tally?.counts ?? null;
  if (classCounts !== null) classCounts.fill(0);
  for (let i = 0, base = 0; i < n; i++, base += stride) {
    let weighted: number;
    if (stride === 4) weighted = w0 * values[base] + w1 * values[base + 1] + w2 * values[base + 2] + w3 * values[base + 3];
    else {
      weighted = 0;
      for (let f = 0; f < k; f++) weighted += w[f] * values[base + f];
    }
    const mask = presence[i];
    let weightSum = 0;
    if (table !== null) weightSum = table[mask];
    else for (let f = 0; f < k; f++) if (mask & (1 << f)) weightSum += w[f];
    const gi = groups[i];
    const g = gi === NO_GROUP ? noGroupSlot : gi;
    if (weightSum === 0) {
      out[i] = NaN;
      unscored[g]++;
      continue;
    }
    // A weighted mean of values in 0..100 can land an ulp outside: (0.1·100 + 0.7·100) / 0.8.
    let mean = weighted / weightSum;
    if (extra !== null) mean += extra[i];
    const score = mean > 100 ? 100 : mean < 0 ? 0 : mean;
    out[i] = score;
    const tenth = (score * 10 + 0.5) | 0; // = roundScore(score) · 10
    tenths[g * TENTHS + tenth]++;
    if (classes !== null && classCounts !== null) classCounts[classes[i] * TENTHS + tenth]++;
    sums[(g << 1) | (i & 1)] += score;
  }
  return aggregatesFromTenths(tenths, unscored, sums, bands);
}

/**
 * The aggregates of the given rows only (a filter in force): the same figures scoreMatrix
 * gives, from scores already computed. O(rows).
 */
export function aggregatesOnRows(scores: Float64Array, groups: Uint8Array, bands: BandThresholds, rows: Uint32Array): ScoreAggregates {
  const slots = MAX_GROUPS + 1;
  const tenths = new Uint32Array(slots * TENTHS);
  const unscored = new Uint32Array(slots);
  const sums = new Float64Array(slots * 2);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const gi = groups[i];
    const g = gi === NO_GROUP ? NO_GROUP_SLOT : gi;
    const score = scores[i];
    if (score !== score) {
      unscored[g]++;
      continue;
    }
    tenths[g * TENTHS + ((score * 10 + 0.5) | 0)]++;
    sums[(g << 1) | (i & 1)] += score;
  }
  return aggregatesFromTenths(tenths, unscored, sums, bands);
}

/** Histogram, band and group figures from the per-group tenth histograms of one pass. */
function aggregatesFromTenths(tenths: Uint32Array, unscored: Uint32Array, sums: Float64Array, bands: BandThresholds): ScoreAggregates {
  const agg = emptyAggregates();
  const { averageFrom, goodFrom } = bandTenths(bands);
  const all = new Uint32Array(TENTHS);
  for (let g = 0; g < unscored.length; g++) {
    let scoredInGroup = 0;
    for (let t = 0; t < TENTHS; t++) {
      const count = tenths[g * TENTHS + t];
      if (count === 0) continue;
      scoredInGroup += count;
      all[t] += count;
      const bin = t >= 990 ? 99 : Math.floor(t / 10);
      const band = t < averageFrom ? 0 : t < goodFrom ? 1 : 2;
      agg.histogram[bin] += count;
      agg.bandCounts[band] += count;
      agg.groupHistograms[g * HISTOGRAM_BINS + bin] += count;
      agg.groupBandCounts[g * 3 + band] += count;
    }
    agg.groupScored[g] = scoredInGroup;
    agg.groupCounts[g] = scoredInGroup + unscored[g];
    agg.groupScoreSums[g] = sums[g * 2] + sums[g * 2 + 1];
    agg.groupMedians[g] = medianOfTenths(tenths.subarray(g * TENTHS, (g + 1) * TENTHS), scoredInGroup);
    agg.scored += scoredInGroup;
    agg.unscored += unscored[g];
    agg.sum += agg.groupScoreSums[g];
  }
  agg.median = medianOfTenths(all, agg.scored);
  return agg;
}

/** The median score of a tenth histogram (count[t] scores equal to t / 10); NaN when empty. */
export function medianOfTenths(counts: Uint32Array, total: number): number {
  if (total === 0) return NaN;
  // The k-th smallest (0-based) for k = ⌊(total − 1) / 2⌋ and ⌊total / 2⌋; their mean.
  const lower = Math.floor((total - 1) / 2);
  const upper = Math.floor(total / 2);
  let seen = 0;
  let low = NaN;
  for (let t = 0; t < counts.length; t++) {
    seen += counts[t];
    if (low !== low && seen > lower) low = t;
    if (seen > upper) return (low + t) / 20;
  }
  return NaN;
}

/** The figures of one view of the customers: all of them, or one relationship group. */
export interface ScoreView {
  scored: number;
  unscored: number;
  mean: number;
  median: number;
  histogram: Uint32Array;
  bandCounts: Uint32Array;
}

/** All customers (group null) or one group slot's share of the aggregates. */
export function scoreView(agg: ScoreAggregates, group: number | null): ScoreView {
  if (group === null) {
    return { scored: agg.scored, unscored: agg.unscored, mean: agg.scored > 0 ? agg.sum / agg.scored : NaN, median: agg.median, histogram: agg.histogram, bandCounts: agg.bandCounts };
  }
  const scored = agg.groupScored[group];
  return {
    scored,
    unscored: agg.groupCounts[group] - scored,
    mean: scored > 0 ? agg.groupScoreSums[group] / scored : NaN,
    median: agg.groupMedians[group],
    histogram: agg.groupHistograms.subarray(group * HISTOGRAM_BINS, (group + 1) * HISTOGRAM_BINS),
    bandCounts: agg.groupBandCounts.subarray(group * 3, group * 3 + 3),
  };
}

/**
 * Where each band's bins start in a histogram of one-point bins: [0, first average bin,
 * first good bin, bins]. A bin takes the band of its lower edge, as the band counts
 * (rounded to one decimal) do: with the default bands, bins 0–39 poor, 40–69 average.
 */
export function bandBinStarts(bins: number, bands: BandThresholds): [number, number, number, number] {
  const averageFrom = Math.min(bins, Math.max(0, Math.ceil(bands.averageFrom)));
  const goodFrom = Math.min(bins, Math.max(averageFrom, Math.ceil(bands.goodFrom)));
  return [0, averageFrom, goodFrom, bins];
}
