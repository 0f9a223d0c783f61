// How much the current model's verdicts hang on its exact weights: each weight moved
// ±10 points (a tornado), and the rank agreement with nearby models drawn at random
// (seeded). Re-scores through the factor matrix into scratch buffers; never touches the
// analysis' own scores.
import type { Analysis } from '../scoring/analysis';
import { bandCodes } from '../kpis/breakdown';
import type { Dataset } from '../dataset/dataset';
import type { BandThresholds, Model } from '../model/model';
import { goodOutcome, outcomeValues } from '../validation/outcome';
import { ascendingOrder } from '../stats/rank';
import { scoreMatrix, type FactorMatrix } from '../scoring/score';
import { shownAuc } from '../validation/roc';
import { mulberry32 } from '../stats/random';

/** Points each weight is moved down and up (clamped to 0..100). */
export const WEIGHT_STEP = 10;
/** Nearby models drawn for rank stability, and how far each weight is scaled (× U[1 − s, 1 + s]). */
export const STABILITY_DRAWS = 20;
export const STABILITY_SPREAD = 0.2;
export const STABILITY_SEED = 0x5eed;

/** What moving one weight to `weight` does, against the current model. */
export interface WeightMove {
  weight: number;
  /** Customers whose band differs (scored ↔ unscored counts as a change). */
  bandChanges: number;
  /** Customers whose relationship group differs; 0 by construction when groups ignore weights. */
  groupChanges: number;
  /** Mean CRS of the moved model minus the current mean (scored customers of each). */
  meanChange: number;
  /** AUC of the moved model minus the current AUC; NaN without an outcome. */
  aucChange: number;
}

export interface FactorSensitivity {
  factorId: string;
  weight: number;
  down: WeightMove;
  up: WeightMove;
}

export interface Tornado {
  factors: FactorSensitivity[];
  /** True when the groups come from columns only, so no weight can move a customer between them. */
  groupsIgnoreWeights: boolean;
  /** AUC of the current model; NaN without an outcome. */
  auc: number;
}

export interface TornadoInput {
  matrix: FactorMatrix;
  factorIds: readonly string[];
  weights: readonly number[];
  bands: BandThresholds;
  groups: Uint8Array;
  /** Rule points, as the analysis adds them; null without rules. */
  extra: Float64Array | null;
  /** The current scores (the analysis' own). */
  scores: Float64Array;
  /** 1 = good outcome, 0 = bad, NaN unknown; null without an outcome column. */
  goodOutcome: Float64Array | null;
  /** Groups under other weights; null when groups do not depend on the weights (today's grid). */
  regroup: ((weights: readonly number[]) => Uint8Array) | null;
}

function meanOf(scores: Float64Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s === s) {
      sum += s;
      count++;
    }
  }
  return count > 0 ? sum / count : NaN;
}

/** Rows whose codes differ. */
function changedCount(a: Uint8Array, b: Uint8Array): number {
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed++;
  return changed;
}

/**
 * For each factor f and each of w_f − 10, w_f + 10 (clamped to 0..100): re-scores every
 * customer with only that weight moved and counts the customers whose band (by the score
 * as shown, bandCodes) or group changes, the change in mean CRS and in AUC. 2k passes of
 * the scoring kernel plus one O(n) band pass each; the AUC adds a sort each when an
 * outcome is given. A move that clamps to the same weight changes nothing.
 */
export function weightTornado(input: TornadoInput): Tornado {
  const { matrix, factorIds, weights, bands, groups, extra, scores, goodOutcome, regroup } = input;
  const n = scores.length;
  const currentBands = bandCodes(scores, bands);
  const currentMean = meanOf(scores);
  const currentAuc = goodOutcome ? shownAuc(scores, goodOutcome) : NaN;
  const scratch = new Float64Array(n);
  const scratchBands = new Uint8Array(n);
  const move = (f: number, weight: number): WeightMove => {
    const moved = weights.slice();
    moved[f] = weight;
    const agg = scoreMatrix(matrix, moved, bands, groups, scratch, extra);
    bandCodes(scratch, bands, scratchBands);
    const mean = agg.scored > 0 ? agg.sum / agg.scored : NaN;
    return {
      weight,
      bandChanges: changedCount(currentBands, scratchBands),
      groupChanges: regroup ? changedCount(groups, regroup(moved)) : 0,
      meanChange: mean - currentMean,
      aucChange: goodOutcome ? shownAuc(scratch, goodOutcome) - currentAuc : NaN,
    };
  };
  const factors = factorIds.map((factorId, f): FactorSensitivity => {
    const w = weights[f];
    return { factorId, weight: w, down: move(f, Math.max(0, w - WEIGHT_STEP)), up: move(f, Math.min(100, w + WEIGHT_STEP)) };
  });
  return { factors, groupsIgnoreWeights: regroup === null, auc: currentAuc };
}

