// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model/model';
import { DEFAULT_VIEW, type TableView } from '../../src/core/table/table';
import { loadedEngine, fullDemand, summaryOf } from './loadedEngine';

// Cut points make the segments hand-checkable: customers 1, 2 champions (R5 F5), 3 hibernating, 4 lost, 5 promising.
const CSV = ['id,days_since_last_purchase,orders,revenue,churned', '1,1,10,1000,no', '2,2,9,900,no', '3,50,1,50,yes', '4,60,2,80,yes', '5,5,1,20,no'].join('\n');

async function loaded() {
  const { handle, messages, loaded: first } = await loadedEngine(CSV);
  const model: Model = { ...first.model, rfm: { ...first.model.rfm, cuts: { r: [3, 10, 30, 55], f: [2, 4, 6, 8], m: null } } };
  // The page's view of the dashboard: the engine sends each part only when it changed.
  let summary = summaryOf(first);
  let page = first.parts.table;
  const analyze = async (view: TableView) => {
    await handle({ type: 'analyze', requestId: 1, model, demand: fullDemand({ view, start: 0, count: 10 }, null) });
    const last = messages.at(-1);
    summary = summaryOf(last, summary);
    if (last?.type === 'analyzed' && last.parts.table) page = last.parts.table;
    if (!page) throw new Error('no table page was sent');
    return { summary, page };
  };
  return { first, analyze };
}

describe('engine: RFM', () => {
  it('maps the RFM columns on load and sends the segments with the analysis', async () => {
    const { first, analyze } = await loaded();
    expect(first.model.rfm).toMatchObject({ recency: 'days_since_last_purchase', frequency: 'orders', monetary: 'revenue' });
    expect(summaryOf(first).rfm?.scored).toBe(5);
    const { summary } = await analyze(DEFAULT_VIEW);
    expect(summary.rfm?.scored).toBe(5);
    const champions = summary.rfm?.segments.find((s) => s.segment === 'champions');
    expect(champions).toMatchObject({ customers: 2, orders: 19, revenue: 1900, churnRate: 0 });
    expect(summary.rfm?.churnColumn).toBe('churned');
  });

  it('filters the table to a segment, by CRS and in file order', async () => {
    const { analyze } = await loaded();
    for (const sortBy of ['crs', 'file'] as const) {
      const { page } = await analyze({ ...DEFAULT_VIEW, sortBy, rfmSegment: 'champions' });
      expect(page.total).toBe(2);
      expect(page.rows.map((row) => row.row).sort()).toEqual([0, 1]);
    }
    expect((await analyze({ ...DEFAULT_VIEW, sortBy: 'file', rfmSegment: 'lost' })).page.total).toBe(1);
    expect((await analyze({ ...DEFAULT_VIEW, rfmSegment: null })).page.total).toBe(5);
  });
});
