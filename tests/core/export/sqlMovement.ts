// The movement columns in the SQL parity tests (not a test file): two snapshots of a
// customer file, the app's previous_crs, crs_change, previous_band and previous_group as its
// scored CSV writes them (the engine: load, compare, export), the SQL context the engine
// builds for them, and the customer-by-customer check.
import Papa from 'papaparse';
import { expect, it } from 'vitest';
import { formatScore, formatScoreChange } from '../../../src/core/export/csv';
import { modelToSql, previousReading, sqlContext, SQL_DIALECTS, type SqlContext } from '../../../src/core/export/sql';
import { outputColumnNames, type OutputColumn } from '../../../src/core/export/outputColumns';
import { defaultModel, type Model } from '../../../src/core/model/model';
import { scoreRfm } from '../../../src/core/rfm/rfm';
import { analyze } from '../../../src/core/scoring/analysis';
import { createEngine } from '../../../src/workers/engine';
import type { EngineResponse } from '../../../src/workers/protocol';
import { fullDemand } from '../../workers/loadedEngine';
import { load, projectFile, utf8 } from '../fixtures';
import { appScores } from './sqlParity';
import { gridModel, richModel } from './sqlModels';
import type { Dataset } from '../../../src/core/dataset/dataset';

/**
 * Now: C003 twice (not paired), a blank id, "  C004 " (paired trimmed), 0042 (paired with
 * 0042, not 42), C006 (repeated in the earlier file: not paired), C009 new; csat is new too.
 */
export const NOW_CSV = [
  'customer_id,engagement_score,total_revenue,tenure_months,csat',
  'C001,80,100,24,4',
  'C002,50,200,3,5',
  '0042,10,300,30,2',
  'C009,90,400,1,3',
  'C003,35,150,12,4',
  'C003,40,160,13,1',
  ',60,500,6,5',
  '"  C004 ",70,120,8,3',
  'C005,,90,15,',
  'C006,20,250,18,4',
].join('\n');

/** Earlier: 42 and C007 gone, C006 twice, a blank id; its own min, max, ranks and medians; no csat column. */
export const EARLIER_CSV = [
  'customer_id,engagement_score,total_revenue,tenure_months',
  '42,70,1,1',
  'C001,20,100,20',
  '0042,90,300,28',
  'C002,60,200,2',
  'C007,50,50,5',
  'C003,30,140,11',
  'C004,55,110,7',
  'C005,45,80,14',
  'C006,65,90,9',
  'C006,66,91,9',
  ',10,10,10',
].join('\n');

/**
 * Engagement by min-max (50), revenue by percentile rank (30), csat 'auto' (20: missing in
 * the earlier file), grouped at each file's medians of revenue and tenure: every figure but
 * csat's known scale is taken over the file scored.
 */
export function snapshotModel(): Model {
  const model = defaultModel();
  const mapping: Record<string, [string, Model['factors'][number]['normalization'], number]> = {
    engagement: ['engagement_score', 'min-max', 50],
    purchase: ['total_revenue', 'percentile', 30],
    satisfaction: ['csat', 'auto', 20],
  };
  model.factors = model.factors.map((factor) => {
    const mapped = mapping[factor.id];
    return mapped ? { ...factor, column: mapped[0], normalization: mapped[1], weight: mapped[2] } : { ...factor, column: null };
  });
  model.axes = {
    profitability: { column: 'total_revenue', split: null, upper: null, source: { kind: 'column' } },
    loyalty: { column: 'tenure_months', split: null, upper: null, source: { kind: 'column' } },
  };
  return model;
}

/**
 * The sample a quarter earlier: every 17th customer not yet there (new now), engagement,
 * revenue and tenure lower (revenue higher for every 5th), some csat missing, 20 customers
 * since gone, one id on two rows, one blank id, rows in reverse order.
 */
export function earlierSample(): Uint8Array {
  const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(projectFile('public/sample-customers.csv')), { header: true, skipEmptyLines: true });
  const rows: Record<string, string>[] = [];
  parsed.data.forEach((row, i) => {
    if (i % 17 === 0) return;
    const change = (name: string, f: (x: number) => string): string => (row[name] === '' ? '' : f(Number(row[name])));
    rows.push({
      ...row,
      engagement_score: change('engagement_score', (x) => String(Math.min(100, Math.round(x * 0.7 + (i % 7) * 4)))),
      total_revenue: change('total_revenue', (x) => (x * (i % 5 === 0 ? 1.5 : 0.8)).toFixed(2)),
      tenure_months: change('tenure_months', (x) => String(Math.max(0, x - 3))),
      csat: i % 11 === 0 ? '' : row.csat,
    });
    if (i % 250 === 3) rows.push({ ...row, customer_id: `G${row.customer_id.slice(1)}` });
  });
  rows.push({ ...rows[5] }, { ...rows[9], customer_id: '' });
  return utf8(Papa.unparse(rows.reverse(), { columns: parsed.meta.fields, newline: '\n' }));
}

