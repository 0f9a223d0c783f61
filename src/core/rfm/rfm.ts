// RFM segmentation: recency, frequency and monetary value each scored 1–5 (5 = best) by
// quintile or by the user's cut points, the R×F pair named by an editable segment map, and
// per-segment and per-cell figures. Pure functions on typed columns.
import { columnIndex, type Dataset } from '../dataset/dataset';
import type { Factor, Model, Shape } from '../model/model';
import { select } from '../stats/rank';
import { MAX_FACTORS } from '../scoring/score';
import { codeMask } from '../groups/segment';
import { RFM_DIMENSIONS, RFM_SEGMENTS, standardSegment, type RfmDimension, type RfmSegment, type RfmSpec } from './rfmSpec';

/**
 * Quintile cut points of the known values, for rfmScores (a value equal to a cut goes up).
 * Distinct values: cut k (1..4) is the value at sorted position ⌊k·n/5⌋, so each score holds
 * ⌊n/5⌋ or ⌈n/5⌉ customers. Tied values share a score, and it is the lowest score of the
 * quintiles they span: where higher is better (frequency, monetary) the lowest quintile, so
 * the 60 % of a file who bought once are F1, not F3; where lower is better (recency in days)
 * the highest, which is the lowest score there too. For that, where higher is better cut k
 * is the smallest value above the one at position ⌊k·n/5⌋ − 1 (above every value when
 * none is). Empty when there are no known values.
 */
export function quintileCuts(values: Float64Array, isLowerBetter = false): number[] {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  if (n === 0) return [];
  const known = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) if (values[i] === values[i]) known[k++] = values[i];
  // Order statistics by quickselect, highest first, each in the part left of the last
  // (everything there is ≤ it): ~2.8 passes instead of sorting (a sort per column cost ~60 ms at 1M on load).
  const positions = [1, 2, 3, 4].map((k) => Math.floor((k * n) / 5) - (isLowerBetter ? 0 : 1));
  const at = [0, 0, 0, 0];
  let end = n;
  for (let k = 3; k >= 0; k--) {
    const position = Math.max(0, positions[k]);
    at[k] = position < end ? select(known.subarray(0, end), position) : at[k + 1];
    end = position;
  }
  if (isLowerBetter) return at;
  // Where higher is better: the smallest value above each (one pass for the four).
  const above = [Infinity, Infinity, Infinity, Infinity];
  for (let i = 0; i < n; i++) {
    const v = known[i];
    for (let k = 0; k < 4; k++) if (v > at[k] && v < above[k]) above[k] = v;
  }
  return positions.map((position, k) => {
    if (position < 0) return at[k]; // fewer than five values: this quintile starts at the first, the minimum (position 0 above)
    if (above[k] !== Infinity) return above[k];
    return at[k] + Math.max(1, Math.abs(at[k]) * 2 ** -40); // every value ties at the top: a cut none reaches
  });
}

/**
 * Score 1..5 per value: the bucket b = number of cuts ≤ value (0..4, so a value equal to a
 * cut goes up), score b + 1, or 5 − b when lower is better (recency in days). 0 = missing.
 */
export function rfmScores(values: Float64Array, cuts: readonly number[], isLowerBetter: boolean, out = new Uint8Array(values.length)): Uint8Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      out[i] = 0;
      continue;
    }
    let b = 0;
    for (let k = 0; k < cuts.length && k < 4; k++) if (v >= cuts[k]) b++;
    out[i] = isLowerBetter ? 5 - b : b + 1;
  }
  return out;
}

/** Days since each date, counted to the latest date in the column (NaN stays NaN). */
export function daysSinceLatest(days: Float64Array): Float64Array {
  const latest = latestDay(days);
  const out = new Float64Array(days.length);
  for (let i = 0; i < days.length; i++) out[i] = latest - days[i];
  return out;
}

