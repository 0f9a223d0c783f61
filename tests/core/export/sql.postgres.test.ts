// @vitest-environment node
// Parity in PostgreSQL: a throwaway cluster in a temp folder (Unix socket only, no TCP),
// the CSV loaded with \copy, the generated SQL run through psql. .ci/run installs Debian's
// postgresql, so CI always runs this; it is skipped only where the binaries are absent.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/core/dataset/dataset';
import { modelToSql } from '../../../src/core/export/sql';
import { defaultModel, type Model } from '../../../src/core/model/model';
import { autoMap } from '../../../src/core/schema/mapping';
import { load, projectFile } from '../fixtures';
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
import { appMovement, movementParity, movementParityCases, type MovementParity } from './sqlMovement';

/** The newest Debian PostgreSQL's bin folder (initdb, pg_ctl), or null. */
function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'psql')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0], 'bin') : null;
}

const bin = postgresBin();
// PostgreSQL refuses to run as root: then the server runs as the postgres user the Debian package creates.
const asRoot = userInfo().uid === 0;
const port = String(54000 + (process.pid % 1000));
let dir = '';
let tables = 0;

function server(command: string, args: string[]): void {
  const tool = join(bin ?? '', command);
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', tool, ...args], { stdio: 'pipe' });
  else execFileSync(tool, args, { stdio: 'pipe' });
}

