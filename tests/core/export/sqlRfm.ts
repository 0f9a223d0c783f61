// RFM in the SQL parity tests (not a test file): the app's R, F, M scores and segment per
// row, the SQL context carrying them, models that set RFM up, and the row-by-row check.
import fc from 'fast-check';
import { expect } from 'vitest';
import { analyze } from '../../../src/core/scoring/analysis';
import { rowCells, type Dataset } from '../../../src/core/dataset/dataset';
import { sqlContext, type SqlContext } from '../../../src/core/export/sql';
import { defaultModel, type Model } from '../../../src/core/model/model';
import { scoreRfm } from '../../../src/core/rfm/rfm';
import { defaultRfm, RFM_SEGMENT_EXPORT_NAMES, RFM_SEGMENTS, type RfmSpec } from '../../../src/core/rfm/rfmSpec';
import { randomCase, randomFileAndModel } from './sqlModels';

export interface RfmRow {
  r: number | null;
  f: number | null;
  m: number | null;
  segment: string | null;
}

/** The app's rfm_r, rfm_f, rfm_m and rfm_segment per row, keyed by the value of `keyColumn`, and the SQL context with RFM. */
export function appRfm(dataset: Dataset, model: Model, keyColumn: string): { byKey: Map<string, RfmRow>; context: SqlContext } {
  const rfm = scoreRfm(dataset, model.rfm);
  if (!rfm) throw new Error('the test model should set RFM up');
  const key = dataset.columns.findIndex((column) => column.name === keyColumn);
  const score = (scores: Uint8Array | null, r: number): number | null => (scores && scores[r] !== 0 ? scores[r] : null);
  const byKey = new Map<string, RfmRow>();
  for (let r = 0; r < dataset.rowCount; r++) {
    const segment = rfm.segments[r];
    byKey.set(rowCells(dataset, r)[key].trim(), { r: score(rfm.r, r), f: score(rfm.f, r), m: score(rfm.m, r), segment: segment === 255 ? null : RFM_SEGMENT_EXPORT_NAMES[RFM_SEGMENTS[segment]] });
  }
  return { byKey, context: sqlContext(dataset, analyze(dataset, model), model, rfm) };
}

/** Asserts the SQL's RFM columns equal the app's exactly, row by row; unless allowed, some row must have a segment. */
export function expectRfmParity(app: Map<string, RfmRow>, sqlRows: readonly ({ key: string } & RfmRow)[], allowUnscored = false): void {
  expect(sqlRows.length).toBe(app.size);
  const mismatches: string[] = [];
  let segmented = 0;
  for (const { key, ...row } of sqlRows) {
    const expected = app.get(key);
    if (!expected) mismatches.push(`${key}: not in the app's rows`);
    else if (JSON.stringify(row) !== JSON.stringify(expected)) mismatches.push(`${key}: app ${JSON.stringify(expected)}, sql ${JSON.stringify(row)}`);
    if (expected?.segment) segmented++;
  }
  expect(mismatches.slice(0, 10)).toEqual([]);
  if (!allowUnscored) expect(segmented).toBeGreaterThan(0);
}

/** A SQL cell as a score: NULL (null or '') stays null. */
export function scoreCell(value: unknown): number | null {
  return value === null || value === '' ? null : Number(value);
}

export function withRfm(model: Model, spec: Partial<RfmSpec>): Model {
  return { ...model, rfm: { ...defaultRfm(), ...spec } };
}

/** The sample's RFM by quintiles: days since last purchase, orders, revenue. */
export function sampleRfmModel(): Model {
  return withRfm(defaultModel(), { recency: 'days_since_last_purchase', frequency: 'orders_12m', monetary: 'total_revenue' });
}

/**
 * The sample's RFM with recency from a date column (days since the file's latest signup),
 * user cuts on frequency given out of order, monetary by average order value, and a map
 * that renames some cells (champions at R5 only with F5; R1 F1 and R2 F2 swapped).
 */
export function sampleDatedRfmModel(): Model {
  const segmentMap = defaultRfm().segmentMap;
  segmentMap[23] = 'loyal';
  segmentMap[0] = 'hibernating';
  segmentMap[6] = 'lost';
  return withRfm(defaultModel(), { recency: 'signup_date', frequency: 'orders_12m', monetary: 'avg_order_value', cuts: { r: null, f: [20, 5, 10, 15], m: null }, segmentMap });
}

// Random RFM on the random parity files: any numeric or flag column per dimension, optional
// monetary, user cuts (unsorted, sometimes not four) or quintiles, and a random segment map.
const cutsArb = fc.option(fc.array(fc.constantFrom(-2, 0, 1, 2.5, 3, 10, 100.25, 5000), { minLength: 1, maxLength: 5 }), { nil: null });
export const randomRfmCase = fc.record({
  file: randomCase,
  recency: fc.constantFrom('c0', 'c1', 'c2'),
  frequency: fc.constantFrom('c0', 'c1', 'c2', 'f'),
  monetary: fc.option(fc.constantFrom('c0', 'c1', 'c2'), { nil: null }),
  cuts: fc.record({ r: cutsArb, f: cutsArb, m: cutsArb }),
  segmentMap: fc.option(fc.array(fc.constantFrom(...RFM_SEGMENTS), { minLength: 25, maxLength: 25 }), { nil: null }),
});

export function randomRfmFileAndModel(c: typeof randomRfmCase extends fc.Arbitrary<infer T> ? T : never): { csv: string; model: Model } {
  const { csv, model } = randomFileAndModel(c.file);
  return { csv, model: withRfm(model, { recency: c.recency, frequency: c.frequency, monetary: c.monetary, cuts: c.cuts, segmentMap: c.segmentMap ?? defaultRfm().segmentMap }) };
}
