// Who moved between two snapshots: transition tables over categories (bands or relationship
// groups) with "new" and "gone", and the change in mean CRS split by factor. Pure functions over
// the per-row codes both files' analyses give (band codes 0..2, group codes, 255 = none).
import { MATCHED, UNMATCHED, type IdMatch } from './match';
import { BANDS, BAND_LABELS, type BandThresholds } from '../model/model';
import { bandOfTenth } from '../kpis/breakdown';
import { gridGroups, GROUP_LABELS, type GridSize } from '../groups/segment';

/** The code of a row in no category (unscored, or in no group). */
const NONE = 255;

/**
 * A transition table: `size` = categories + 2 rows and columns. Rows are the earlier category
 * (0…C−1), then "none" (C), then "new" (C+1); columns the current category, "none", then "gone".
 * Cell (i, j) is at i · size + j.
 */
export interface MovementTable {
  categories: number;
  size: number;
  counts: Float64Array;
  /** Revenue in each cell: the current file's for customers still here, the earlier file's for those gone; null without a revenue column. */
  revenue: Float64Array | null;
}

/** Row or column index of a code in a table over `categories` categories. */
const slot = (code: number, categories: number) => (code === NONE || code >= categories ? categories : code);

/** A cell of a movement table: `from` and `to` are row and column indices (see MovementTable). */
export interface MovementCell {
  from: number;
  to: number;
}

/**
 * The current rows in a cell, as a row mask over the current file (1 = in the cell). The "gone"
 * column has no current rows: its mask is all 0 (goneRows lists those of the earlier file).
 */
export function cellMask(match: IdMatch, current: Uint8Array, previous: Uint8Array, categories: number, cell: MovementCell): Uint8Array {
  const mask = new Uint8Array(current.length);
  const newRow = categories + 1;
  const { previousOf, currentStatus } = match;
  for (let r = 0; r < current.length; r++) {
    const status = currentStatus[r];
    if (status !== MATCHED && status !== UNMATCHED) continue;
    const from = status === MATCHED ? slot(previous[previousOf[r]], categories) : newRow;
    if (from === cell.from && slot(current[r], categories) === cell.to) mask[r] = 1;
  }
  return mask;
}

/** The earlier file's rows gone since, from one earlier category (or all with `from` null), in file order. */
export function goneRows(match: IdMatch, previous: Uint8Array, categories: number, from: number | null): Uint32Array {
  const rows: number[] = [];
  for (let p = 0; p < previous.length; p++) if (match.previousStatus[p] === UNMATCHED && (from === null || slot(previous[p], categories) === from)) rows.push(p);
  return Uint32Array.from(rows);
}

/** One scored factor of a file's analysis: its id, weight and 0–100 values (NaN = missing). */
export interface FactorColumn {
  factorId: string;
  weight: number;
  values: Float64Array;
}

export interface MeanChange {
  /** Matched customers scored in both files, over whom the means are taken. */
  customers: number;
  previousMean: number;
  currentMean: number;
  /** currentMean − previousMean. */
  change: number;
  /** Each factor's share of the change: the mean over those customers of its points now less its points then. */
  byFactor: { factorId: string; contribution: number }[];
  /** What the factors do not explain: rules' points and the 0–100 clamp. The contributions and this sum to the change. */
  rest: number;
}

/** One file's side of a comparison: per row its CRS, group code and factors, and revenue (or null). */
export interface Snapshot {
  scores: Float64Array;
  groups: Uint8Array;
  factors: readonly FactorColumn[];
  revenue: Float64Array | null;
}

export interface Movement {
  bands: MovementTable;
  groups: MovementTable;
  mean: MeanChange;
}

/** Factors one file's presence masks can tell apart (bits of a 32-bit mask); points of any further factor fall to the split's rest. */
const MAX_MASK_FACTORS = 30;

/**
 * What a comparison keeps while only weights change: the group movement table (groups do
 * not depend on weights), and, for the mean's split, the matched customers grouped by which
 * factors each file has for them (a presence mask per file), with each group's count and
 * sums of every factor's 0–100 values. A customer's points are wᵢ·xᵢ / Σ w over the factors
 * present, so a group's contribution is wᵢ · Σ xᵢ / Σ w: a weight change needs no pass over
 * the factor values, only over these groups.
 */