/** One customer's scored-CSV cells: crs, previous_crs, crs_change, previous_band, previous_group. */
type Cells = [string, string, string, string, string];

export interface AppMovement {
  /** Per trimmed id ('' = blank), the cells of each row with it, sorted (an id may repeat). */
  byId: Map<string, string[]>;
  /** The earlier file's unrounded score per id, for the customers the SQL pairs. */
  previousById: Map<string, number | null>;
  /** The context the engine builds for the SQL, with the earlier file's reading. */
  context: SqlContext;
}

const cellsKey = (cells: Cells): string => JSON.stringify(cells);

function groupById(rows: readonly { id: string; cells: Cells }[]): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const { id, cells } of rows) byId.set(id, [...(byId.get(id) ?? []), cellsKey(cells)]);
  for (const list of byId.values()) list.sort();
  return byId;
}

/**
 * The app's movement columns as its scored CSV has them: the engine loads `now`, compares
 * `earlier` and exports under `model`. The context is built as the engine builds it
 * (sqlContext of the current file, previousReading of the earlier one), and checked to
 * give the very SQL the engine sends for a 'sql' request naming an earlier table.
 */
export async function appMovement(now: Uint8Array, earlier: Uint8Array, model: Model, idColumn = 'customer_id'): Promise<AppMovement> {
  const messages: EngineResponse[] = [];
  const handle = createEngine((message) => messages.push(message));
  await handle({ type: 'load', file: new Blob([now.slice()]), name: 'now.csv', model: defaultModel(), demand: fullDemand() });
  await handle({ type: 'compare', requestId: 1, file: new Blob([earlier.slice()]), name: 'earlier.csv', model });
  await handle({ type: 'export', requestId: 2, model, view: null });
  const exported = messages.at(-1);
  if (exported?.type !== 'exported') throw new Error(`expected exported, got ${exported?.type}`);
  const text = (await exported.blob.text()).replace(/^\uFEFF/, '');
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  const current = load(now);
  const previous = load(earlier);
  const names = outputColumnNames(current.columns.map((column) => column.name));
  const cellsOf = (row: Record<string, string>): Cells => [row[names.crs], row[names.previous_crs], row[names.crs_change], row[names.previous_band], row[names.previous_group]];
  const byId = groupById(rows.map((row) => ({ id: row[idColumn].trim(), cells: cellsOf(row) })));

  const context: SqlContext = {
    ...sqlContext(current, analyze(current, model), model, scoreRfm(current, model.rfm)),
    previous: previousReading(previous, analyze(previous, model), model, { idColumn, previousIdColumn: idColumn }),
  };
  for (const [requestId, dialect] of SQL_DIALECTS.entries()) {
    await handle({ type: 'sql', requestId: 10 + requestId, model, dialect, previousTable: 'earlier' });
    const answer = messages.at(-1);
    expect(answer?.type === 'sql' && answer.text).toBe(modelToSql(model, context, dialect, 'customers', 'earlier'));
  }
  const previousById = new Map([...appScores(previous, model, idColumn).byKey].map(([id, row]) => [id, row.crs]));
  return { byId, previousById, context };
}

/** A SQL result row's id, score, band and movement columns, read under the names the query gives them (previous_crs_2… on a table with a previous_crs). */
export function sqlMovementRow(row: Record<string, unknown>, names: Record<OutputColumn, string>, idColumn = 'customer_id'): SqlMovementRow {
  const text = (value: unknown): string | null => (value === null || value === '' ? null : String(value));
  const number = (value: unknown): number | null => (value === null || value === '' ? null : Number(value));
  return {
    id: text(row[idColumn]),
    crs: number(row[names.crs]),
    band: text(row[names.crs_band]),
    previousCrs: number(row[names.previous_crs]),
    change: number(row[names.crs_change]),
    previousBand: text(row[names.previous_band]),
    previousGroup: text(row[names.previous_group]),
  };
}

export interface SqlMovementRow {
  id: string | null;
  crs: number | null;
  band: string | null;
  previousCrs: number | null;
  change: number | null;
  previousBand: string | null;
  previousGroup: string | null;
}