function psql(sql: string, csv = false): string {
  return execFileSync(join(bin ?? '', 'psql'), ['-X', '-q', '-h', dir, '-p', port, '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', ...(csv ? ['--csv'] : []), '-f', '-'], {
    input: sql,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function loadTable(bytes: Uint8Array, dataset: Dataset): string {
  const table = `customers_${++tables}`;
  const path = join(dir, `${table}.csv`);
  writeFileSync(path, bytes);
  const columns = dataset.columns.map((column) => `${ident(column.name)} ${warehouseType(column.kind, 'postgres')}`).join(', ');
  psql(`CREATE TABLE ${table} (${columns});\n\\copy ${table} FROM '${path}' WITH (FORMAT csv, HEADER true)\n`);
  return table;
}

/** `suffix`: the SQL's columns are read as crs_2… (a table with crs… columns of its own). */
function runParity(bytes: Uint8Array, model: Model, keyColumn: string, mapModel?: (dataset: Dataset) => Model, options: { allowUnscored?: boolean; suffix?: string } = {}): string {
  const dataset = load(bytes);
  const scoredModel = mapModel ? mapModel(dataset) : model;
  const { byKey, context } = appScores(dataset, scoredModel, keyColumn);
  const table = loadTable(bytes, dataset);
  const sql = modelToSql(scoredModel, context, 'postgres', table);
  const suffix = options.suffix ?? '';
  const output = psql(`SELECT q.${ident(keyColumn)} AS key, q.crs${suffix} AS crs, q.crs_band${suffix} AS crs_band, q.relationship_group${suffix} AS relationship_group FROM (\n${sql}) AS q;\n`, true);
  const parsed = Papa.parse<Record<string, string>>(output.trim(), { header: true });
  const rows = parsed.data.map((row) => ({
    key: String(row.key).trim(),
    crs: row.crs === '' ? null : Number(row.crs),
    band: row.crs_band === '' ? null : row.crs_band,
    group: row.relationship_group === '' ? null : row.relationship_group,
  }));
  expectParity(byKey, rows, options.allowUnscored);
  return sql;
}

/** As runParity, with RFM set up: crs, band and group as before, and rfm_r, rfm_f, rfm_m and rfm_segment exactly. */
function runRfmParity(bytes: Uint8Array, model: Model, keyColumn: string, options: { allowUnscored?: boolean; suffix?: string } = {}): void {
  const dataset = load(bytes);
  const scores = appScores(dataset, model, keyColumn).byKey;
  const { byKey, context } = appRfm(dataset, model, keyColumn);
  const table = loadTable(bytes, dataset);
  const sql = modelToSql(model, context, 'postgres', table);
  const columns = ['crs', 'crs_band', 'relationship_group', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment'].map((name) => `q.${name}${options.suffix ?? ''} AS ${name}`);
  const output = psql(`SELECT q.${ident(keyColumn)} AS key, ${columns.join(', ')} FROM (\n${sql}) AS q;\n`, true);
  const rows = Papa.parse<Record<string, string>>(output.trim(), { header: true }).data;
  const text = (cell: string): string | null => (cell === '' ? null : cell);
  expectParity(
    scores,
    rows.map((row) => ({ key: String(row.key).trim(), crs: row.crs === '' ? null : Number(row.crs), band: text(row.crs_band), group: text(row.relationship_group) })),
    true,
  );
  expectRfmParity(
    byKey,
    rows.map((row) => ({ key: String(row.key).trim(), r: scoreCell(row.rfm_r), f: scoreCell(row.rfm_f), m: scoreCell(row.rfm_m), segment: text(row.rfm_segment) })),
    options.allowUnscored,
  );
}

/**
 * Movement parity: both snapshots loaded as tables, the SQL run with the earlier table
 * joined, and previous_crs, crs_change, previous_band and previous_group compared per
 * customer with the app's scored CSV (load, compare, export in the engine).
 */
async function runMovementParity(now: Uint8Array, earlier: Uint8Array, model: Model): Promise<MovementParity> {
  const app = await appMovement(now, earlier, model);
  const dataset = load(now);
  const table = loadTable(now, dataset);
  const previousTable = loadTable(earlier, load(earlier));
  const output = psql(`${modelToSql(model, app.context, 'postgres', table, previousTable).trimEnd()};\n`, true);
  return movementParity(app, dataset, Papa.parse<Record<string, string>>(output.trim(), { header: true }).data);
}

const sample = projectFile('public/sample-customers.csv');

describe.skipIf(bin === null)('modelToSql in PostgreSQL', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crs-pg-'));
    if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()));
    server('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    server('pg_ctl', ['-D', join(dir, 'data'), '-w', '-l', join(dir, 'server.log'), '-o', `-k ${dir} -p ${port} -c listen_addresses='' -c fsync=off`, 'start']);
  }, 120_000);

  afterAll(() => {
    if (!dir) return;
    try {
      server('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scores the sample under the auto-mapped default model as the app does', () => {
    runParity(sample, defaultModel(), 'customer_id', (dataset) => autoMap(defaultModel(), dataset.columns));
  });

  it('scores the sample under a model with every normalisation, shape, rules, custom splits and bands', () => {
    runParity(sample, richModel({ split: 'custom' }), 'customer_id');
  });

  it('takes median splits, a fixed as-of date and a heavier rule load as the app does', () => {
    runParity(sample, richModel({ split: 'median' }), 'customer_id');
  });

  it('scores recency from timestamps with a time of day (UTC) and a rule on a date as the app does', () => {
    runParity(new TextEncoder().encode(datedCsv), datedModel(), 'id');
  });

  it('survives quotes in column names and category values, ties, a constant column and an empty one', () => {
    const sql = runParity(new TextEncoder().encode(trickyCsv), trickyModel(), 'id');
    expect(sql).toContain(`"we""ird"`);
  });

  // Before, the median of the 1/0 values was (0 + 1) / 2 in integer arithmetic, 0: every row was at or above it, members or not.
  it('splits a yes/no axis at its median 0.5, so only the yes rows are high, as the app does', () => {
    const sql = runParity(new TextEncoder().encode(flagAxisCsv), flagAxisModel(), 'id');
    const groups = psql(`SELECT q.id, q.relationship_group FROM (\n${sql}) AS q ORDER BY q.id;\n`, true);
    expect(groups.trim().split('\n').slice(1)).toEqual(['a,butterflies', 'b,strangers', 'c,butterflies', 'd,barnacles', 'e,true friends', 'f,barnacles']);
  });

  it('z-scores amounts near 1e12 and 4e13 that differ only in their last digits as the app does (to 1e-9)', () => {
    runParity(new TextEncoder().encode(largeMagnitudeCsv()), largeMagnitudeModel(), 'id');
  });

  // Before, the squares of the sums overflowed: "value out of range: overflow".
  it('z-scores amounts near 1e300 as the app does, without overflowing', () => {
    runParity(new TextEncoder().encode(hugeMagnitudeCsv), largeMagnitudeModel(), 'id');
  });

  it('z-scores random amounts at magnitudes 1e6 to 1e16, steps 1e-4 to 1e3, as the app does (seeded)', () => {
    fc.assert(
      fc.property(randomLargeMagnitudeCase, (c) => {
        runParity(new TextEncoder().encode(randomLargeMagnitudeCsv(c)), largeMagnitudeModel(), 'id');
      }),
      { seed: 20261205, numRuns: 25 },
    );
  }, 120_000);

  it('log-scales tiny amounts (1e-15 to 1e-9) as the app’s log1p does', () => {
    runParity(new TextEncoder().encode(tinyLogCsv), tinyLogModel(), 'id');
  });

  it.each(['tertiles', 'cuts', 'factors', 'factorCuts', 'seedCltv', 'seedCltvAov', 'tenureYears'] as const)('groups the sample on the %s grid as the app does', (variant) => {
    runParity(sample, gridModel(variant), 'customer_id');
  });

  it('matches the app on random small files and models (seeded)', () => {
    fc.assert(
      fc.property(randomCase, (c) => {
        const { csv, model } = randomFileAndModel(c);
        runParity(new TextEncoder().encode(csv), model, 'id', undefined, { allowUnscored: true });
      }),
      { seed: 20261125, numRuns: 40 },
    );
  }, 120_000);

  it('scores R, F, M and the segment on the sample by its quintile cuts as the app does', () => {
    runRfmParity(sample, { ...richModel({ split: 'custom' }), rfm: sampleRfmModel().rfm }, 'customer_id');
  });

  it('counts RFM recency from a date column to the latest date, with user cuts and an edited segment map', () => {
    runRfmParity(sample, sampleDatedRfmModel(), 'customer_id');
  });

  it('counts RFM recency in fractional days from timestamps with a time of day', () => {
    runRfmParity(new TextEncoder().encode(datedCsv), withRfm(datedModel(), { recency: 'last_login', frequency: 'visits' }), 'id');
  });

  it('matches the app’s RFM on random small files, RFM columns, cuts and maps (seeded)', () => {
    fc.assert(
      fc.property(randomRfmCase, (c) => {
        const { csv, model } = randomRfmFileAndModel(c);
        runRfmParity(new TextEncoder().encode(csv), model, 'id', { allowUnscored: true });
      }),
      { seed: 20261125, numRuns: 40 },
    );
  }, 120_000);

  // A scored export scored again: before, selecting from the query failed (column reference "crs" is ambiguous; a view: specified more than once).
  it('scores a table that has crs, crs_band and relationship_group columns into crs_2, crs_band_2 and relationship_group_2, and keeps the table’s own', () => {
    const sql = runParity(scoredSample(), richModel({ split: 'custom' }), 'customer_id', undefined, { suffix: '_2' });
    const table = `customers_${tables}`;
    psql(`CREATE VIEW rescored AS ${sql};\n`);
    const kept = psql(
      `SELECT COUNT(*) AS n FROM rescored AS q JOIN ${table} AS t ON q.customer_id = t.customer_id WHERE q.crs = t.crs AND q.crs_band = t.crs_band AND q.relationship_group = t.relationship_group AND q.crs_2 <> q.crs;\n`,
      true,
    );
    expect(Number(kept.trim().split('\n')[1])).toBeGreaterThan(4000);
  });

  it('scores a table that has the RFM columns already into rfm_r_2 … rfm_segment_2', () => {
    runRfmParity(scoredSample(), sampleDatedRfmModel(), 'customer_id', { suffix: '_2' });
  });

  movementParityCases(runMovementParity, '');
});
