// Shared by the SQL parity tests (not a test file): the app's own scores for a dataset and
// model, a CSV loader per engine, and the row-by-row comparison.
import { expect } from 'vitest';
import { analyze } from '../../../src/core/scoring/analysis';
import type { ColumnKind, Dataset } from '../../../src/core/dataset/dataset';
import { bandOf, roundScore, type Model } from '../../../src/core/model/model';
import { gridGroups, GROUP_EXPORT_NAMES, NO_GROUP } from '../../../src/core/groups/segment';
import { rowCells } from '../../../src/core/dataset/dataset';
import { sqlContext, type SqlContext } from '../../../src/core/export/sql';

export interface ScoredRow {
  crs: number | null;
  band: string | null;
  group: string | null;
}

/** The app's crs, crs_band and relationship_group per row, keyed by the value of `keyColumn`, and the SQL context. */
export function appScores(dataset: Dataset, model: Model, keyColumn: string): { byKey: Map<string, ScoredRow>; context: SqlContext } {
  const analysis = analyze(dataset, model);
  const key = dataset.columns.findIndex((column) => column.name === keyColumn);
  const byKey = new Map<string, ScoredRow>();
  const groups = gridGroups(analysis.gridSize);
  for (let r = 0; r < dataset.rowCount; r++) {
    const score = analysis.scores[r];
    const group = analysis.groups[r];
    byKey.set(rowCells(dataset, r)[key].trim(), {
      crs: score === score ? score : null,
      band: score === score ? bandOf(roundScore(score), model.bands) : null,
      group: group === NO_GROUP ? null : GROUP_EXPORT_NAMES[groups[group]],
    });
  }
  return { byKey, context: sqlContext(dataset, analysis, model) };
}

/** The SQL type a warehouse would give a column the app read as `kind` (what the generated SQL's header asks for). */
export function warehouseType(kind: ColumnKind, dialect: 'duckdb' | 'postgres'): string {
  if (kind === 'number') return dialect === 'duckdb' ? 'DOUBLE' : 'DOUBLE PRECISION';
  if (kind === 'date') return 'TIMESTAMP';
  return dialect === 'duckdb' ? 'VARCHAR' : 'TEXT';
}

/** Asserts the SQL rows equal the app's, row by row: crs to 1e-9 (both NULL when unscored), band and group exactly. */
export function expectParity(app: Map<string, ScoredRow>, sqlRows: readonly { key: string; crs: number | null; band: string | null; group: string | null }[], allowUnscored = false): void {
  expect(sqlRows.length).toBe(app.size);
  let scored = 0;
  const mismatches: string[] = [];
  for (const row of sqlRows) {
    const expected = app.get(row.key);
    if (!expected) {
      mismatches.push(`${row.key}: not in the app's rows`);
      continue;
    }
    const crsOk = expected.crs === null ? row.crs === null : row.crs !== null && Math.abs(row.crs - expected.crs) <= 1e-9;
    if (!crsOk || row.band !== expected.band || row.group !== expected.group) {
      mismatches.push(`${row.key}: app ${JSON.stringify(expected)}, sql ${JSON.stringify({ crs: row.crs, band: row.band, group: row.group })}`);
    }
    if (expected.crs !== null) scored++;
  }
  expect(mismatches.slice(0, 10)).toEqual([]);
  if (!allowUnscored) expect(scored).toBeGreaterThan(0);
}
