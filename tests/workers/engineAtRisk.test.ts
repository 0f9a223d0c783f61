// @vitest-environment node
// "At risk" as a list: the table's at-risk view holds exactly the customers the tile counts
// (poor band, revenue above the median), in CRS order or any other, and exports as CSV.
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { DEFAULT_VIEW, type TableView } from '../../src/core/table/table';
import { loadedEngine, summaryOf } from './loadedEngine';
import type { EngineResponse } from '../../src/workers/protocol';
import type { Model } from '../../src/core/model/model';

// Engagement (as-is) decides the band; revenue decides who is above the median (40 of 80).
function accountsCsv(): string {
  const rows = ['id,engagement_score,total_revenue,tenure_months'];
  for (let i = 0; i < 80; i++) rows.push(`C${i},${(i * 37) % 100},${1000 + ((i * 53) % 80) * 10},${1 + (i % 30)}`);
  return rows.join('\n') + '\n';
}

async function exportRows(handle: Awaited<ReturnType<typeof loadedEngine>>['handle'], last: () => EngineResponse | undefined, model: Model, view: TableView | null) {
  await handle({ type: 'export', requestId: 9, model, view });
  const exported = last();
  if (exported?.type !== 'exported') throw new Error('expected exported');
  return Papa.parse<Record<string, string>>((await exported.blob.text()).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
}

describe('engine: the at-risk list', () => {
  it('lists exactly the poor customers with revenue above the median, as many as the tile says, sorted by CRS or by revenue, and exports them', async () => {
    const { handle, loaded, last } = await loadedEngine(accountsCsv(), 'accounts.csv');
    const model = loaded.model;
    const tile = summaryOf(loaded).kpis.find((kpi) => kpi.id === 'atRisk');
    expect(tile?.value).toBeGreaterThan(0);
    const view: TableView = { ...DEFAULT_VIEW, band: 'poor', atRisk: true };
    await handle({ type: 'rows', requestId: 2, model, view, start: 0, count: 100 });
    const page = last();
    if (page?.type !== 'rows') throw new Error('expected rows');
    expect(page.total).toBe(tile?.value);
    // From the whole export: the customers banded poor whose revenue is above the median of 80 (the mean of the middle two).
    const everyone = await exportRows(handle, last, model, null);
    const revenues = everyone.map((row) => Number(row.total_revenue)).sort((a, b) => a - b);
    const median = (revenues[39] + revenues[40]) / 2;
    const expected = everyone.flatMap((row, i) => (row.crs_band === 'poor' && Number(row.total_revenue) > median ? [i] : []));
    expect(expected.length).toBeGreaterThan(0);
    expect(page.rows.map((row) => row.row).sort((a, b) => a - b)).toEqual(expected);
    await handle({ type: 'rows', requestId: 3, model, view: { ...view, sortBy: { column: 'total_revenue' } }, start: 0, count: 100 });
    const byRevenue = last();
    if (byRevenue?.type !== 'rows') throw new Error('expected rows');
    expect(byRevenue.total).toBe(expected.length);
    const rows = await exportRows(handle, last, model, view);
    expect(rows.map((row) => row.id).sort()).toEqual(expected.map((i) => `C${i}`).sort());
    expect(rows.every((row) => row.crs_band === 'poor')).toBe(true);
  });
});