/**
 * Asserts the SQL's rows carry the app's movement columns: per id, the same multiset of
 * (crs, previous_crs, crs_change, previous_band, previous_group) as the scored CSV writes
 * them (rounded to 0.1), and each paired previous_crs within 1e-9 of the earlier file's
 * unrounded score. Returns how many rows were paired and how many changed band, so a test
 * can tell the check was not vacuous.
 */
export function expectMovementParity(app: AppMovement, sqlRows: readonly SqlMovementRow[]): { paired: number; bandChanged: number } {
  const text = (value: string | null): string => value ?? '';
  const score = (value: number | null): string => formatScore(value ?? NaN, false);
  const byId = groupById(
    sqlRows.map((row) => ({
      id: row.id?.trim() ?? '',
      cells: [score(row.crs), score(row.previousCrs), formatScoreChange(row.change ?? NaN, false), text(row.previousBand), text(row.previousGroup)],
    })),
  );
  const mismatches: string[] = [];
  for (const id of new Set([...app.byId.keys(), ...byId.keys()])) {
    const expected = JSON.stringify(app.byId.get(id) ?? []);
    const actual = JSON.stringify(byId.get(id) ?? []);
    if (expected !== actual) mismatches.push(`${JSON.stringify(id)}: app ${expected}, sql ${actual}`);
  }
  let paired = 0;
  for (const row of sqlRows) {
    if (row.previousCrs === null) continue;
    paired++;
    const expected = app.previousById.get(row.id?.trim() ?? '');
    if (expected === undefined || expected === null || Math.abs(expected - row.previousCrs) > 1e-9) mismatches.push(`${row.id}: earlier score ${expected}, sql previous_crs ${row.previousCrs}`);
  }
  expect(mismatches.slice(0, 10)).toEqual([]);
  const bandChanged = sqlRows.filter((row) => row.previousBand !== null && row.band !== null && row.band !== row.previousBand).length;
  return { paired, bandChanged };
}

/** A warehouse's result beside the app's: its rows (for a test's own checks) and how many were paired and changed band. */
export interface MovementParity {
  rows: Record<string, unknown>[];
  counts: { paired: number; bandChanged: number };
}

/** The warehouse's rows for the current file `now` checked against the app's, customer by customer (expectMovementParity). */
export function movementParity(app: AppMovement, now: Dataset, rows: Record<string, unknown>[]): MovementParity {
  const names = outputColumnNames(now.columns.map((column) => column.name));
  return {
    rows,
    counts: expectMovementParity(
      app,
      rows.map((row) => sqlMovementRow(row, names)),
    ),
  };
}

/**
 * The movement cases every warehouse runs. `run` loads both snapshots as tables and runs the
 * SQL with the earlier one joined (checking movementParity); `missing` is how its rows give an
 * empty cell (DuckDB: null; psql's CSV: '').
 */
export function movementParityCases(run: (now: Uint8Array, earlier: Uint8Array, model: Model) => Promise<MovementParity>, missing: null | ''): void {
  it('pairs customers by id text as the app does: 0042 is not 42, a trimmed id pairs, blank and repeated ids do not', async () => {
    const { rows } = await run(utf8(NOW_CSV), utf8(EARLIER_CSV), snapshotModel());
    // One row per current row: the join never repeats a customer.
    expect(rows).toHaveLength(10);
    const paired = rows.filter((row) => row.previous_crs !== missing).map((row) => String(row.customer_id).trim());
    expect(paired.sort()).toEqual(['0042', 'C001', 'C002', 'C004', 'C005']);
    // C001 then, by the earlier file's own figures: engagement 20 on its min 10 … max 90 is 12.5;
    // revenue 100 has 6 of the 10 others below it, percentile 60; no csat: (50·12.5 + 30·60) / 80.
    const c001 = rows.find((row) => row.customer_id === 'C001');
    expect(Number(c001?.previous_crs)).toBeCloseTo(30.3125, 12);
  });

  it('gives the app’s movement columns on the sample against an earlier snapshot, under every normalisation and median splits', async () => {
    const { counts } = await run(projectFile('public/sample-customers.csv'), earlierSample(), richModel({ split: 'median' }));
    expect(counts.paired).toBeGreaterThan(4000);
    expect(counts.bandChanged).toBeGreaterThan(20);
  });

  it('gives the app’s movement columns on a 3×3 grid cut at each snapshot’s own tertiles', async () => {
    const { counts } = await run(projectFile('public/sample-customers.csv'), earlierSample(), gridModel('tertiles'));
    expect(counts.paired).toBeGreaterThan(4000);
  });
}