/**
 * Average ranks (1-based) of the scored customers, NaN for the unscored: tied scores share
 * the mean of the ranks they span, so Spearman's ρ as the Pearson correlation of these
 * ranks is exact with ties (which do occur: percentile factors, whole-number data).
 * Returns how many were ranked. O(n) via the radix order.
 */
export function averageRanks(scores: Float64Array, out: Float64Array): number {
  const order = ascendingOrder(scores);
  out.fill(NaN);
  const m = order.length;
  for (let start = 0; start < m;) {
    let end = start + 1;
    const s = scores[order[start]];
    while (end < m && scores[order[end]] === s) end++;
    const rank = (start + 1 + end) / 2; // mean of start+1 … end
    for (let k = start; k < end; k++) out[order[k]] = rank;
    start = end;
  }
  return m;
}

/**
 * Spearman's ρ = Pearson correlation of the two average-rank columns, over the customers
 * ranked in both (NaN in either is left out). NaN when fewer than two remain or a column
 * is constant.
 */
export function rankCorrelation(a: Float64Array, b: Float64Array): number {
  let count = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== a[i] || b[i] !== b[i]) continue;
    count++;
    sa += a[i];
    sb += b[i];
  }
  if (count < 2) return NaN;
  const ma = sa / count;
  const mb = sb / count;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== a[i] || b[i] !== b[i]) continue;
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

export interface RankStability {
  draws: number;
  spread: number;
  /** Spearman's ρ between the current model's ranks and each draw's. */
  spearman: Float64Array;
  meanSpearman: number;
  minSpearman: number;
  /** Per customer: draws in which it is in the top decile (percentile ≥ 90). */
  topDecileDraws: Uint8Array;
  /** Per customer: lowest and highest percentile (0 = lowest CRS, 100 = highest) across the draws; NaN when never scored. */
  minPercentile: Float32Array;
  maxPercentile: Float32Array;
}

/** Percentile of an average rank among m ranked customers: (rank − 1) / (m − 1) × 100; 50 when m = 1. */
function percentileOf(rank: number, m: number): number {
  return m > 1 ? ((rank - 1) / (m - 1)) * 100 : 50;
}

/**
 * Nearby models: `draws` times, every weight multiplied by a factor uniform in
 * [1 − spread, 1 + spread] (seeded, so the same inputs give the same figures; a zero
 * weight stays zero, so the scored customers stay the same). Each draw is scored by the
 * kernel, ranked (average ranks over the radix order) and compared with the current
 * ranks by Spearman's ρ; each customer's percentile is tracked across draws.
 */
export function rankStability(
  matrix: FactorMatrix,
  weights: readonly number[],
  bands: BandThresholds,
  groups: Uint8Array,
  extra: Float64Array | null,
  scores: Float64Array,
  options: { draws?: number; spread?: number; seed?: number } = {},
): RankStability {
  const draws = options.draws ?? STABILITY_DRAWS;
  const spread = options.spread ?? STABILITY_SPREAD;
  const random = mulberry32(options.seed ?? STABILITY_SEED);
  const n = scores.length;
  const baseRanks = new Float64Array(n);
  averageRanks(scores, baseRanks);
  const scratch = new Float64Array(n);
  const ranks = new Float64Array(n);
  const spearman = new Float64Array(draws);
  const topDecileDraws = new Uint8Array(n);
  const minPercentile = new Float32Array(n).fill(NaN);
  const maxPercentile = new Float32Array(n).fill(NaN);
  for (let d = 0; d < draws; d++) {
    const drawn = weights.map((w) => w * (1 - spread + 2 * spread * random()));
    scoreMatrix(matrix, drawn, bands, groups, scratch, extra);
    const m = averageRanks(scratch, ranks);
    spearman[d] = rankCorrelation(baseRanks, ranks);
    for (let i = 0; i < n; i++) {
      const r = ranks[i];
      if (r !== r) continue;
      const p = percentileOf(r, m);
      if (p >= 90) topDecileDraws[i]++;
      // NaN compares false: the first draw sets both.
      if (!(p >= minPercentile[i])) minPercentile[i] = p;
      if (!(p <= maxPercentile[i])) maxPercentile[i] = p;
    }
  }
  let sum = 0;
  let min = Infinity;
  let known = 0;
  for (const rho of spearman) {
    if (rho !== rho) continue;
    sum += rho;
    known++;
    if (rho < min) min = rho;
  }
  return { draws, spread, spearman, meanSpearman: known > 0 ? sum / known : NaN, minSpearman: known > 0 ? min : NaN, topDecileDraws, minPercentile, maxPercentile };
}

