// Column → 0..100 factor values. The method is chosen per column ('auto') or by the
// user; NaN (missing) stays NaN, never 0, so a missing value cannot read as a bad one.
import type { Normalization } from '../model/model';
import { normalizeHeader } from '../schema/mapping';
import { percentileRanks } from '../stats/rank';
import { formatValue } from '../display/format';

export type ResolvedNormalization =
  | { method: 'as-is' }
  | { method: 'scale'; low: number; high: number }
  | { method: 'percentile' }
  | { method: 'min-max'; min: number; max: number }
  | { method: 'z-score'; mean: number; sd: number }
  | { method: 'log'; min: number; max: number };

export interface ColumnStats {
  count: number;
  min: number;
  max: number;
  /** Mean and population standard deviation of the present values (NaN when none). */
  mean: number;
  sd: number;
  isInteger: boolean;
  /** Values outside 0..100. */
  outsideScoreRange: number;
}

/** Scales survey answers come on, tried smallest first. */
export const KNOWN_SCALES: readonly (readonly [number, number])[] = [
  [1, 5],
  [1, 7],
  [0, 10],
  [1, 10],
];
/** Share of values allowed outside 0..100 for a score column to be used as-is (then clamped); at least one value. */
export const AS_IS_OUTLIER_SHARE = 0.01;
const SCORE_NAME = /score|rating|index|percent|\bpct\b|%/;
/** Names of counts, money and durations: their values say "how many" or "how much", not a position on a 0–100 scale, even when they fall within it. */
const COUNT_OR_AMOUNT_NAME =
  /\b(count|counts|number|num|no|qty|quantity|orders?|tickets?|cases?|visits?|sessions?|logins?|calls?|emails?|clicks?|meetings?|purchases|transactions?|revenue|amount|spend|spent|charges?|price|cost|sales|balance|arr|mrr|ltv|cltv|days?|weeks?|months?|years?|age|tenure|duration|since|recency|frequency)\b/;
const CURRENCY = /[$€£¥]/;
/** Names under which fractional values (4.6) are still answers on a survey scale. */
const RATING_NAME = /rating|stars?\b|\bcsat\b|satisfaction|\bces\b|\bnps\b/;

export function columnStats(values: Float64Array): ColumnStats {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let isInteger = true;
  let outside = 0;
  // Sums of v − shift rather than of v: revenue near 1e6 with a spread of 10 would lose
  // the variance to cancellation in Σv² − (Σv)²/n.
  let shift = NaN;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (count === 0) shift = v;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (isInteger && Math.floor(v) !== v) isInteger = false;
    if (v < 0 || v > 100) outside++;
    const d = v - shift;
    sum += d;
    sumSquares += d * d;
  }
  let meanShift = count ? sum / count : NaN;
  let sd = count ? Math.sqrt(Math.max(0, sumSquares / count - meanShift * meanShift)) : NaN;
  if (count && !(Number.isFinite(sum) && Number.isFinite(sumSquares))) ({ meanShift, sd } = scaledMoments(values, shift, Math.max(Math.abs(max - shift), Math.abs(min - shift))));
  return { count, min: count ? min : NaN, max: count ? max : NaN, mean: shift + meanShift, sd, isInteger, outsideScoreRange: outside };
}

/**
 * Mean of v − shift and standard deviation computed on (v − shift) / scale, for values so
 * large (near 1e300) that their squares overflow: sd = scale · the scaled one, so it stays
 * finite whenever the values are. A second pass, taken only when the first overflowed.
 */
function scaledMoments(values: Float64Array, shift: number, scale: number): { meanShift: number; sd: number } {
  let count = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    const d = (v - shift) / scale;
    count++;
    sum += d;
    sumSquares += d * d;
  }
  const mean = sum / count;
  return { meanShift: mean * scale, sd: Math.sqrt(Math.max(0, sumSquares / count - mean * mean)) * scale };
}

