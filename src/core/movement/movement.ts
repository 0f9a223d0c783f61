// Who moved between two snapshots: transition tables over categories (bands or relationship
// groups) with "new" and "gone", and the change in mean CRS split by factor. Pure functions over
// the per-row codes both files' analyses give (band codes 0..2, group codes, 255 = none).
import { MATCHED, UNMATCHED, type IdMatch } from './match';
import { BANDS, BAND_LABELS, bandTenths, type BandThresholds } from '../model/model';
import { bandCodeOf } from '../kpis/breakdown';
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

/** A file's weighted factors as flat arrays, for the pass's inner loop: values, weights and the contribution slot of each. */
interface FactorPoints {
  values: Float64Array[];
  weights: Float64Array;
  slots: Int32Array;
}

const factorPoints = (factors: readonly FactorColumn[], slots: readonly number[]): FactorPoints => ({
  values: factors.map((factor) => factor.values),
  weights: Float64Array.from(factors.map((factor) => factor.weight)),
  slots: Int32Array.from(slots),
});

/** Adds sign × each factor's points for one row, wᵢ·xᵢ / Σ w of the factors the row has, into its slot. */
function addPoints({ values, weights, slots }: FactorPoints, row: number, sign: number, sums: Float64Array): void {
  let weightSum = 0;
  for (let f = 0; f < values.length; f++) if (values[f][row] === values[f][row]) weightSum += weights[f];
  if (weightSum === 0) return;
  const scale = sign / weightSum;
  for (let f = 0; f < values.length; f++) {
    const value = values[f][row];
    if (value === value) sums[slots[f]] += scale * weights[f] * value;
  }
}

/**
 * Both movement tables and the mean's change in one pass over the current rows and one over
 * the earlier rows (what a weight change costs with a comparison on screen).
 *
 * Tables: see MovementTable (bands over BANDS, groups over `groupCategories`). The mean: over
 * the customers matched and scored in both files, split into each factor's contribution,
 * Σ (points now − points then) / customers, a factor's points being wᵢ·xᵢ / Σ w of the factors
 * the row has (the score explanation's). Factors are matched by id; a factor one file lacks
 * counts 0 points there, and an earlier factor the current model no longer has goes to the rest
 * with the rules' points and the 0–100 clamp, so the contributions and the rest sum to the change.
 */
export function movementPass(match: IdMatch, now: Snapshot, then: Snapshot, bands: BandThresholds, groupCategories: number): Movement {
  const { averageFrom, goodFrom } = bandTenths(bands);
  const bandSize = 3 + 2;
  const groupSize = groupCategories + 2;
  const bandCounts = new Float64Array(bandSize * bandSize);
  const groupCounts = new Float64Array(groupSize * groupSize);
  const hasRevenue = now.revenue !== null && then.revenue !== null;
  const bandRevenue = hasRevenue ? new Float64Array(bandSize * bandSize) : null;
  const groupRevenue = hasRevenue ? new Float64Array(groupSize * groupSize) : null;
  // The factors that count (weight > 0) with the slot of their contribution; the rest slot last.
  const nowFactors = now.factors.filter((factor) => factor.weight > 0);
  const rest = now.factors.length;
  const thenFactors = then.factors.filter((factor) => factor.weight > 0);
  const nowSlots = nowFactors.map((factor) => now.factors.indexOf(factor));
  const thenSlots = thenFactors.map((factor) => {
    const f = now.factors.findIndex((c) => c.factorId === factor.factorId);
    return f >= 0 ? f : rest;
  });
  const sums = new Float64Array(now.factors.length + 1);
  const nowPoints = factorPoints(nowFactors, nowSlots);
  const thenPoints = factorPoints(thenFactors, thenSlots);
  let customers = 0;
  let nowSum = 0;
  let thenSum = 0;
  const { previousOf, currentStatus, previousStatus } = match;
  const revenueNow = now.revenue;
  for (let r = 0; r < now.scores.length; r++) {
    const status = currentStatus[r];
    if (status !== MATCHED && status !== UNMATCHED) continue;
    const score = now.scores[r];
    const bandTo = slot(bandCodeOf(score, averageFrom, goodFrom), 3);
    const groupTo = slot(now.groups[r], groupCategories);
    let bandFrom = 3 + 1;
    let groupFrom = groupCategories + 1;
    if (status === MATCHED) {
      const p = previousOf[r];
      const before = then.scores[p];
      bandFrom = slot(bandCodeOf(before, averageFrom, goodFrom), 3);
      groupFrom = slot(then.groups[p], groupCategories);
      if (score === score && before === before) {
        customers++;
        nowSum += score;
        thenSum += before;
        addPoints(nowPoints, r, 1, sums);
        addPoints(thenPoints, p, -1, sums);
      }
    }
    const bandAt = bandFrom * bandSize + bandTo;
    const groupAt = groupFrom * groupSize + groupTo;
    bandCounts[bandAt]++;
    groupCounts[groupAt]++;
    if (bandRevenue && groupRevenue && revenueNow) {
      const value = revenueNow[r];
      if (value === value) {
        bandRevenue[bandAt] += value;
        groupRevenue[groupAt] += value;
      }
    }
  }
  const revenueThen = then.revenue;
  for (let p = 0; p < then.scores.length; p++) {
    if (previousStatus[p] !== UNMATCHED) continue;
    const bandAt = slot(bandCodeOf(then.scores[p], averageFrom, goodFrom), 3) * bandSize + bandSize - 1;
    const groupAt = slot(then.groups[p], groupCategories) * groupSize + groupSize - 1;
    bandCounts[bandAt]++;
    groupCounts[groupAt]++;
    if (bandRevenue && groupRevenue && revenueThen) {
      const value = revenueThen[p];
      if (value === value) {
        bandRevenue[bandAt] += value;
        groupRevenue[groupAt] += value;
      }
    }
  }
  const currentMean = customers > 0 ? nowSum / customers : NaN;
  const previousMean = customers > 0 ? thenSum / customers : NaN;
  const change = currentMean - previousMean;
  const byFactor = now.factors.map((factor, f) => ({ factorId: factor.factorId, contribution: customers > 0 ? sums[f] / customers : NaN }));
  const explained = byFactor.reduce((total, entry) => total + entry.contribution, 0);
  return {
    bands: { categories: 3, size: bandSize, counts: bandCounts, revenue: bandRevenue },
    groups: { categories: groupCategories, size: groupSize, counts: groupCounts, revenue: groupRevenue },
    mean: { customers, previousMean, currentMean, change, byFactor, rest: customers > 0 ? change - explained : NaN },
  };
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
