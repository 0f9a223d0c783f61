// @vitest-environment node
// Per-customer values beside the score: the seed-formula CLTV and, once fitted, P(alive), predicted CLV and expected purchases,
// in the scored CSV and the customer explanation; and the grid on predicted CLV × P(alive).
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { Model } from '../../src/core/model/model';
import { defaultClvInputs } from '../../src/core/clv/fromDataset';
import { DEFAULT_VIEW } from '../../src/core/table/table';
import { loadedEngine, fullDemand, summaryOf } from './loadedEngine';
import type { EngineRequest, EngineResponse } from '../../src/workers/protocol';

// 300 customers over 2025 with first and last purchase dates; a third went quiet 200 days before the end.
function purchasesCsv(): string {
  const rows = ['customer_id,first_purchase,last_purchase,orders,revenue,lifespan_years'];
  for (let i = 0; i < 300; i++) {
    const first = new Date(Date.UTC(2025, 0, 1 + (i % 60)));
    const last = new Date(Date.UTC(2025, 11, 31 - (i % 3 === 0 ? 200 : i % 5)));
    const orders = 1 + (i % 9);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    rows.push(`C${i},${day(first)},${day(last)},${orders},${orders * (30 + (i % 40))},${1 + (i % 4)}`);
  }
  return rows.join('\n') + '\n';
}

const engine = () => loadedEngine(purchasesCsv(), 'p.csv');

async function exported(handle: (request: EngineRequest) => Promise<void>, last: () => EngineResponse | undefined, model: Model) {
  await handle({ type: 'export', requestId: 1, model, view: null });
  const message = last();
  if (message?.type !== 'exported') throw new Error('expected exported');
  const text = (await message.blob.text()).replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

describe('engine: derived per-customer values', () => {
  it('the seed-formula CLTV is in the export as cltv_seed: revenue ÷ orders × orders × lifespan', async () => {
    const { handle, loaded, last } = await engine();
    const model: Model = { ...loaded.model, kpiInputs: { ...loaded.model.kpiInputs, orders: 'orders', lifespan: 'lifespan_years' } };
    const rows = await exported(handle, last, model);
    expect(rows).toHaveLength(300);
    expect(rows[0].cltv_seed).toBe('30'); // C0: 1 order, revenue 30, lifespan 1
    expect(rows[5].cltv_seed).toBe(String(6 * 35 * 2)); // C5: 6 orders × 35, lifespan 2
    expect(rows[0]).not.toHaveProperty('p_alive');
  });

  it('after a fit: p_alive, predicted_clv and expected_purchases in the export and the explanation; the grid splits on them', async () => {
    const { handle, loaded, last } = await engine();
    const lifetime = defaultClvInputs(
      [
        { name: 'first_purchase', kind: 'date' },
        { name: 'last_purchase', kind: 'date' },
      ],
      { ...loaded.model, kpiInputs: { ...loaded.model.kpiInputs, orders: 'orders' }, axes: { ...loaded.model.axes, profitability: { ...loaded.model.axes.profitability, column: 'revenue' } } },
    );
    expect(lifetime).toMatchObject({ firstPurchase: 'first_purchase', lastPurchase: 'last_purchase', orders: 'orders', revenue: 'revenue' });
    const model: Model = {
      ...loaded.model,
      lifetime,
      axes: {
        profitability: { column: 'revenue', split: null, upper: null, source: { kind: 'predicted', value: 'clv' } },
        loyalty: { column: null, split: null, upper: null, source: { kind: 'predicted', value: 'pAlive' } },
      },
    };
    await handle({ type: 'analyze', requestId: 2, model, demand: fullDemand({ view: DEFAULT_VIEW, start: 0, count: 5 }, null) });
    const analyzed = last();
    if (analyzed?.type !== 'analyzed') throw new Error('expected analyzed');
    expect(summaryOf(analyzed).axes.profitability.label).toBe('Predicted CLV (12 months)');
    expect(summaryOf(analyzed).axes.loyalty.label).toBe('P(alive)');
    const counts = Array.from(summaryOf(analyzed).aggregates.groupCounts);
    expect(counts.slice(0, 4).reduce((a, b) => a + b, 0) + counts[9]).toBe(300);
    expect(counts.slice(0, 4).filter((c) => c > 0).length).toBeGreaterThanOrEqual(3);

    const rows = await exported(handle, last, model);
    const pAlive = rows.map((row) => Number(row.p_alive));
    expect(pAlive.every((p) => p >= 0 && p <= 1)).toBe(true);
    // Quiet customers (every third) are less likely alive than the rest.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(pAlive.filter((_, i) => i % 3 === 0))).toBeLessThan(mean(pAlive.filter((_, i) => i % 3 !== 0)));
    expect(rows.every((row) => row.predicted_clv !== '' && Number(row.predicted_clv) >= 0)).toBe(true);
    // The grid's groups in the export are the ones the engine counted.
    const byName = new Map<string, number>();
    for (const row of rows) byName.set(row.relationship_group, (byName.get(row.relationship_group) ?? 0) + 1);
    expect(byName.get('true friends') ?? 0).toBe(counts[3]);

    await handle({ type: 'customer', requestId: 3, model, row: 0 });
    const customer = last();
    if (customer?.type !== 'customer') throw new Error('expected customer');
    // The file maps orders and lifespan by header, so the seed-formula CLTV comes first.
    expect(customer.customer?.derived?.map((entry) => entry.label)).toEqual(['CLTV (AOV × frequency × lifespan)', 'P(alive)', 'Predicted CLV (12 months)', 'Expected purchases (12 months)']);
    expect(customer.customer?.derived?.[1].value).toBeCloseTo(pAlive[0], 6);
  });

  it('a fit that ran away (nobody bought twice) is read nowhere: the grid says why instead of splitting on it, and the export has no predicted columns', async () => {
    const rows = ['customer_id,first_purchase,last_purchase,orders,revenue'];
    for (let i = 0; i < 300; i++) rows.push(`C${i},2025-0${1 + (i % 9)}-01,2025-0${1 + (i % 9)}-01,1,${30 + (i % 40)}`);
    const { handle, loaded, last } = await loadedEngine(rows.join('\n') + '\n', 'once.csv');
    const model: Model = {
      ...loaded.model,
      lifetime: { ...defaultClvInputs([], loaded.model), orders: 'orders', revenue: 'revenue', firstPurchase: 'first_purchase', lastPurchase: 'last_purchase' },
      axes: {
        profitability: { column: 'revenue', split: null, upper: null, source: { kind: 'predicted', value: 'clv' } },
        loyalty: { column: null, split: null, upper: null, source: { kind: 'predicted', value: 'pAlive' } },
      },
    };
    await handle({ type: 'clv', requestId: 2, inputs: model.lifetime! });
    const fitted = last();
    if (fitted?.type !== 'clv' || !fitted.outcome.ok) throw new Error('expected a fit');
    expect(fitted.outcome.result.warning).toMatch(/^The purchase model \(BG\/NBD\) ran to the edge/);
    await handle({ type: 'analyze', requestId: 3, model, demand: fullDemand({ view: DEFAULT_VIEW, start: 0, count: 5 }, null) });
    const analyzed = last();
    if (analyzed?.type !== 'analyzed') throw new Error('expected analyzed');
    expect(summaryOf(analyzed).axes.profitability.unavailable).toMatch(/ran to the edge/);
    const exportedRows = await exported(handle, last, model);
    expect(exportedRows).toHaveLength(300);
    expect(exportedRows[0]).not.toHaveProperty('p_alive');
    expect(exportedRows[0]).not.toHaveProperty('predicted_clv');
  });
});
