// KPIs per segment (relationship group or band). Rows are put in segment order once by a
// counting sort; each input column is gathered in that order once; every KPI function
// then runs on each segment's contiguous slice. O(n) per column, no per-row closures.
import type { Analysis } from '../scoring/analysis';
import type { Dataset } from '../dataset/dataset';
import { BANDS, bandTenths, type BandThresholds, type Model } from '../model/model';
import { computeKpi, KPI_DEFINITIONS, resolveKpi, sourceColumn, sourceValues, type Kpi, type KpiContext, type KpiSource } from './kpis';

export type BreakdownBy = 'group' | 'band';

/** Each KPI's value per segment (group codes of the grid, or BANDS order), NaN where it cannot be computed. */
export interface KpiBreakdown {
  by: BreakdownBy;
  /** Customers per segment. */
  counts: number[];
  values: Record<string, number[]>;
}

/** Band code 0..2 of each score tenth 0…1000 (the score rounded as shown and counted): one lookup per customer. */
export function bandOfTenth(bands: BandThresholds): Uint8Array {
  const { averageFrom, goodFrom } = bandTenths(bands);
  const table = new Uint8Array(1001);
  for (let tenth = 0; tenth <= 1000; tenth++) table[tenth] = tenth < averageFrom ? 0 : tenth < goodFrom ? 1 : 2;
  return table;
}

/** Code 0..2 per row for its band (by the score as shown), 255 when unscored. */
export function bandCodes(scores: Float64Array, bands: BandThresholds, out = new Uint8Array(scores.length)): Uint8Array {
  const band = bandOfTenth(bands);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    // Scores are 0–100: (s · 10 + 0.5) | 0 is the tenth the scorer counts (scoreMatrix).
    out[i] = s === s ? band[(s * 10 + 0.5) | 0] : 255;
  }
  return out;
}

/** Rows grouped by code (stable), leaving out codes ≥ segments; segment s is order[offsets[s] … offsets[s + 1]). */
export function segmentOrder(codes: Uint8Array, segments: number): { order: Uint32Array; offsets: Uint32Array } {
  const offsets = new Uint32Array(segments + 1);
  for (let i = 0; i < codes.length; i++) if (codes[i] < segments) offsets[codes[i] + 1]++;
  for (let s = 0; s < segments; s++) offsets[s + 1] += offsets[s];
  const next = offsets.slice(0, segments);
  const order = new Uint32Array(offsets[segments]);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code < segments) order[next[code]++] = i;
  }
  return { order, offsets };
}

/** values[order[k]] for each k. */
export function gather(values: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k]];
  return out;
}

/** Every KPI over the given rows only (a filter in force), computed as the tiles compute it over everyone. */
export function kpisOnRows(dataset: Dataset, analysis: Analysis, model: Model, rows: Uint32Array, context: KpiContext): Kpi[] {
  const values = gatheredSources(dataset, analysis, model, rows);
  return KPI_DEFINITIONS.map((definition) => computeKpi(definition, values, context, (source) => sourceColumn(source, analysis, model)));
}

/** Each KPI source's values in the order of `rows` (gathered), read and gathered at most once per source. */
function gatheredSources(dataset: Dataset, analysis: Analysis, model: Model, rows: Uint32Array): (source: KpiSource) => Float64Array | null {
  const gathered = new Map<KpiSource, Float64Array | null>();
  return (source) => {
    if (!gathered.has(source)) {
      const column = sourceValues(source, dataset, analysis, model);
      gathered.set(source, column ? gather(column, rows) : null);
    }
    return gathered.get(source) ?? null;
  };
}

/** The rows a mask keeps (1 = keep), in file order. */
export function maskedRows(mask: Uint8Array): Uint32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  const rows = new Uint32Array(count);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i] === 1) rows[k++] = i;
  return rows;
}

/** Σ of the known values per segment code (codes ≥ segments left out). */
export function segmentSums(values: Float64Array, codes: Uint8Array, segments: number): Float64Array {
  const sums = new Float64Array(segments);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const code = codes[i];
    if (v === v && code < segments) sums[code] += v;
  }
  return sums;
}

/** Every KPI per relationship group or per band, each computed on that segment's customers only (of those `keep` keeps, if given). */
export function kpiBreakdown(dataset: Dataset, analysis: Analysis, model: Model, by: BreakdownBy, context: KpiContext, keep: Uint8Array | null = null): KpiBreakdown {
  const segments = by === 'group' ? analysis.gridSize ** 2 : BANDS.length;
  let codes = by === 'group' ? analysis.groups : bandCodes(analysis.scores, model.bands);
  if (keep) {
    // Rows a filter leaves out get a code past every segment (a loop: TypedArray.map's callback is slow at 1M).
    const kept = new Uint8Array(codes.length);
    for (let i = 0; i < kept.length; i++) kept[i] = keep[i] === 1 ? codes[i] : 255;
    codes = kept;
  }
  const { order, offsets } = segmentOrder(codes, segments);
  const values = gatheredSources(dataset, analysis, model, order);
  const counts = Array.from({ length: segments }, (_, s) => offsets[s + 1] - offsets[s]);
  const result: Record<string, number[]> = {};
  for (const definition of KPI_DEFINITIONS) {
    const resolved = resolveKpi(definition, values);
    result[definition.id] = counts.map((_, s) => {
      if (!resolved) return NaN;
      const slice = resolved.inputs.map((input) => input.subarray(offsets[s], offsets[s + 1]));
      return resolved.variant.compute(slice, context);
    });
  }
  return { by, counts, values: result };
}
