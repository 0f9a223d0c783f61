// The customer table's data: which rows, in what order, and what each shows. The order
// is a Uint32Array permutation built in O(n) (radix sort), so the table can scroll a
// million customers by reading row k of the permutation.
import type { Analysis } from '../scoring/analysis';
import { columnIndex, rowCells, textDecoderOf, type Dataset } from '../dataset/dataset';
import { forEachRowBlock } from '../dataset/rowBlocks';
import { bandOf, BANDS, roundScore, type Band, type Model, type Shape } from '../model/model';
import { ascendingOrder } from '../stats/rank';
import { foldAscii, searchMask } from './search';
import { gridGroups, groupCode, NO_GROUP, type Group } from '../groups/segment';
import { decodeText, readRows } from '../csv/scan';
import { matchedRules } from '../scoring/rules';
import { sortedSteps } from '../scoring/shape';
import { normalizeHeader } from '../schema/mapping';

/**
 * What the table sorts by: CRS, the file's order, a column of the file (numbers by value,
 * text by its text), or a factor's 0–100 value.
 */
export type TableSort = 'crs' | 'file' | { column: string } | { factor: string };

export interface TableView {
  sortBy: TableSort;
  descending: boolean;
  band: Band | null;
  group: Group | null;
  /** Keep the rows with a cell containing this text (see searchMask); blank keeps all. */
  search: string;
  /** Keep the customers of this RFM segment (src/core/rfm/rfm.ts); the engine passes it to viewOrder and crsPage as a row mask. */
  rfmSegment?: string | null;
  /**
   * Keep the at-risk customers: revenue above the median (the at-risk tile's rule; with band
   * 'poor', exactly the customers it counts). The engine passes it as a row mask too.
   */
  atRisk?: boolean;
  /**
   * Keep the customers of one cell of a movement table (two snapshots compared): `from` the
   * earlier band or group (or none, or new) and `to` the current one. The engine passes it as a row mask.
   */
  movement?: { table: 'band' | 'group'; from: number; to: number } | null;
}

export const DEFAULT_VIEW: TableView = { sortBy: 'crs', descending: true, band: null, group: null, search: '' };

/** The column a view sorts by, if any: scanned before the view's order is built (a numeric sort reads its values). */
export function viewColumns(view: Pick<TableView, 'sortBy'>): string[] {
  return typeof view.sortBy === 'object' && 'column' in view.sortBy ? [view.sortBy.column] : [];
}

/** One string per sort, for select options and for comparing sorts: "crs", "column:name", "factor:id". */
export function sortKey(sortBy: TableSort): string {
  if (sortBy === 'crs' || sortBy === 'file') return sortBy;
  return 'factor' in sortBy ? `factor:${sortBy.factor}` : `column:${sortBy.column}`;
}

/** The sort a sortKey names; null for any other string. */
export function sortFromKey(key: string): TableSort | null {
  if (key === 'crs' || key === 'file') return key;
  if (key.startsWith('column:')) return { column: key.slice('column:'.length) };
  if (key.startsWith('factor:')) return { factor: key.slice('factor:'.length) };
  return null;
}

/**
 * A click on a column's header: the column already sorted by flips direction; another
 * starts descending for numbers (best first) and ascending for text (A first).
 */
export function clickedSort(view: Pick<TableView, 'sortBy' | 'descending'>, sortBy: TableSort, isText: boolean): Pick<TableView, 'sortBy' | 'descending'> {
  if (sortKey(view.sortBy) === sortKey(sortBy)) return { sortBy: view.sortBy, descending: !view.descending };
  return { sortBy, descending: !isText };
}

/**
 * What a table view reads beside the analysis: the search's matches and a text column's
 * ranks. The engine's derivation graph keeps them (a search narrows as the user types,
 * a text column is ranked once); `freshLookups` computes them each time.
 */
export interface TableLookups {
  /** Rows matching the search (1 = match), or null when the search is blank. */
  matches(dataset: Dataset, search: string): Uint8Array | null;
  textRanks(dataset: Dataset, column: number): Float64Array;
}

/**
 * Rows matching a search (1 = match), null when it is blank. Typing narrows: a query
 * containing the previous one can only match rows that one matched, so only those are read.
 */