/** Cell code (r − 1)·5 + (f − 1) per customer, 255 when R or F is missing. */
export function cellCodes(r: Uint8Array, f: Uint8Array, out = new Uint8Array(r.length)): Uint8Array {
  for (let i = 0; i < r.length; i++) out[i] = r[i] === 0 || f[i] === 0 ? 255 : (r[i] - 1) * 5 + (f[i] - 1);
  return out;
}

/** Segment code (index in RFM_SEGMENTS) per customer through the map, 255 when unscored. */
export function segmentCodes(cells: Uint8Array, segmentMap: readonly RfmSegment[], out = new Uint8Array(cells.length)): Uint8Array {
  const byCell = Uint8Array.from({ length: 25 }, (_, k) => RFM_SEGMENTS.indexOf(segmentMap[k] ?? standardSegment(Math.floor(k / 5) + 1, (k % 5) + 1)));
  for (let i = 0; i < cells.length; i++) out[i] = cells[i] === 255 ? 255 : byCell[cells[i]];
  return out;
}

/**
 * The segment of each R×F cell (index (r − 1)·5 + (f − 1)) as segmentCodes reads the map:
 * a missing entry takes the standard map's segment, a name that is not a segment gives
 * null (no segment), so an export can name cells without the per-row codes.
 */
export function cellSegments(segmentMap: readonly RfmSegment[]): (RfmSegment | null)[] {
  return Array.from({ length: 25 }, (_, k) => {
    const segment: string = segmentMap[k] ?? standardSegment(Math.floor(k / 5) + 1, (k % 5) + 1);
    return isRfmSegment(segment) ? segment : null;
  });
}

function isRfmSegment(name: string): name is RfmSegment {
  return (RFM_SEGMENTS as readonly string[]).includes(name);
}

/** The latest day in a date column (days since 1970-01-01), the day recency is counted to; −∞ when none is known. */
export function latestDay(days: Float64Array): number {
  let latest = -Infinity;
  for (let i = 0; i < days.length; i++) if (days[i] > latest) latest = days[i];
  return latest;
}

/** The scored dataset: raw values (recency in days), scores and codes. */
export interface RfmScores {
  columns: Record<'recency' | 'frequency' | 'monetary', string | null>;
  recencyDays: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array | null;
  cuts: Record<RfmDimension, number[]>;
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array | null;
  cells: Uint8Array;
  segments: Uint8Array;
}

function columnValues(dataset: Dataset, name: string | null) {
  if (name === null) return null;
  const c = columnIndex(dataset, name);
  const column = c >= 0 ? dataset.columns[c] : null;
  return column?.values ? { values: column.values, isDate: column.kind === 'date' } : null;
}

/** Scores the dataset by the spec; null unless recency and frequency are mapped to numeric or date columns. */
export function scoreRfm(dataset: Dataset, spec: RfmSpec): RfmScores | null {
  const recency = columnValues(dataset, spec.recency);
  const frequency = columnValues(dataset, spec.frequency);
  if (!recency || !frequency) return null;
  const monetary = columnValues(dataset, spec.monetary);
  const recencyDays = recency.isDate ? daysSinceLatest(recency.values) : recency.values;
  const cutsOf = (values: Float64Array, user: number[] | null, isLowerBetter = false) => (user && user.length > 0 ? [...user].sort((a, b) => a - b) : quintileCuts(values, isLowerBetter));
  const cuts = { r: cutsOf(recencyDays, spec.cuts.r, true), f: cutsOf(frequency.values, spec.cuts.f), m: monetary ? cutsOf(monetary.values, spec.cuts.m) : [] };
  const r = rfmScores(recencyDays, cuts.r, true);
  const f = rfmScores(frequency.values, cuts.f, false);
  const m = monetary ? rfmScores(monetary.values, cuts.m, false) : null;
  const cells = cellCodes(r, f);
  return {
    columns: { recency: spec.recency, frequency: spec.frequency, monetary: monetary ? spec.monetary : null },
    recencyDays,
    frequency: frequency.values,
    monetary: monetary?.values ?? null,
    cuts,
    r,
    f,
    m,
    cells,
    segments: segmentCodes(cells, spec.segmentMap),
  };
}

