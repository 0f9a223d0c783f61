// @vitest-environment node
// Parity: the generated DuckDB SQL, run in a real DuckDB over the same CSV, gives the app's
// own crs (to 1e-9), crs_band and relationship_group, row by row.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/core/dataset/dataset';
import { modelToSql } from '../../../src/core/export/sql';
import { defaultModel, type Model } from '../../../src/core/model/model';
import { autoMap } from '../../../src/core/schema/mapping';
import { load, projectFile, utf8 } from '../fixtures';
import { appScores, expectParity, warehouseType } from './sqlParity';
import {
  datedCsv,
  datedModel,
  flagAxisCsv,
  flagAxisModel,
  gridModel,
  hugeMagnitudeCsv,
  largeMagnitudeCsv,
  largeMagnitudeModel,
  randomLargeMagnitudeCase,
  randomLargeMagnitudeCsv,
  randomCase,
  randomFileAndModel,
  richModel,
  scoredSample,
  tinyLogCsv,
  tinyLogModel,
  trickyCsv,
  trickyModel,
} from './sqlModels';
import { appRfm, expectRfmParity, randomRfmCase, randomRfmFileAndModel, sampleDatedRfmModel, sampleRfmModel, scoreCell, withRfm } from './sqlRfm';
import { appMovement, EARLIER_CSV, movementParity, movementParityCases, NOW_CSV, snapshotModel, type MovementParity } from './sqlMovement';

let connection: DuckDBConnection;
let dir: string;
let tables = 0;

beforeAll(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  dir = mkdtempSync(join(tmpdir(), 'crs-sql-'));
});