/** One customer's share of the stability figures, for the explanation. */
export interface CustomerStability {
  draws: number;
  /** Share (0..1) of the nearby models that put the customer in the top decile. */
  topDecileShare: number;
  minPercentile: number;
  maxPercentile: number;
}

export function customerStability(stability: RankStability, row: number): CustomerStability | null {
  if (row < 0 || row >= stability.topDecileDraws.length || stability.draws === 0) return null;
  const min = stability.minPercentile[row];
  if (min !== min) return null;
  return { draws: stability.draws, topDecileShare: stability.topDecileDraws[row] / stability.draws, minPercentile: min, maxPercentile: stability.maxPercentile[row] };
}

/** "in the top 10 % in 97 % of nearby models (percentile 88–99)". */
export function describeStability(s: CustomerStability): string {
  const share = Math.round(s.topDecileShare * 100);
  const low = Math.round(s.minPercentile);
  const high = Math.round(s.maxPercentile);
  const range = low === high ? `percentile ${low} in all ${s.draws}` : `percentile ${low}–${high} across ${s.draws}`;
  return share > 0 ? `In the top 10 % in ${share} % of nearby models (${range}).` : `Never in the top 10 % of nearby models (${range}).`;
}

/** What the panel draws: the tornado and the rank-stability summary (not the per-customer arrays). */
export interface SensitivitySummary {
  tornado: Tornado;
  stability: Pick<RankStability, 'draws' | 'spread' | 'spearman' | 'meanSpearman' | 'minSpearman'>;
}

/**
 * Both analyses for the current model, over its factor matrix (the analysis cache's).
 * The outcome, when mapped, is read as good = 1 so an AUC change > 0 is always better.
 * Groups come from the axes' columns only (src/core/scoring/analysis.ts computeGroups), never
 * from the CRS, so no weight can move a customer between groups: regroup is null.
 */
export function analyseSensitivity(dataset: Dataset, analysis: Analysis, model: Model, matrix: FactorMatrix): { summary: SensitivitySummary; stability: RankStability } {
  const yes = outcomeValues(dataset, model.outcome.column);
  const good = yes ? goodOutcome(yes, model.outcome.isGood) : null;
  const factorIds = analysis.factors.map((factor) => factor.factorId);
  const { weights, groups, rulePoints, scores } = analysis;
  const tornado = weightTornado({ matrix, factorIds, weights, bands: model.bands, groups, extra: rulePoints, scores, goodOutcome: good, regroup: null });
  const stability = rankStability(matrix, weights, model.bands, groups, rulePoints, scores);
  const { draws, spread, spearman, meanSpearman, minSpearman } = stability;
  return { summary: { tornado, stability: { draws, spread, spearman, meanSpearman, minSpearman } }, stability };
}

/** One bar pair of the tornado: widths as shares (0..1) of the largest band-change count. */
export interface TornadoBar {
  factorId: string;
  down: number;
  up: number;
}

/** The tornado's rows, widest first (its shape), scaled to the largest count; all 0 when nothing changes. */
export function tornadoBars(tornado: Tornado): TornadoBar[] {
  const largest = Math.max(0, ...tornado.factors.flatMap((f) => [f.down.bandChanges, f.up.bandChanges]));
  return tornado.factors
    .map((f) => ({ factorId: f.factorId, down: largest > 0 ? f.down.bandChanges / largest : 0, up: largest > 0 ? f.up.bandChanges / largest : 0 }))
    .sort((a, b) => Math.max(b.down, b.up) - Math.max(a.down, a.up));
}