/** The survey scale the values sit on: integers, or averages (4.6 stars) in a column named like a rating. */
function knownScaleOf(stats: ColumnStats, isRatingName = false): readonly [number, number] | null {
  if ((!stats.isInteger && !isRatingName) || stats.count === 0) return null;
  // The data must reach the upper half of the scale: a 0/1 flag is not a 0–10 rating.
  return KNOWN_SCALES.find(([low, high]) => stats.min >= low && stats.max <= high && stats.max > (low + high) / 2) ?? null;
}

/** How many values may fall outside 0..100 for a column to stay a score (then clamped and flagged): 1 % of them, and at least one. */
export function allowedOutside(count: number): number {
  return Math.max(1, Math.floor(count * AS_IS_OUTLIER_SHARE));
}

/** What 'auto' chose for a column, and why in a few words (the mapping panel's line). */
export interface AutoChoice {
  resolved: ResolvedNormalization;
  why: string;
}

/**
 * Resolves 'auto' with its reason:
 * - whole numbers on a known survey scale (1–5, 1–7, 0–10, 1–10), or averages in a
 *   column named like a rating or CSAT, are rescaled from that scale;
 * - a column named like a score (…score, rating, index, %) whose values lie on 0–100,
 *   and any other column whose values lie on 0–100 and reach its upper half, are used
 *   as-is: a score stays a score (the seed's "Purchase History" 1–100 included). A few
 *   values outside (1 %, at least one) do not change that: they are clamped, and the
 *   export flags each in crs_issues;
 * - unless the values say "how many" or "how much": a name of a count, an amount or a
 *   duration (orders, tickets, revenue, days, tenure…, a currency sign), or small whole
 *   numbers (a mean under 10) — those, and everything else, are ranked (percentile).
 */
export function chooseAuto(columnName: string, stats: ColumnStats): AutoChoice {
  const name = normalizeHeader(columnName);
  const scale = knownScaleOf(stats, RATING_NAME.test(name));
  if (scale) {
    const [low, high] = scale;
    return {
      resolved: { method: 'scale', low, high },
      why: stats.isInteger ? `whole numbers from ${stats.min} to ${stats.max}: answers on a ${low}–${high} scale` : `named like a rating, averages on a ${low}–${high} scale`,
    };
  }
  if (stats.count === 0) return { resolved: { method: 'percentile' }, why: 'no values' };
  const onScale = stats.outsideScoreRange <= allowedOutside(stats.count);
  if (onScale && SCORE_NAME.test(name)) return { resolved: { method: 'as-is' }, why: 'named like a score, values on 0–100' };
  const isAmount = COUNT_OR_AMOUNT_NAME.test(name) || CURRENCY.test(columnName);
  if (onScale && !isAmount && stats.max > 50 && !(stats.isInteger && stats.mean < 10)) return { resolved: { method: 'as-is' }, why: 'values on a 0–100 scale' };
  const range = `values from ${formatValue(stats.min)} to ${formatValue(stats.max)}`;
  if (isAmount) return { resolved: { method: 'percentile' }, why: `a count, amount or duration (${range})` };
  if (stats.isInteger && stats.mean < 10 && stats.min >= 0) return { resolved: { method: 'percentile' }, why: `small whole numbers, like counts (${range})` };
  return { resolved: { method: 'percentile' }, why: onScale ? `${range}, below the upper half of 0–100` : `${range}, not a 0–100 score` };
}

/**
 * Resolves a column's normalisation: 'auto' as chooseAuto decides, an explicit method as
 * asked. An explicit 'scale' without a known scale falls back to min-max.
 */
export function resolveNormalization(columnName: string, stats: ColumnStats, requested: Normalization): ResolvedNormalization {
  const scale = knownScaleOf(stats, RATING_NAME.test(normalizeHeader(columnName)));
  switch (requested) {
    case 'as-is':
      return { method: 'as-is' };
    case 'percentile':
      return { method: 'percentile' };
    case 'min-max':
      return { method: 'min-max', min: stats.min, max: stats.max };
    case 'z-score':
      return { method: 'z-score', mean: stats.mean, sd: stats.sd };
    case 'log':
      return { method: 'log', min: stats.min, max: stats.max };
    case 'scale':
      return scale ? { method: 'scale', low: scale[0], high: scale[1] } : { method: 'min-max', min: stats.min, max: stats.max };
    case 'auto':
      return chooseAuto(columnName, stats).resolved;
  }
}