afterAll(() => {
  connection?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** Loads the CSV bytes into a new DuckDB table typed as the generated SQL's header asks; returns its name. */
async function loadTable(bytes: Uint8Array, dataset: Dataset, types: Record<string, string> = {}): Promise<string> {
  const table = `customers_${++tables}`;
  const path = join(dir, `${table}.csv`);
  writeFileSync(path, bytes);
  const columns = dataset.columns.map((column) => `${literal(column.name)}: ${literal(types[column.name] ?? warehouseType(column.kind, 'duckdb'))}`).join(', ');
  await connection.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv(${literal(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}})`);
  return table;
}

/** `suffix`: the SQL's columns are read as crs_2… (a table with crs… columns of its own). */
async function runParity(
  bytes: Uint8Array,
  model: Model,
  keyColumn: string,
  mapModel?: (dataset: Dataset) => Model,
  options: { allowUnscored?: boolean; types?: Record<string, string>; suffix?: string } = {},
): Promise<string> {
  const dataset = load(bytes);
  const scoredModel = mapModel ? mapModel(dataset) : model;
  const { byKey, context } = appScores(dataset, scoredModel, keyColumn);
  const table = await loadTable(bytes, dataset, options.types);
  const sql = modelToSql(scoredModel, context, 'duckdb', table);
  const reader = await connection.runAndReadAll(sql);
  const suffix = options.suffix ?? '';
  const rows = reader.getRowObjectsJS().map((row) => ({
    key: String(row[keyColumn]).trim(),
    crs: row[`crs${suffix}`] === null ? null : Number(row[`crs${suffix}`]),
    band: row[`crs_band${suffix}`] === null ? null : String(row[`crs_band${suffix}`]),
    group: row[`relationship_group${suffix}`] === null ? null : String(row[`relationship_group${suffix}`]),
  }));
  expectParity(byKey, rows, options.allowUnscored);
  return sql;
}

const sample = projectFile('public/sample-customers.csv');

describe('modelToSql in DuckDB', () => {
  it('scores the sample under the auto-mapped default model as the app does', async () => {
    const sql = await runParity(sample, defaultModel(), 'customer_id', (dataset) => autoMap(defaultModel(), dataset.columns));
    expect(sql).toContain('PERCENT_RANK()');
  });

  it('scores the sample under a model with every normalisation, shape, rules, custom splits and bands', async () => {
    await runParity(sample, richModel({ split: 'custom' }), 'customer_id');
  });

  it('takes median splits, a fixed as-of date and a heavier rule load as the app does', async () => {
    await runParity(sample, richModel({ split: 'median' }), 'customer_id');
  });

  it('scores recency from timestamps with a time of day (UTC) and a rule on a date as the app does', async () => {
    await runParity(new TextEncoder().encode(datedCsv), datedModel(), 'id');
  });

  it('reads a yes/no column loaded as BOOLEAN and a date column loaded as DATE as the app reads the text', async () => {
    const model = richModel({ split: 'median' });
    await runParity(sample, model, 'customer_id', undefined, { types: { churned: 'BOOLEAN', signup_date: 'DATE' } });
  });

  it('survives quotes in column names and category values, ties, a constant column and an empty one', async () => {
    const sql = await runParity(new TextEncoder().encode(trickyCsv), trickyModel(), 'id');
    expect(sql).toContain(`"we""ird"`);
    expect(sql).toContain(`'O''Brien'`);
  });

  it('splits a yes/no axis at its median 0.5, so only the yes rows are high, as the app does', async () => {
    const sql = await runParity(new TextEncoder().encode(flagAxisCsv), flagAxisModel(), 'id');
    const reader = await connection.runAndReadAll(`SELECT id, relationship_group AS g FROM (${sql}) AS q ORDER BY id`);
    expect(reader.getRowObjectsJS().map((row) => `${String(row.id)} ${String(row.g)}`)).toEqual(['a butterflies', 'b strangers', 'c butterflies', 'd barnacles', 'e true friends', 'f barnacles']);
  });

  it('z-scores amounts near 1e12 and 4e13 that differ only in their last digits as the app does (to 1e-9)', async () => {
    await runParity(new TextEncoder().encode(largeMagnitudeCsv()), largeMagnitudeModel(), 'id');
  });

  it('z-scores amounts near 1e300 as the app does, without overflowing', async () => {
    await runParity(new TextEncoder().encode(hugeMagnitudeCsv), largeMagnitudeModel(), 'id');
  });

  it('z-scores random amounts at magnitudes 1e6 to 1e16, steps 1e-4 to 1e3, as the app does (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(randomLargeMagnitudeCase, async (c) => {
        await runParity(new TextEncoder().encode(randomLargeMagnitudeCsv(c)), largeMagnitudeModel(), 'id');
      }),
      { seed: 20261205, numRuns: 100 },
    );
  }, 60_000);

  it('log-scales tiny amounts (1e-15 to 1e-9) as the app’s log1p does', async () => {
    await runParity(new TextEncoder().encode(tinyLogCsv), tinyLogModel(), 'id');
  });

  it('runs with a line break and a comment marker in a column name, leaving the table as it was', async () => {
    await connection.run('CREATE TABLE keep_me AS SELECT 1 AS x');
    const csv = 'id,"spend\nDROP TABLE keep_me; --"\na,10\nb,20\nc,\n';
    const dataset = load(csv);
    const model = defaultModel();
    model.factors[0] = { ...model.factors[0], column: dataset.columns[1].name, normalization: 'percentile' };
    await runParity(new TextEncoder().encode(csv), model, 'id');
    const reader = await connection.runAndReadAll('SELECT COUNT(*) AS n FROM keep_me');
    expect(reader.getRowObjectsJS()).toEqual([{ n: 1n }]);
  });

  // Distinct groups the app gives each grid on the sample, so a parity pass is not all NULL.
  it.each([
    ['tertiles', 9],
    ['cuts', 6],
    ['factors', 9],
    ['factorCuts', 4],
    ['seedCltv', 9],
    ['seedCltvAov', 4],
    ['tenureYears', 9],
  ] as const)('groups the sample on the %s grid as the app does', async (variant, groupCount) => {
    const model = gridModel(variant);
    const app = appScores(load(sample), model, 'customer_id').byKey;
    expect(new Set([...app.values()].map((row) => row.group).filter((group) => group !== null)).size).toBe(groupCount);
    await runParity(sample, model, 'customer_id');
  });

  it('cuts a 3×3 grid at the tertiles a pencil finds: sorted positions ⌊(n−1)/3⌋ and ⌊2(n−1)/3⌋', async () => {
    // spend 1…7 (n = 7): positions 2 and 4, cuts 3 and 5; visits 10, 30…80: cuts 40 and 60.
    const csv = 'id,spend,visits\na,1,10\nb,2,\nc,3,30\nd,4,40\ne,5,50\nf,6,60\ng,7,70\nh,,80\n';
    const model = defaultModel();
    model.factors[0] = { ...model.factors[0], column: 'spend', normalization: 'min-max' };
    model.gridSize = 3;
    model.axes = { profitability: { column: 'spend', split: null, upper: null, source: { kind: 'column' } }, loyalty: { column: 'visits', split: null, upper: null, source: { kind: 'column' } } };
    const sql = await runParity(new TextEncoder().encode(csv), model, 'id');
    const reader = await connection.runAndReadAll(`SELECT id, relationship_group AS g FROM (${sql}) AS q ORDER BY id`);
    expect(reader.getRowObjectsJS()).toEqual([
      { id: 'a', g: 'strangers' },
      { id: 'b', g: null },
      { id: 'c', g: 'occasional buyers' },
      { id: 'd', g: 'core customers' },
      { id: 'e', g: 'rising friends' },
      { id: 'f', g: 'true friends' },
      { id: 'g', g: 'true friends' },
      { id: 'h', g: null },
    ]);
  });

  it('leaves everyone ungrouped when a factor axis has no usable column, as the app does', async () => {
    const model = gridModel('factors');
    model.factors = model.factors.map((f) => (f.id === 'npsZero' ? { ...f, column: null } : f));
    const sql = await runParity(sample, model, 'customer_id');
    expect(sql).toContain('relationship_group is NULL: loyalty cannot be read (npsZero has no usable column mapped)');
    expect(sql).toMatch(/CAST\(NULL AS VARCHAR\) AS relationship_group/);
  });

  it('leaves everyone unscored and ungrouped when no factor or axis is mapped', async () => {
    const model = defaultModel();
    const dataset = load(sample);
    const { context } = appScores(dataset, model, 'customer_id');
    const table = await loadTable(sample, dataset);
    const reader = await connection.runAndReadAll(`SELECT COUNT(*) AS n, COUNT(crs) AS scored, COUNT(relationship_group) AS grouped FROM (${modelToSql(model, context, 'duckdb', table)}) AS q`);
    expect(reader.getRowObjectsJS()).toEqual([{ n: 5000n, scored: 0n, grouped: 0n }]);
  });

  it('matches the app on random small files and models (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(randomCase, async (c) => {
        const { csv, model } = randomFileAndModel(c);
        await runParity(new TextEncoder().encode(csv), model, 'id', undefined, { allowUnscored: true });
      }),
      { seed: 20261125, numRuns: 60 },
    );
  }, 60_000);

  // A scored export scored again: before, the query repeated crs, crs_band and relationship_group, and DuckDB read the old scores.
  it('scores a table that has crs, crs_band and relationship_group columns into crs_2, crs_band_2 and relationship_group_2, as the scored CSV names them', async () => {
    const sql = await runParity(scoredSample(), richModel({ split: 'custom' }), 'customer_id', undefined, { suffix: '_2' });
    expect(sql).toContain('AS crs_2,');
    const table = `customers_${tables}`;
    // The table's own columns come through untouched, the old scores among them.
    const reader = await connection.runAndReadAll(
      `SELECT COUNT(*) AS n FROM (${sql}) AS q JOIN ${table} AS t ON q.customer_id = t.customer_id WHERE q.crs = t.crs AND q.crs_band = t.crs_band AND q.relationship_group = t.relationship_group AND q.crs_2 <> q.crs`,
    );
    expect(Number(reader.getRowObjectsJS()[0].n)).toBeGreaterThan(4000);
  });
});

/** As runParity, with RFM set up: crs, band and group as before, and rfm_r, rfm_f, rfm_m and rfm_segment exactly. */
async function runRfmParity(bytes: Uint8Array, model: Model, keyColumn: string, options: { allowUnscored?: boolean; types?: Record<string, string>; suffix?: string } = {}): Promise<string> {
  const dataset = load(bytes);
  const scores = appScores(dataset, model, keyColumn).byKey;
  const { byKey, context } = appRfm(dataset, model, keyColumn);
  const table = await loadTable(bytes, dataset, options.types);
  const sql = modelToSql(model, context, 'duckdb', table);
  const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
  const key = (row: (typeof rows)[number]): string => String(row[keyColumn]).trim();
  const cell = (row: (typeof rows)[number], name: string) => row[`${name}${options.suffix ?? ''}`];
  const text = (value: unknown): string | null => (value === null ? null : String(value));
  expectParity(
    scores,
    rows.map((row) => ({ key: key(row), crs: scoreCell(cell(row, 'crs')), band: text(cell(row, 'crs_band')), group: text(cell(row, 'relationship_group')) })),
    true,
  );
  expectRfmParity(
    byKey,
    rows.map((row) => ({ key: key(row), r: scoreCell(cell(row, 'rfm_r')), f: scoreCell(cell(row, 'rfm_f')), m: scoreCell(cell(row, 'rfm_m')), segment: text(cell(row, 'rfm_segment')) })),
    options.allowUnscored,
  );
  return sql;
}

describe('modelToSql with RFM in DuckDB', () => {
  it('scores R, F, M and the segment on the sample by its quintile cuts as the app does', async () => {
    const sql = await runRfmParity(sample, { ...richModel({ split: 'custom' }), rfm: sampleRfmModel().rfm }, 'customer_id');
    expect(sql).toContain('AS rfm_segment');
  });

  it('counts recency from a date column to the latest date, with user cuts and an edited segment map', async () => {
    await runRfmParity(sample, sampleDatedRfmModel(), 'customer_id');
  });

  it('does the same with the date column loaded as DATE', async () => {
    await runRfmParity(sample, sampleDatedRfmModel(), 'customer_id', { types: { signup_date: 'DATE' } });
  });

  it('counts recency in fractional days from timestamps with a time of day', async () => {
    await runRfmParity(new TextEncoder().encode(datedCsv), withRfm(datedModel(), { recency: 'last_login', frequency: 'visits' }), 'id');
  });

  it('leaves a score NULL where its value is missing, and the segment NULL without R or F', async () => {
    const csv = 'id,days,orders,spend\na,,1,5\nb,4,,\nc,7,3,1\nd,2,2,3\n';
    const model = withRfm(defaultModel(), { recency: 'days', frequency: 'orders', monetary: 'spend' });
    const table = await runRfmParity(new TextEncoder().encode(csv), model, 'id').then(() => `customers_${tables}`);
    const { context } = appRfm(load(csv), model, 'id');
    const reader = await connection.runAndReadAll(`SELECT id, rfm_r, rfm_f, rfm_m, rfm_segment FROM (${modelToSql(model, context, 'duckdb', table)}) AS q ORDER BY id`);
    // Three known values each, cuts at sorted positions ⌊k·3/5⌋ = 0, 1, 1, 2: days 2 4 4 7,
    // orders 1 2 2 3, spend 1 3 3 5; a value equal to a cut counts it (R = 5 − count, F and M = 1 + count).
    expect(reader.getRowObjectsJS()).toEqual([
      { id: 'a', rfm_r: null, rfm_f: 2, rfm_m: 5, rfm_segment: null },
      { id: 'b', rfm_r: 2, rfm_f: null, rfm_m: null, rfm_segment: null },
      { id: 'c', rfm_r: 1, rfm_f: 5, rfm_m: 2, rfm_segment: 'cannot lose' },
      { id: 'd', rfm_r: 4, rfm_f: 4, rfm_m: 4, rfm_segment: 'loyal' },
    ]);
  });

  it('matches the app on random small files, RFM columns, cuts and maps (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(randomRfmCase, async (c) => {
        const { csv, model } = randomRfmFileAndModel(c);
        await runRfmParity(new TextEncoder().encode(csv), model, 'id', { allowUnscored: true });
      }),
      { seed: 20261125, numRuns: 60 },
    );
  }, 60_000);

  it('scores a table that has the RFM columns already into rfm_r_2 … rfm_segment_2', async () => {
    const sql = await runRfmParity(scoredSample(), sampleDatedRfmModel(), 'customer_id', { suffix: '_2' });
    expect(sql).toContain('AS rfm_segment_2');
    expect(sql).toContain('-- The table has columns named crs, crs_band, relationship_group, rfm_r, rfm_f, rfm_m, rfm_segment already');
  });
});

/**
 * Movement parity: both snapshots loaded as tables (ids as text), the SQL run with the
 * earlier table joined, and previous_crs, crs_change, previous_band and previous_group
 * compared per customer with the app's scored CSV (load, compare, export in the engine).
 */
async function runMovementParity(now: Uint8Array, earlier: Uint8Array, model: Model): Promise<MovementParity> {
  const app = await appMovement(now, earlier, model);
  const ids = { customer_id: 'VARCHAR' };
  const dataset = load(now);
  const table = await loadTable(now, dataset, ids);
  const previousTable = await loadTable(earlier, load(earlier), ids);
  return movementParity(app, dataset, (await connection.runAndReadAll(modelToSql(model, app.context, 'duckdb', table, previousTable))).getRowObjectsJS());
}

describe('modelToSql with an earlier table in DuckDB', () => {
  movementParityCases(runMovementParity, null);

  it('names the movement columns previous_crs_2… on a table that has a previous_crs column, as the scored CSV does', async () => {
    const now = utf8(NOW_CSV.replace('csat', 'previous_crs'));
    const { rows } = await runMovementParity(now, utf8(EARLIER_CSV), snapshotModel());
    expect(Object.keys(rows[0])).toEqual([...load(now).columns.map((column) => column.name), 'crs', 'crs_band', 'relationship_group', 'previous_crs_2', 'crs_change', 'previous_band', 'previous_group']);
    const c001 = rows.find((row) => row.customer_id === 'C001');
    expect([Number(c001?.previous_crs), Number(c001?.previous_crs_2)]).toEqual([4, 30.3125]);
  });
});