export interface RfmSegmentFigures {
  segment: RfmSegment;
  customers: number;
  /** customers / scored customers, 0..1. */
  share: number;
  /** Σ frequency (orders). */
  orders: number;
  /** Σ monetary value (treated as revenue); NaN without a monetary column. */
  revenue: number;
  /** revenue / orders. */
  averageOrderValue: number;
  meanCrs: number;
  /** Share of the customers with a known churn flag that churned; NaN without one. */
  churnRate: number;
}

export interface RfmSummary {
  columns: RfmScores['columns'];
  cuts: RfmScores['cuts'];
  /** Customers with an R and an F score. */
  scored: number;
  unscored: number;
  /** RFM_SEGMENTS order. */
  segments: RfmSegmentFigures[];
  /** Per R×F cell (index (r − 1)·5 + (f − 1)): customers and mean monetary value (NaN when empty or unmapped). */
  cellCounts: number[];
  cellMeanMonetary: number[];
  churnColumn: string | null;
}

/**
 * Figures per segment and per cell. Sums leave missing values out; a mean is over the
 * segment's customers with a known value; churn counts a value ≥ 0.5 as churned.
 */
export function summarizeRfm(scores: RfmScores, crs: Float64Array, churn: { column: string; values: Float64Array } | null): RfmSummary {
  const S = RFM_SEGMENTS.length;
  const count = new Float64Array(S);
  const orders = new Float64Array(S);
  const revenue = new Float64Array(S);
  const crsSum = new Float64Array(S);
  const crsCount = new Float64Array(S);
  const churned = new Float64Array(S);
  const churnKnown = new Float64Array(S);
  const cellCounts = new Array<number>(25).fill(0);
  const cellSum = new Array<number>(25).fill(0);
  const cellKnown = new Array<number>(25).fill(0);
  const { segments, cells, frequency, monetary } = scores;
  let scored = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === 255) continue;
    scored++;
    count[s]++;
    cellCounts[cells[i]]++;
    if (frequency[i] === frequency[i]) orders[s] += frequency[i];
    if (monetary && monetary[i] === monetary[i]) {
      revenue[s] += monetary[i];
      cellSum[cells[i]] += monetary[i];
      cellKnown[cells[i]]++;
    }
    if (crs[i] === crs[i]) {
      crsSum[s] += crs[i];
      crsCount[s]++;
    }
    const c = churn ? churn.values[i] : NaN;
    if (c === c) {
      churnKnown[s]++;
      if (c >= 0.5) churned[s]++;
    }
  }
  return {
    columns: scores.columns,
    cuts: scores.cuts,
    scored,
    unscored: segments.length - scored,
    segments: RFM_SEGMENTS.map((segment, s) => ({
      segment,
      customers: count[s],
      share: scored > 0 ? count[s] / scored : NaN,
      orders: orders[s],
      revenue: monetary ? revenue[s] : NaN,
      averageOrderValue: monetary && orders[s] > 0 ? revenue[s] / orders[s] : NaN,
      meanCrs: crsCount[s] > 0 ? crsSum[s] / crsCount[s] : NaN,
      churnRate: churnKnown[s] > 0 ? churned[s] / churnKnown[s] : NaN,
    })),
    cellCounts,
    cellMeanMonetary: cellCounts.map((_, k) => (cellKnown[k] > 0 ? cellSum[k] / cellKnown[k] : NaN)),
    churnColumn: churn ? churn.column : null,
  };
}

/** 1 for the rows in the named segment, 0 elsewhere; null for an unknown segment name. */
export function segmentMask(segments: Uint8Array, segment: string): Uint8Array | null {
  const code = (RFM_SEGMENTS as readonly string[]).indexOf(segment);
  if (code < 0) return null;
  return codeMask(segments, code);
}