export interface MovementBase {
  groups: MovementTable;
  /** Per presence-mask pair: customers, and sums of the current file's factors then the earlier file's. */
  patterns: { maskNow: number; maskThen: number; customers: number; sums: Float64Array }[];
  /** Factor ids in each file, in the order of the masks' bits and of `sums`. */
  nowFactors: string[];
  thenFactors: string[];
  /** The rows a weight change reads, listed once: matched pairs (current row, earlier row) in current order, new current rows, gone earlier rows. */
  rows: { pairsNow: Int32Array; pairsThen: Int32Array; added: Int32Array; gone: Int32Array };
}

const presenceMask = (values: readonly Float64Array[], row: number) => {
  let mask = 0;
  for (let f = 0; f < values.length && f < MAX_MASK_FACTORS; f++) if (values[f][row] === values[f][row]) mask |= 1 << f;
  return mask;
};

/** The weight-independent part of a comparison: one pass over each file (see MovementBase). */
export function movementBase(match: IdMatch, now: Omit<Snapshot, 'scores'>, then: Omit<Snapshot, 'scores'>, groupCategories: number): MovementBase {
  const groupSize = groupCategories + 2;
  const counts = new Float64Array(groupSize * groupSize);
  const revenue = now.revenue !== null && then.revenue !== null ? new Float64Array(groupSize * groupSize) : null;
  const nowValues = now.factors.map((factor) => factor.values);
  const thenValues = then.factors.map((factor) => factor.values);
  const width = nowValues.length + thenValues.length;
  // Patterns by the current file's mask, then the earlier file's.
  const byMasks = new Map<number, Map<number, MovementBase['patterns'][number]>>();
  const patterns: MovementBase['patterns'] = [];
  const { previousOf, currentStatus, previousStatus } = match;
  const pairsNow = new Int32Array(currentStatus.length);
  const pairsThen = new Int32Array(currentStatus.length);
  const added = new Int32Array(currentStatus.length);
  const gone = new Int32Array(previousStatus.length);
  let pairs = 0;
  let addedCount = 0;
  let goneCount = 0;
  for (let r = 0; r < currentStatus.length; r++) {
    const status = currentStatus[r];
    if (status !== MATCHED && status !== UNMATCHED) continue;
    let from = groupCategories + 1;
    if (status === UNMATCHED) added[addedCount++] = r;
    else {
      const p = previousOf[r];
      pairsNow[pairs] = r;
      pairsThen[pairs++] = p;
      from = slot(then.groups[p], groupCategories);
      const maskNow = presenceMask(nowValues, r);
      const maskThen = presenceMask(thenValues, p);
      let inner = byMasks.get(maskNow);
      if (inner === undefined) {
        inner = new Map();
        byMasks.set(maskNow, inner);
      }
      let pattern = inner.get(maskThen);
      if (pattern === undefined) {
        pattern = { maskNow, maskThen, customers: 0, sums: new Float64Array(width) };
        inner.set(maskThen, pattern);
        patterns.push(pattern);
      }
      pattern.customers++;
      const sums = pattern.sums;
      for (let f = 0; f < nowValues.length; f++) if (maskNow & (1 << f)) sums[f] += nowValues[f][r];
      for (let f = 0; f < thenValues.length; f++) if (maskThen & (1 << f)) sums[nowValues.length + f] += thenValues[f][p];
    }
    const at = from * groupSize + slot(now.groups[r], groupCategories);
    counts[at]++;
    if (revenue && now.revenue) {
      const value = now.revenue[r];
      if (value === value) revenue[at] += value;
    }
  }
  for (let p = 0; p < previousStatus.length; p++) {
    if (previousStatus[p] !== UNMATCHED) continue;
    gone[goneCount++] = p;
    const at = slot(then.groups[p], groupCategories) * groupSize + groupSize - 1;
    counts[at]++;
    if (revenue && then.revenue) {
      const value = then.revenue[p];
      if (value === value) revenue[at] += value;
    }
  }
  return {
    groups: { categories: groupCategories, size: groupSize, counts, revenue },
    patterns,
    nowFactors: now.factors.map((factor) => factor.factorId),
    thenFactors: then.factors.map((factor) => factor.factorId),
    rows: { pairsNow: pairsNow.slice(0, pairs), pairsThen: pairsThen.slice(0, pairs), added: added.slice(0, addedCount), gone: gone.slice(0, goneCount) },
  };
}

