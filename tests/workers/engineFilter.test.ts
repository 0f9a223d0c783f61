// @vitest-environment node
// A segment filter drives every figure of the dashboard; a group filter narrows the KPI tiles and factor histograms.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Model } from '../../src/core/model/model';
import { DEFAULT_VIEW, type TableView } from '../../src/core/table/table';
import { loadedEngine, fullDemand, summaryOf } from './loadedEngine';
import { aggregatesOnRows, scoreCustomers } from '../../src/core/scoring/score';
import { NO_GROUP } from '../../src/core/groups/segment';

// Cut points make the segments hand-checkable: customers 1, 2 champions (R5 F5), 3 hibernating, 4 lost, 5 promising.
const CSV = ['id,days_since_last_purchase,orders,revenue,tenure_months,churned,nps', '1,1,10,1000,40,no,10', '2,2,9,900,2,no,9', '3,50,1,50,30,yes,3', '4,60,2,80,5,yes,6', '5,5,1,20,50,no,8'].join('\n');

async function engine() {
  const { handle, messages, loaded: first } = await loadedEngine(CSV);
  const model: Model = { ...first.model, rfm: { ...first.model.rfm, cuts: { r: [3, 10, 30, 55], f: [2, 4, 6, 8], m: null } } };
  // The page's view of the dashboard: the engine sends each part only when it changed.
  let summary = summaryOf(first);
  let page = first.parts.table;
  let breakdown = first.parts.breakdown ?? null;
  const analyze = async (view: TableView) => {
    await handle({ type: 'analyze', requestId: 1, model, demand: fullDemand({ view, start: 0, count: 10 }, 'group') });
    const last = messages.at(-1);
    summary = summaryOf(last, summary);
    if (last?.type === 'analyzed' && last.parts.table) page = last.parts.table;
    if (last?.type === 'analyzed' && last.parts.breakdown !== undefined) breakdown = last.parts.breakdown;
    if (!page) throw new Error('no table page was sent');
    return { summary, page, breakdown };
  };
  return { model, analyze };
}

const kpi = (summary: { kpis: { id: string; value: number }[] }, id: string) => summary.kpis.find((k) => k.id === id)?.value;

describe('engine: dashboard filters', () => {
  it('without a filter the summary is over everyone and says nothing of a filter', async () => {
    const { analyze } = await engine();
    const { summary } = await analyze(DEFAULT_VIEW);
    expect(summary.filter).toBeUndefined();
    expect(summary.aggregates.scored + summary.aggregates.unscored).toBe(5);
    expect(kpi(summary, 'churn')).toBeCloseTo(40, 9); // 2 of 5, in percent
  });

  it('an RFM segment: the aggregates, groups, revenue, KPIs and factor histograms cover its customers only', async () => {
    const { analyze } = await engine();
    const all = (await analyze(DEFAULT_VIEW)).summary;
    const { summary, page, breakdown } = await analyze({ ...DEFAULT_VIEW, rfmSegment: 'champions' });
    expect(summary.filter).toEqual({ rfmSegment: 'champions', segmentCustomers: 2, customers: 2, allScored: all.aggregates.scored });
    expect(summary.aggregates.scored + summary.aggregates.unscored).toBe(2);
    expect(page.total).toBe(2);
    // Customers 1 and 2: revenue 1900 of the segment's 1900, nobody churned, NPS 10 and 9 are both promoters.
    expect(summary.revenue?.total).toBe(1900);
    expect(kpi(summary, 'churn')).toBe(0);
    expect(kpi(summary, 'nps')).toBe(100);
    expect(Array.from(summary.aggregates.groupCounts).reduce((a, b) => a + b, 0)).toBe(2);
    for (const factor of summary.factors) expect(Array.from(factor.histogram).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2);
    expect(breakdown?.counts.reduce((a, b) => a + b, 0)).toBe(2);
    // The RFM table and the validation stay over everyone.
    expect(summary.rfm?.scored).toBe(5);
    expect(summary.validation?.known ?? 5).toBe(all.validation?.known ?? 5);
  });

  it('a group filter narrows the KPI tiles to that group and keeps the grid over everyone', async () => {
    const { analyze } = await engine();
    const all = (await analyze(DEFAULT_VIEW)).summary;
    // Revenue median 80, tenure median 30: true friends (revenue ≥ 80, tenure ≥ 30) is customer 1 alone.
    const { summary } = await analyze({ ...DEFAULT_VIEW, group: 'trueFriends' });
    expect(summary.filter?.customers).toBe(1);
    expect(Array.from(summary.aggregates.groupCounts)).toEqual(Array.from(all.aggregates.groupCounts));
    expect(kpi(summary, 'churn')).toBe(0);
    expect(kpi(summary, 'revenue')).toBe(1000);
  });
});

describe('aggregatesOnRows', () => {
  it('property: equals scoring the chosen rows alone', () => {
    const row = fc.tuple(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), fc.constantFrom(0, 1, 4, 8, NO_GROUP), fc.boolean());
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (rows) => {
        const values = Float64Array.from(rows, ([v]) => (v === null ? NaN : v));
        const groups = Uint8Array.from(rows, ([, g]) => g);
        const bands = { averageFrom: 40, goodFrom: 70 };
        const scores = new Float64Array(rows.length);
        scoreCustomers([values], [1], bands, groups, scores);
        const kept = rows.map((r, i) => (r[2] ? i : -1)).filter((i) => i >= 0);
        const onRows = aggregatesOnRows(scores, groups, bands, Uint32Array.from(kept));
        const alone = scoreCustomers(
          [Float64Array.from(kept, (i) => values[i])],
          [1],
          bands,
          Uint8Array.from(kept, (i) => groups[i]),
          new Float64Array(kept.length),
        );
        expect(Array.from(onRows.histogram)).toEqual(Array.from(alone.histogram));
        expect(Array.from(onRows.groupCounts)).toEqual(Array.from(alone.groupCounts));
        expect(Array.from(onRows.groupBandCounts)).toEqual(Array.from(alone.groupBandCounts));
        expect(onRows.scored).toBe(alone.scored);
        expect(Object.is(onRows.median, alone.median) || Math.abs(onRows.median - alone.median) < 1e-9).toBe(true);
        expect(onRows.sum).toBeCloseTo(alone.sum, 6);
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
