// The customer table's data: which rows, in what order, and what each shows. The order
// is a Uint32Array permutation built in O(n) (radix sort), so the table can scroll a
// million customers by reading row k of the permutation.
import type { Analysis } from './analysis';
import { columnIndex, rowCells, type Dataset } from './dataset';
import { bandOf, BANDS, roundScore, type Band, type Model } from './model';
import { ascendingOrder } from './rank';
import { GROUPS, NO_GROUP, type Group } from './segment';
import { normalizeHeader } from './schema/mapping';

/** Sort by CRS, by a numeric column's name, or keep the file's order. */
export interface TableView {
  sortBy: 'crs' | 'file' | { column: string };
  descending: boolean;
  band: Band | null;
  group: Group | null;
}

export const DEFAULT_VIEW: TableView = { sortBy: 'crs', descending: true, band: null, group: null };

/**
 * Row indices in view order: sorted ascending or descending by the key (ties in file
 * order; customers without a value last), keeping only the band and group asked for.
 */
export function viewOrder(dataset: Dataset, analysis: Analysis, model: Model, view: TableView): Uint32Array {
  const n = dataset.rowCount;
  let sorted: Uint32Array;
  if (view.sortBy === 'file') sorted = Uint32Array.from({ length: n }, (_, i) => (view.descending ? n - 1 - i : i));
  else {
    const key = view.sortBy === 'crs' ? analysis.scores : (dataset.columns[columnIndex(dataset, view.sortBy.column)]?.values ?? null);
    sorted = key ? orderWithMissingLast(key, view.descending) : Uint32Array.from({ length: n }, (_, i) => i);
  }
  if (view.band === null && view.group === null) return sorted;
  const bandIndex = view.band === null ? -1 : BANDS.indexOf(view.band);
  const groupIndex = view.group === null ? -1 : GROUPS.indexOf(view.group);
  const kept = new Uint32Array(sorted.length);
  let count = 0;
  for (let k = 0; k < sorted.length; k++) {
    const i = sorted[k];
    if (groupIndex >= 0 && analysis.groups[i] !== groupIndex) continue;
    if (bandIndex >= 0) {
      const score = analysis.scores[i];
      if (score !== score || BANDS.indexOf(bandOf(roundScore(score), model.bands)) !== bandIndex) continue;
    }
    kept[count++] = i;
  }
  return kept.slice(0, count);
}

function orderWithMissingLast(values: Float64Array, descending: boolean): Uint32Array {
  const present = ascendingOrder(values);
  const out = new Uint32Array(values.length);
  let k = 0;
  if (descending) {
    // Descending keeps ties in file order: walk runs of equal values backwards, each run forwards.
    let end = present.length;
    while (end > 0) {
      let start = end - 1;
      while (start > 0 && values[present[start - 1]] === values[present[end - 1]]) start--;
      for (let j = start; j < end; j++) out[k++] = present[j];
      end = start;
    }
  } else for (let j = 0; j < present.length; j++) out[k++] = present[j];
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) out[k++] = i;
  return out;
}

export interface FactorDetail {
  factorId: string;
  column: string;
  /** The cell as read, the 0..100 value, the weight, and the CRS points it adds. */
  raw: string;
  value: number;
  weight: number;
  points: number;
}

export interface CustomerRow {
  /** 0-based data row in the file. */
  row: number;
  id: string;
  name: string;
  crs: number;
  band: Band | null;
  group: Group | null;
  factors: FactorDetail[];
}

/** The columns that name a customer: an id-like column, and a name-like one if any. */
export function identityColumns(dataset: Pick<Dataset, 'columns'>): { id: number; name: number } {
  const headers = dataset.columns.map((column) => normalizeHeader(column.name));
  const id = headers.findIndex((h) => /\bid\b|\bcustomer (id|no|number)\b|\bkundnr\b|\baccount\b/.test(h));
  const name = headers.findIndex((h, i) => i !== id && /\bname\b|\bcompany\b|\bcustomer\b|\bkund\b|\bclient\b/.test(h));
  return { id: id >= 0 ? id : 0, name };
}

/**
 * What the table and the explanation show for one customer. points_f = w_f·x_f / Σ w of
 * the factors present, so the points add up to the CRS.
 */
export function customerRow(dataset: Dataset, analysis: Analysis, model: Model, row: number): CustomerRow {
  const cells = rowCells(dataset, row);
  const { id, name } = identityColumns(dataset);
  const score = analysis.scores[row];
  const group = analysis.groups[row];
  let weightSum = 0;
  analysis.factors.forEach((factor, f) => {
    if (factor.values[row] === factor.values[row] && analysis.weights[f] > 0) weightSum += analysis.weights[f];
  });
  const factors = analysis.factors.map((factor, f): FactorDetail => {
    const value = factor.values[row];
    const weight = Math.max(0, analysis.weights[f]);
    const c = columnIndex(dataset, factor.column);
    return { factorId: factor.factorId, column: factor.column, raw: cells[c] ?? '', value, weight, points: value === value && weightSum > 0 ? (weight * value) / weightSum : NaN };
  });
  return {
    row,
    id: cells[id] ?? '',
    name: name >= 0 ? (cells[name] ?? '') : '',
    crs: score,
    band: score === score ? bandOf(roundScore(score), model.bands) : null,
    group: group === NO_GROUP ? null : GROUPS[group],
    factors,
  };
}

/**
 * How far each factor alone would have to rise for the customer to reach the next band:
 * Δx_f = (threshold − CRS) · Σw / w_f, or null when even 100 would not get there.
 */
export function pointsToNextBand(customer: CustomerRow, model: Model): { band: Band; needed: number; byFactor: { factorId: string; to: number | null }[] } | null {
  if (customer.band === null || customer.band === 'good') return null;
  const next: Band = customer.band === 'poor' ? 'average' : 'good';
  const threshold = next === 'average' ? model.bands.averageFrom : model.bands.goodFrom;
  const needed = threshold - roundScore(customer.crs);
  const weightSum = customer.factors.reduce((sum, f) => sum + (f.value === f.value ? f.weight : 0), 0);
  return {
    band: next,
    needed,
    byFactor: customer.factors.map((f) => {
      if (!(f.weight > 0) || f.value !== f.value) return { factorId: f.factorId, to: null };
      const to = f.value + (needed * weightSum) / f.weight;
      return { factorId: f.factorId, to: to <= 100 ? to : null };
    }),
  };
}