/** Σ of positive weights over a mask's factors. */
const maskWeight = (mask: number, weights: readonly number[]) => {
  let sum = 0;
  for (let f = 0; f < weights.length && f < MAX_MASK_FACTORS; f++) if (mask & (1 << f) && weights[f] > 0) sum += weights[f];
  return sum;
};

/**
 * The earlier file's side of a weight change, from its scoring pass alone: each earlier row's
 * band code (0–2, 255 unscored) and the sum of the matched rows' scores. The scoring thread
 * makes it beside the earlier pass (src/workers/scorer.ts), so the movement pass reads one byte
 * per matched customer from the earlier file instead of a score.
 */
export interface EarlierSide {
  bands: Uint8Array;
  /** Σ of the scores of the earlier rows matched and scored. */
  matchedSum: number;
}

/** The EarlierSide of an earlier file's scores: `status` is the match's previousStatus (MATCHED = 0). */
export function earlierSide(scores: Float64Array, status: Uint8Array, bands: BandThresholds, out: Uint8Array = new Uint8Array(scores.length)): EarlierSide {
  const bandOf = bandOfTenth(bands);
  let matchedSum = 0;
  for (let p = 0; p < scores.length; p++) {
    const score = scores[p];
    if (score !== score) {
      out[p] = 255;
      continue;
    }
    out[p] = bandOf[(score * 10 + 0.5) | 0];
    if (status[p] === 0) matchedSum += score; // MATCHED, as a literal (see movementPass)
  }
  return { bands: out, matchedSum };
}

/**
 * The band movement table and the mean's change for the current weights: one pass over the
 * current file's scores with the earlier file's band codes (EarlierSide), and the mean's split from the base's patterns (no factor value is read).
 *
 * The mean: over the customers matched and scored in both files, split into each factor's
 * contribution, Σ (points now − points then) / customers, a factor's points being wᵢ·xᵢ / Σ w
 * of the factors the row has (the score explanation's). Factors are matched by id; a factor one
 * file lacks counts 0 points there, and an earlier factor the current model no longer has goes
 * to the rest with the rules' points and the 0–100 clamp, so the contributions and the rest sum
 * to the change. `weights` are each file's analysis weights, aligned with the base's factors.
 */
export function movementPass(
  base: MovementBase,
  scores: { now: Float64Array; then: Float64Array },
  thenSide: EarlierSide,
  weights: { now: readonly number[]; then: readonly number[] },
  bands: BandThresholds,
  revenue: { now: Float64Array; then: Float64Array } | null,
): Movement {
  // Literals, not the module's constants, in the loops: V8 reads an imported or module-level constant from its context slot on every row.
  const size = 5; // 3 bands, then none (3), then new (row 4) and gone (column 4)
  const none = 3;
  // A score's band by its tenth, (score·10 + 0.5) | 0 as the scorer rounds (scores are 0–100).
  const bandOf = bandOfTenth(bands);
  const counts = new Float64Array(size * size);
  const money = revenue ? new Float64Array(size * size) : null;
  const nowScores = scores.now;
  const thenScores = scores.then;
  const thenBands = thenSide.bands;
  const revenueNow = revenue?.now ?? null;
  const revenueThen = revenue?.then ?? null;
  const { pairsNow, pairsThen, added, gone } = base.rows;
  let customers = 0;
  let nowSum = 0;
  // Earlier scores of matched customers not scored now: the mean is over those scored in both.
  let unscoredNow = 0;
  // Matched customers: earlier band (or none) → current band (or none).
  for (let k = 0; k < pairsNow.length; k++) {
    const r = pairsNow[k];
    const score = nowScores[r];
    const before = thenBands[pairsThen[k]];
    const isScored = score === score;
    const at = (before === 255 ? none : before) * size + (isScored ? bandOf[(score * 10 + 0.5) | 0] : none);
    counts[at]++;
    if (money !== null && revenueNow !== null) {
      const value = revenueNow[r];
      if (value === value) money[at] += value;
    }
    if (before === 255) continue;
    if (isScored) {
      customers++;
      nowSum += score;
    } else unscoredNow += thenScores[pairsThen[k]];
  }
  const thenSum = thenSide.matchedSum - unscoredNow;
  // New customers (row 4), and customers gone since (column 4).
  for (let k = 0; k < added.length; k++) {
    const r = added[k];
    const score = nowScores[r];
    const at = 4 * size + (score === score ? bandOf[(score * 10 + 0.5) | 0] : none);
    counts[at]++;
    if (money !== null && revenueNow !== null) {
      const value = revenueNow[r];
      if (value === value) money[at] += value;
    }
  }
  for (let k = 0; k < gone.length; k++) {
    const p = gone[k];
    const before = thenBands[p];
    const at = (before === 255 ? none : before) * size + 4;
    counts[at]++;
    if (money !== null && revenueThen !== null) {
      const value = revenueThen[p];
      if (value === value) money[at] += value;
    }
  }
  return {
    bands: { categories: 3, size, counts, revenue: money },
    groups: base.groups,
    mean: meanChange(base, weights, customers, nowSum, thenSum),
  };
}