export function searchMatches(dataset: Dataset, search: string, previous: { query: string; matches: Uint8Array | null } | null = null): Uint8Array | null {
  const query = search.trim();
  if (query === '') return null;
  const within = previous?.matches && foldAscii(query).includes(foldAscii(previous.query)) ? previous.matches : null;
  return searchMask(dataset, query, within);
}

/** Lookups computed on every call: for one-off orders (tests, a single export). */
export const freshLookups: TableLookups = { matches: (dataset, search) => searchMatches(dataset, search), textRanks: (dataset, column) => textRanks(dataset, column) };

/**
 * Row indices in view order: sorted ascending or descending by the key (ties in file
 * order; customers without a value, or with a blank text, last), keeping only the band,
 * group and search asked for. An unknown column or factor sorts in file order.
 */
export function viewOrder(dataset: Dataset, analysis: Analysis, model: Model, view: TableView, cache: TableLookups = freshLookups, keep: Uint8Array | null = null): Uint32Array {
  const n = dataset.rowCount;
  let sorted: Uint32Array;
  const key = view.sortBy === 'file' ? null : sortValues(dataset, analysis, view.sortBy, cache);
  if (key) sorted = orderWithMissingLast(key, view.descending);
  else sorted = Uint32Array.from({ length: n }, (_, i) => (view.sortBy === 'file' && view.descending ? n - 1 - i : i));
  const matches = cache.matches(dataset, view.search);
  if (view.band === null && view.group === null && matches === null && keep === null) return sorted;
  const bandIndex = view.band === null ? -1 : BANDS.indexOf(view.band);
  const groupIndex = view.group === null ? -1 : groupCode(analysis.gridSize, view.group);
  const kept = new Uint32Array(sorted.length);
  let count = 0;
  for (let k = 0; k < sorted.length; k++) {
    const i = sorted[k];
    if (matches !== null && matches[i] === 0) continue;
    if (keep !== null && keep[i] === 0) continue;
    if (groupIndex >= 0 && analysis.groups[i] !== groupIndex) continue;
    if (bandIndex >= 0) {
      const score = analysis.scores[i];
      if (score !== score || BANDS.indexOf(bandOf(roundScore(score), model.bands)) !== bandIndex) continue;
    }
    kept[count++] = i;
  }
  return kept.slice(0, count);
}

