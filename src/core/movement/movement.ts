// Who moved between two snapshots: transition tables over categories (bands or relationship
// groups) with "new" and "gone", and the change in mean CRS split by factor. Pure functions over
// the per-row codes both files' analyses give (band codes 0..2, group codes, 255 = none).
import { MATCHED, UNMATCHED, type IdMatch } from './match';
import { BANDS, BAND_LABELS } from '../model/model';
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

/** The transition table of two files' codes through a match; `revenue` per row of each file, or null. */
export function movementTable(match: IdMatch, current: Uint8Array, previous: Uint8Array, categories: number, revenue: { current: Float64Array; previous: Float64Array } | null): MovementTable {
  const size = categories + 2;
  const counts = new Float64Array(size * size);
  const money = revenue ? new Float64Array(size * size) : null;
  const { previousOf, currentStatus, previousStatus } = match;
  const newRow = categories + 1;
  const goneColumn = categories + 1;
  for (let r = 0; r < current.length; r++) {
    const status = currentStatus[r];
    if (status !== MATCHED && status !== UNMATCHED) continue;
    const from = status === MATCHED ? slot(previous[previousOf[r]], categories) : newRow;
    const at = from * size + slot(current[r], categories);
    counts[at]++;
    if (money && revenue) {
      const value = revenue.current[r];
      if (value === value) money[at] += value;
    }
  }
  for (let p = 0; p < previous.length; p++) {
    if (previousStatus[p] !== UNMATCHED) continue;
    const at = slot(previous[p], categories) * size + goneColumn;
    counts[at]++;
    if (money && revenue) {
      const value = revenue.previous[p];
      if (value === value) money[at] += value;
    }
  }
  return { categories, size, counts, revenue: money };
}

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

/** Adds sign × each factor's points for one row, wᵢ·xᵢ / Σ w of the factors the row has, into its slot (a factor the row lacks adds 0). */
function addPoints(factors: readonly FactorColumn[], slots: readonly number[], row: number, sign: number, into: Float64Array): void {
  let weightSum = 0;
  for (const factor of factors) if (factor.weight > 0 && factor.values[row] === factor.values[row]) weightSum += factor.weight;
  if (weightSum === 0) return;
  factors.forEach((factor, f) => {
    const value = factor.values[row];
    if (factor.weight > 0 && value === value) into[slots[f]] += (sign * factor.weight * value) / weightSum;
  });
}

/**
 * The change in mean CRS over the customers matched and scored in both files, split into each
 * factor's contribution, Σ over customers of (points now − points then) / customers, where a
 * factor's points are wᵢ·xᵢ / Σ w (the score explanation's). Factors are the current model's, by
 * id, in `current`'s order; a factor one analysis lacks (its column missing from that file) counts 0 points there.
 */
export function meanChange(match: IdMatch, current: { scores: Float64Array; factors: readonly FactorColumn[] }, previous: { scores: Float64Array; factors: readonly FactorColumn[] }): MeanChange {
  const currentSlots = current.factors.map((_, f) => f);
  // An earlier factor the current model no longer scores still counted in the earlier score: its points go to the rest.
  const rest = current.factors.length;
  const earlierSlots = previous.factors.map((factor) => {
    const f = current.factors.findIndex((c) => c.factorId === factor.factorId);
    return f >= 0 ? f : rest;
  });
  const sums = new Float64Array(current.factors.length + 1);
  let customers = 0;
  let nowSum = 0;
  let thenSum = 0;
  const { previousOf } = match;
  for (let r = 0; r < current.scores.length; r++) {
    const p = previousOf[r];
    if (p < 0) continue;
    const now = current.scores[r];
    const then = previous.scores[p];
    if (now !== now || then !== then) continue;
    customers++;
    nowSum += now;
    thenSum += then;
    addPoints(current.factors, currentSlots, r, 1, sums);
    addPoints(previous.factors, earlierSlots, p, -1, sums);
  }
  const currentMean = customers > 0 ? nowSum / customers : NaN;
  const previousMean = customers > 0 ? thenSum / customers : NaN;
  const change = currentMean - previousMean;
  const byFactor = current.factors.map((factor, f) => ({ factorId: factor.factorId, contribution: customers > 0 ? sums[f] / customers : NaN }));
  const explained = byFactor.reduce((total, entry) => total + entry.contribution, 0);
  return { customers, previousMean, currentMean, change, byFactor, rest: customers > 0 ? change - explained : NaN };
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
