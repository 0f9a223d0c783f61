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

const TENTH_BUCKETS = 1001;

/**
 * Rows [start, start + count) of a view sorted by CRS, and how many rows the view has,
 * equal to viewOrder(…).slice(start, start + count) but without sorting everyone: rows
 * are counted into buckets of 0.1 CRS, and only the buckets the page touches are sorted.
 * Two passes over n, so a weight change does not cost a full sort.
 */
export function crsPage(analysis: Analysis, model: Model, view: TableView, start: number, count: number): { total: number; rows: Uint32Array } {
  const { scores, groups } = analysis;
  const n = scores.length;
  const missingBucket = TENTH_BUCKETS; // customers without a score, after everyone
  const bucketOf = new Int16Array(n);
  const counts = new Uint32Array(TENTH_BUCKETS + 1);
  const groupIndex = view.group === null ? -1 : GROUPS.indexOf(view.group);
  const bandIndex = view.band === null ? -1 : BANDS.indexOf(view.band);
  const averageFrom = Math.round(model.bands.averageFrom * 10);
  const goodFrom = Math.round(model.bands.goodFrom * 10);
  for (let i = 0; i < n; i++) {
    const score = scores[i];
    const tenth = score === score ? Math.round(score * 10) : missingBucket;
    let keep = groupIndex < 0 || groups[i] === groupIndex;
    if (keep && bandIndex >= 0) keep = tenth !== missingBucket && (tenth < averageFrom ? 0 : tenth < goodFrom ? 1 : 2) === bandIndex;
    bucketOf[i] = keep ? tenth : -1;
    if (keep) counts[tenth]++;
  }
  const walk: number[] = [];
  if (view.descending) for (let b = TENTH_BUCKETS - 1; b >= 0; b--) walk.push(b);
  else for (let b = 0; b < TENTH_BUCKETS; b++) walk.push(b);
  walk.push(missingBucket);
  let total = 0;
  for (const b of walk) total += counts[b];
  const end = Math.min(total, start + count);
  // The buckets the page overlaps, and how many rows come before the first of them.
  const wanted = new Uint8Array(TENTH_BUCKETS + 1);
  let before = -1;
  let seen = 0;
  for (const b of walk) {
    const next = seen + counts[b];
    if (next > start && seen < end) {
      if (before < 0) before = seen;
      wanted[b] = 1;
    }
    seen = next;
    if (seen >= end) break;
  }
  before = Math.max(0, before);
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const b = bucketOf[i];
    if (b >= 0 && wanted[b] === 1) {
      const list = members.get(b);
      if (list) list.push(i);
      else members.set(b, [i]);
    }
  }
  const ordered: number[] = [];
  for (const b of walk) {
    const rows = members.get(b);
    if (!rows) continue;
    if (b !== missingBucket) rows.sort((p, q) => (view.descending ? scores[q] - scores[p] : scores[p] - scores[q]) || p - q);
    for (const row of rows) ordered.push(row);
  }
  return { total, rows: Uint32Array.from(ordered.slice(Math.max(0, start - before), Math.max(0, end - before))) };
}