/** One line for the mapping panel: what was done to the column and why. */
export function describeNormalization(resolved: ResolvedNormalization): string {
  switch (resolved.method) {
    case 'as-is':
      return 'used as-is (0–100)';
    case 'scale':
      return `rescaled from its ${resolved.low}–${resolved.high} scale`;
    case 'percentile':
      return 'percentile rank';
    case 'min-max':
      return 'min–max rescaled';
    case 'z-score':
      return 'z-score (mean → 50, ±3σ → 0–100)';
    case 'log':
      return 'log-scaled, then min–max rescaled';
  }
}

/**
 * Fills out[i] with column i's value on 0..100 (NaN stays NaN), then 100 − x when
 * higher is worse. as-is clamps to 0..100; scale maps low..high linearly; percentile is
 * the share of other values strictly below: less / (n − 1) × 100 (SQL's PERCENT_RANK);
 * min-max maps min..max. z-score is 50 + 50·z/3 for z = (v − mean) / sd (population sd),
 * z clipped to ±3, so the mean gives 50 and outliers beyond 3σ stop at 0 or 100. log is
 * ln(1 + v − min) / ln(1 + max − min) × 100: it spreads the many small amounts of a
 * skewed money column and squeezes the few large ones; shifting by the column's min
 * makes it defined for negative values (refunds, credit) too. A column with one
 * distinct value gives 50 throughout. Returns how many values as-is clamped (z-score's
 * clipping at ±3σ is the method, not a problem in the data, so it is not counted).
 */
export function normalizeColumn(values: Float64Array, resolved: ResolvedNormalization, isHigherBetter: boolean, out: Float64Array): number {
  let clamped = 0;
  const n = values.length;
  if (resolved.method === 'percentile') {
    percentileRanks(values, out);
  } else if (resolved.method === 'as-is') {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v < 0 || v > 100) clamped++;
      out[i] = v < 0 ? 0 : v > 100 ? 100 : v;
    }
  } else if (resolved.method === 'z-score') {
    zScores(values, resolved.mean, resolved.sd, out);
  } else if (resolved.method === 'log') {
    logScaled(values, resolved.min, resolved.max, out);
  } else {
    const low = resolved.method === 'scale' ? resolved.low : resolved.min;
    const high = resolved.method === 'scale' ? resolved.high : resolved.max;
    const span = high - low;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== v) out[i] = NaN;
      else if (!(span > 0)) out[i] = 50;
      else {
        const x = ((v - low) / span) * 100;
        out[i] = x < 0 ? 0 : x > 100 ? 100 : x;
      }
    }
  }
  if (!isHigherBetter) for (let i = 0; i < n; i++) out[i] = 100 - out[i];
  return clamped;
}

/** 50 + 50·z/3 for z = (v − mean) / sd clipped to ±3; 50 when sd is 0. */
function zScores(values: Float64Array, mean: number, sd: number, out: Float64Array): void {
  const perSd = 50 / 3;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) out[i] = NaN;
    else if (!(sd > 0)) out[i] = 50;
    else {
      const x = 50 + ((v - mean) / sd) * perSd;
      out[i] = x < 0 ? 0 : x > 100 ? 100 : x;
    }
  }
}

/** ln(1 + v − min) / ln(1 + max − min) × 100; 50 when max = min. */
function logScaled(values: Float64Array, min: number, max: number, out: Float64Array): void {
  const top = Math.log1p(max - min);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) out[i] = NaN;
    else if (!(top > 0)) out[i] = 50;
    else if (!(v > min)) out[i] = 0;
    else {
      const x = (Math.log1p(v - min) / top) * 100;
      out[i] = x > 100 ? 100 : x;
    }
  }
}