/** The spec's cache key: everything the scores depend on. */
export function rfmKey(spec: RfmSpec): string {
  return JSON.stringify(spec);
}

export type ParsedCuts = { ok: true; cuts: number[] | null } | { ok: false; problem: string };

/**
 * Cut points typed by a user: "7, 30, 90, 365" (commas, semicolons or spaces between
 * numbers); blank means quintiles. Exactly four numbers, in ascending order.
 */
export function parseCuts(text: string): ParsedCuts {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  if (parts.length === 0) return { ok: true, cuts: null };
  const cuts = parts.map(Number);
  if (cuts.some((cut) => !Number.isFinite(cut))) return { ok: false, problem: 'Cut points must be numbers.' };
  if (cuts.length !== 4) return { ok: false, problem: 'Give four cut points (five scores), or leave blank for quintiles.' };
  if (cuts.some((cut, k) => k > 0 && cut < cuts[k - 1])) return { ok: false, problem: 'Cut points must be in ascending order.' };
  return { ok: true, cuts };
}

/** Each cell's mean monetary value as a 0..1 shade of the largest (0 when empty or unknown). */
export function heatmapShades(means: readonly number[]): number[] {
  const top = means.reduce((max, mean) => (mean > max ? mean : max), 0);
  return means.map((mean) => (top > 0 && mean > 0 ? mean / top : 0));
}

/** Ids of the factors that feed the RFM scores into the CRS. */
export const RFM_FACTOR_IDS: Record<RfmDimension, string> = { r: 'rfm-r', f: 'rfm-f', m: 'rfm-m' };
const RFM_FACTOR_LABELS: Record<RfmDimension, string> = { r: 'RFM recency score', f: 'RFM frequency score', m: 'RFM monetary score' };
/** Weight of an added RFM factor, as for any added factor. */
const RFM_FACTOR_WEIGHT = 10;

/**
 * A points table on the raw value giving the score's points, (score − 1)·25: 0 for a 1,
 * 100 for a 5, with the same cuts and the same tie rule (a value equal to a cut goes up).
 * The first step sits 1 below the first cut so everything under that cut takes it.
 * Equal cuts keep the later step (the higher bucket, as rfmScores does).
 */
export function rfmPointsShape(cuts: readonly number[], isLowerBetter: boolean): Shape {
  const pointsOf = (bucket: number) => (isLowerBetter ? 4 - bucket : bucket) * 25;
  const steps = [{ from: cuts[0] - 1, points: pointsOf(0) }, ...cuts.map((from, k) => ({ from, points: pointsOf(k + 1) }))];
  return { kind: 'points', steps: steps.filter((step, k) => k === steps.length - 1 || steps[k + 1].from > step.from) };
}

/**
 * The model with the R, F and M scores as factors (points tables on their columns with the
 * cuts in use), replacing RFM factors added before. Recency from a date column is left
 * out (a points table reads the raw date, not days since), as is any dimension without
 * four cuts or a column.
 */
export function withRfmFactors(model: Model, cuts: RfmSummary['cuts'], recencyIsDate: boolean): Model {
  const kept = model.factors.filter((factor) => !Object.values(RFM_FACTOR_IDS).includes(factor.id));
  const columns: Record<RfmDimension, string | null> = { r: recencyIsDate ? null : model.rfm.recency, f: model.rfm.frequency, m: model.rfm.monetary };
  const added: Factor[] = RFM_DIMENSIONS.flatMap((dimension) => {
    const column = columns[dimension];
    if (column === null || cuts[dimension].length !== 4) return [];
    return [
      {
        id: RFM_FACTOR_IDS[dimension],
        label: RFM_FACTOR_LABELS[dimension],
        column,
        normalization: 'as-is' as const,
        isHigherBetter: true,
        weight: RFM_FACTOR_WEIGHT,
        shape: rfmPointsShape(cuts[dimension], dimension === 'r'),
      },
    ];
  });
  return { ...model, factors: [...kept, ...added].slice(0, MAX_FACTORS) };
}