/** The numbers a sort orders by (NaN = last), or null when there are none: file order. */
function sortValues(dataset: Dataset, analysis: Analysis, sortBy: Exclude<TableSort, 'file'>, cache: TableLookups): Float64Array | null {
  if (sortBy === 'crs') return analysis.scores;
  if ('factor' in sortBy) return analysis.factors.find((factor) => factor.factorId === sortBy.factor)?.values ?? null;
  const c = columnIndex(dataset, sortBy.column);
  if (c < 0) return null;
  return dataset.columns[c].values ?? cache.textRanks(dataset, c);
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

const QUOTE = 0x22;

/**
 * Where the cell opening at `from` ends in a row ending at `end`: the next delimiter
 * outside quotes, read as the scanner reads it (a quote opens quoting only at the start
 * of a cell; "" inside is one quote; text after the closing quote runs to a delimiter; a
 * quote that does not close within the row is a character of the cell, as the load read
 * that row after a stray quote).
 */
function cellEnd(bytes: Uint8Array, from: number, end: number, delimiter: number): number {
  let i = from;
  if (i < end && bytes[i] === QUOTE) {
    for (i++; i < end; i++) {
      if (bytes[i] !== QUOTE) continue;
      if (i + 1 < end && bytes[i + 1] === QUOTE) i++;
      else break;
    }
    if (i >= end) i = from + 1;
  }
  while (i < end && bytes[i] !== delimiter) i++;
  return i;
}

/**
 * Every row's cell in one column, decoded and trimmed ('' where the row is short). Reads the
 * rows in blocks and walks each only up to that cell, so a customer id in the first column
 * is read quickly.
 */
export function columnTexts(dataset: Dataset, column: number): string[] {
  const { rowStarts, rowEnds } = dataset;
  const decoder = textDecoderOf(dataset);
  const delimiter = dataset.dialect.delimiter.charCodeAt(0);
  const texts = new Array<string>(dataset.rowCount);
  forEachRowBlock(dataset, (bytes, base, first, last) => {
    for (let r = first; r < last; r++) {
      const end = rowEnds[r] - base;
      let i = rowStarts[r] - base;
      for (let c = 0; c < column && i <= end; c++) i = cellEnd(bytes, i, end, delimiter) + 1;
      if (i > end) {
        texts[r] = '';
        continue;
      }
      const cellTo = cellEnd(bytes, i, end, delimiter);
      // A quoted cell goes through the scanner, which unquotes it exactly as the load does.
      const text = bytes[i] === QUOTE ? (readRows(bytes, i, cellTo, delimiter, decoder, 1)[0]?.[0] ?? '') : decodeText(bytes, i, cellTo, decoder);
      texts[r] = text.trim();
    }
  });
  return texts;
}

/**
 * Each row's rank among a text column's distinct trimmed cells in code-unit order (what
 * JavaScript's `<` compares: "B" before "a"), NaN for a blank cell, so a text column sorts
 * through the same radix sort as numbers, blanks last. O(n log n) string comparisons, or
 * O(n + d log d) when there are few distinct texts (names, regions).
 */
export function textRanks(dataset: Dataset, column: number): Float64Array {
  const texts = columnTexts(dataset, column);
  const ranks = new Float64Array(texts.length);
  const rankOf = fewDistinct(texts, Math.max(1024, texts.length >> 3));
  if (rankOf) {
    Array.from(rankOf.keys())
      .sort() // the default sort compares UTF-16 code units
      .forEach((text, rank) => rankOf.set(text, rank));
    for (let i = 0; i < texts.length; i++) ranks[i] = texts[i] === '' ? NaN : (rankOf.get(texts[i]) ?? NaN);
    return ranks;
  }
  const order = Array.from({ length: texts.length }, (_, i) => i);
  order.sort((p, q) => (texts[p] < texts[q] ? -1 : texts[p] > texts[q] ? 1 : 0));
  let rank = -1;
  let previous: string | null = null;
  for (const i of order) {
    const text = texts[i];
    if (text !== previous) {
      rank++;
      previous = text;
    }
    ranks[i] = text === '' ? NaN : rank;
  }
  return ranks;
}

/** The distinct texts as map keys, or null as soon as there are more than `limit`. */
function fewDistinct(texts: readonly string[], limit: number): Map<string, number> | null {
  const distinct = new Map<string, number>();
  for (const text of texts) {
    if (distinct.has(text)) continue;
    if (distinct.size === limit) return null;
    distinct.set(text, 0);
  }
  return distinct;
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
  /** The rules the customer meets and their points; none when unscored (rules alone do not score). */
  rules: { label: string; points: number }[];
  /** Values derived beside the score (seed-formula CLTV, P(alive)…), for the explanation; absent in table pages. */
  derived?: { label: string; value: number }[];
}

/** The columns that name a customer: an id-like column, and a name-like one if any. */
export function identityColumns(dataset: { columns: readonly { name: string }[] }): { id: number; name: number } {
  const headers = dataset.columns.map((column) => normalizeHeader(column.name));
  const id = headers.findIndex((h) => /\bid\b|\bcustomer (id|no|number)\b|\bkundnr\b|\baccount\b/.test(h));
  const name = headers.findIndex((h, i) => i !== id && /\bname\b|\bcompany\b|\bcustomer\b|\bkund\b|\bclient\b/.test(h));
  return { id: id >= 0 ? id : 0, name };
}

/**
 * What the table and the explanation show for one customer. points_f = w_f·x_f / Σ w of
 * the factors present; with the matched rules' points they add up to the CRS before it
 * is clamped to 0..100.
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
    group: group === NO_GROUP ? null : gridGroups(analysis.gridSize)[group],
    factors,
    rules: score === score ? matchedRules(dataset, model.rules, row) : [],
  };
}

/** Σ factor points + Σ rule points: the CRS before it is clamped to 0..100 (NaN when unscored). */
export function unclampedScore(customer: CustomerRow): number {
  if (customer.crs !== customer.crs) return NaN;
  return customer.factors.reduce((sum, f) => sum + (f.points === f.points ? f.points : 0), 0) + customer.rules.reduce((sum, rule) => sum + rule.points, 0);
}

/** The unclamped total when clamping changed the CRS as shown (one decimal), else null. */
export function clampedFrom(customer: CustomerRow): number | null {
  const total = unclampedScore(customer);
  return total === total && roundScore(total) !== roundScore(customer.crs) ? total : null;
}

/**
 * How far each factor alone would have to rise for the customer to reach the next band:
 * Δx_f = gap · Σw / w_f, or null when even 100 would not get there. The gap is
 * threshold − CRS, plus what rules took below 0 (a CRS clamped to 0 from −30 needs 30
 * more points before it moves); rule points themselves do not change with the factors.
 */
export function pointsToNextBand(customer: CustomerRow, model: Model): { band: Band; needed: number; byFactor: { factorId: string; to: number | null }[] } | null {
  if (customer.band === null || customer.band === 'good') return null;
  const next: Band = customer.band === 'poor' ? 'average' : 'good';
  const threshold = next === 'average' ? model.bands.averageFrom : model.bands.goodFrom;
  const needed = threshold - roundScore(customer.crs);
  const unclamped = unclampedScore(customer);
  const gap = unclamped < 0 ? threshold - unclamped : needed;
  const weightSum = customer.factors.reduce((sum, f) => sum + (f.value === f.value ? f.weight : 0), 0);
  return {
    band: next,
    needed,
    byFactor: customer.factors.map((f) => {
      if (!(f.weight > 0) || f.value !== f.value) return { factorId: f.factorId, to: null };
      const shape = model.factors.find((factor) => factor.id === f.factorId)?.shape;
      return { factorId: f.factorId, to: reachableValue(f.value + (gap * weightSum) / f.weight, shape) };
    }),
  };
}

/**
 * The least value the factor can take that is at least `to`, or null: up to 100 for a
 * continuous shape (recency decay too: a recent enough date gives any points up to 100),
 * 100 for a threshold, the next step's points for a points table.
 */
function reachableValue(to: number, shape: Shape | undefined): number | null {
  if (!(to <= 100)) return null;
  if (shape?.kind === 'threshold') return 100;
  if (shape?.kind === 'points' && sortedSteps(shape.steps).length > 0) {
    const above = sortedSteps(shape.steps).filter((step) => step.points >= to);
    return above.length > 0 ? Math.min(...above.map((step) => step.points)) : null;
  }
  if (shape?.kind === 'categories') {
    const above = Object.values(shape.points).filter((points) => points >= to);
    return above.length > 0 ? Math.min(...above) : null;
  }
  return to;
}

const TENTH_BUCKETS = 1001;

/**
 * Rows [start, start + count) of a view sorted by CRS, and how many rows the view has,
 * equal to viewOrder(…).slice(start, start + count) but without sorting everyone: rows
 * are counted into buckets of 0.1 CRS, and only the buckets the page touches are sorted.
 * Two passes over n, so a weight change does not cost a full sort. `matches` is the
 * view's search (searchMatches: 1 = keep), null when it is blank.
 */
export function crsPage(analysis: Analysis, model: Model, view: TableView, start: number, count: number, matches: Uint8Array | null): { total: number; rows: Uint32Array } {
  const { scores, groups } = analysis;
  const n = scores.length;
  const missingBucket = TENTH_BUCKETS; // customers without a score, after everyone
  const bucketOf = new Int16Array(n);
  const counts = new Uint32Array(TENTH_BUCKETS + 1);
  const groupIndex = view.group === null ? -1 : groupCode(analysis.gridSize, view.group);
  const bandIndex = view.band === null ? -1 : BANDS.indexOf(view.band);
  const averageFrom = Math.round(model.bands.averageFrom * 10);
  const goodFrom = Math.round(model.bands.goodFrom * 10);
  for (let i = 0; i < n; i++) {
    const score = scores[i];
    const tenth = score === score ? Math.round(score * 10) : missingBucket;
    let keep = (groupIndex < 0 || groups[i] === groupIndex) && (matches === null || matches[i] === 1);
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