/**
 * The mean's change and its split, from the pass's sums and the base's patterns: each pattern
 * scored in both files adds wᵢ·Σxᵢ / Σw now, less the same then. A function of its own: a
 * closure in movementPass would keep the pass's counters in a heap context, read and written
 * on every row (it doubled the pass's time).
 */
function meanChange(base: MovementBase, weights: { now: readonly number[]; then: readonly number[] }, customers: number, nowSum: number, thenSum: number): MeanChange {
  const rest = base.nowFactors.length;
  const thenSlots = base.thenFactors.map((id) => {
    const f = base.nowFactors.indexOf(id);
    return f >= 0 ? f : rest;
  });
  const contributions = new Float64Array(rest + 1);
  for (const pattern of base.patterns) {
    const weightNow = maskWeight(pattern.maskNow, weights.now);
    const weightThen = maskWeight(pattern.maskThen, weights.then);
    if (weightNow === 0 || weightThen === 0) continue;
    for (let f = 0; f < rest; f++) if (pattern.maskNow & (1 << f) && weights.now[f] > 0) contributions[f] += (weights.now[f] * pattern.sums[f]) / weightNow;
    for (let f = 0; f < base.thenFactors.length; f++) if (pattern.maskThen & (1 << f) && weights.then[f] > 0) contributions[thenSlots[f]] -= (weights.then[f] * pattern.sums[rest + f]) / weightThen;
  }
  const currentMean = customers > 0 ? nowSum / customers : NaN;
  const previousMean = customers > 0 ? thenSum / customers : NaN;
  const change = currentMean - previousMean;
  const byFactor = base.nowFactors.map((factorId, f) => ({ factorId, contribution: customers > 0 ? contributions[f] / customers : NaN }));
  const explained = byFactor.reduce((total, entry) => total + entry.contribution, 0);
  return { customers, previousMean, currentMean, change, byFactor, rest: customers > 0 ? change - explained : NaN };
}

/** The base and the pass in one: the movement of two snapshots under their factors' weights. */
export function movementOf(match: IdMatch, now: Snapshot, then: Snapshot, bands: BandThresholds, groupCategories: number): Movement {
  const base = movementBase(match, now, then, groupCategories);
  const weights = { now: now.factors.map((factor) => factor.weight), then: then.factors.map((factor) => factor.weight) };
  const revenue = now.revenue && then.revenue ? { now: now.revenue, then: then.revenue } : null;
  return movementPass(base, { now: now.scores, then: then.scores }, earlierSide(then.scores, match.previousStatus, bands), weights, bands, revenue);
}

/** The names of a movement table's rows (earlier) and columns (current): the categories, then none, then new or gone. */
function movementLabels(categories: readonly string[], none: string): { from: string[]; to: string[] } {
  return { from: [...categories, none, 'New'], to: [...categories, none, 'Gone'] };
}

/** The band movement table's row and column names. */
export const bandMovementLabels = () =>
  movementLabels(
    BANDS.map((band) => BAND_LABELS[band]),
    'Not scored',
  );

/** The group movement table's row and column names, for a 2×2 or 3×3 grid. */
export const groupMovementLabels = (size: GridSize) =>
  movementLabels(
    gridGroups(size).map((group) => GROUP_LABELS[group]),
    'No group',
  );
