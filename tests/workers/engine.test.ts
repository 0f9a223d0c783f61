// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../src/core/model';
import { DEFAULT_VIEW } from '../../src/core/table';
import { createEngine } from '../../src/workers/engine';
import type { EngineResponse } from '../../src/workers/protocol';

const CSV = 'id,engagement_score,csat,total_revenue,tenure_months\n1,80,5,100,24\n2,40,1,900,2\n3,,3,500,12\n';

function engine() {
  const messages: EngineResponse[] = [];
  return { messages, handle: createEngine((message) => messages.push(message)) };
}

describe('engine', () => {
  it('loads a file, maps its columns and scores them in the one "loaded" message', async () => {
    const { messages, handle } = engine();
    await handle({ type: 'load', file: new Blob([CSV]), name: 'c.csv', model: defaultModel() });
    const loaded = messages.find((m) => m.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('expected loaded');
    expect(loaded.summary.rowCount).toBe(3);
    expect(loaded.summary.columns.map((c) => c.kind)).toEqual(['number', 'number', 'number', 'number', 'number']);
    expect(loaded.model.factors.map((f) => f.column)).toEqual(['engagement_score', 'csat', 'total_revenue', null]);
    expect(loaded.model.axes.loyalty.column).toBe('tenure_months');
    expect(loaded.analysis.aggregates.scored).toBe(3);
  });

  it('scores the model sent to it', async () => {
    const { messages, handle } = engine();
    await handle({ type: 'load', file: new Blob([CSV]), name: 'c.csv', model: defaultModel() });

    const model = defaultModel();
    model.factors[0].column = 'engagement_score';
    model.factors[1].column = 'csat';
    await handle({ type: 'analyze', requestId: 7, model, table: { view: DEFAULT_VIEW, start: 0, count: 2 }, breakdownBy: null });
    const analyzed = messages.at(-1);
    if (analyzed?.type !== 'analyzed') throw new Error(`expected analyzed, got ${analyzed?.type}`);
    expect(analyzed.requestId).toBe(7);
    // Customer 1: (30·80 + 30·100) / 60 = 90; customer 2: (30·40 + 30·0) / 60 = 20; customer 3: csat 3 → 50.
    expect(analyzed.summary.mean).toBeCloseTo((90 + 20 + 50) / 3, 9);
    expect(Array.from(analyzed.summary.aggregates.bandCounts)).toEqual([1, 1, 1]);
    // With the scores, the first two table rows by CRS: customer 1 (90), then 3 (50).
    expect(analyzed.page.total).toBe(3);
    expect(analyzed.page.rows.map((row) => [row.id, Math.round(row.crs)])).toEqual([
      ['1', 90],
      ['3', 50],
    ]);
  });

  it('answers a rows request with a search with only the matching rows and their total', async () => {
    const { messages, handle } = engine();
    const text = 'id,name,engagement_score\nA1,Ada,80\nB2,Bo,40\nC3,Adam,60\nD4,Di,20\nE5,Eve,90\n';
    await handle({ type: 'load', file: new Blob([text]), name: 'c.csv', model: defaultModel() });
    const model = defaultModel();
    model.factors[0].column = 'engagement_score';
    await handle({ type: 'rows', requestId: 4, model, view: { ...DEFAULT_VIEW, search: 'ada' }, start: 0, count: 10 });
    const byCrs = messages.at(-1);
    if (byCrs?.type !== 'rows') throw new Error(`expected rows, got ${byCrs?.type}`);
    expect(byCrs.requestId).toBe(4);
    expect(byCrs.total).toBe(2);
    // Highest CRS first: Ada (80), then Adam (60); Bo, Di and Eve have no cell containing "ada".
    expect(byCrs.rows.map((row) => [row.name, row.crs])).toEqual([
      ['Ada', 80],
      ['Adam', 60],
    ]);
    // Sorted by a text column the page comes from the full order: the second match of "a" by name.
    await handle({ type: 'rows', requestId: 5, model, view: { ...DEFAULT_VIEW, sortBy: { column: 'name' }, descending: false, search: 'A' }, start: 1, count: 1 });
    const byName = messages.at(-1);
    if (byName?.type !== 'rows') throw new Error(`expected rows, got ${byName?.type}`);
    expect([byName.total, byName.start, byName.rows.map((row) => row.name)]).toEqual([2, 1, ['Adam']]);
  });

  it('exports the scored CSV as a Blob', async () => {
    const { messages, handle } = engine();
    await handle({ type: 'load', file: new Blob([CSV]), name: 'c.csv', model: defaultModel() });
    const model = defaultModel();
    model.factors[0].column = 'engagement_score';
    await handle({ type: 'export', requestId: 1, model, view: null });
    const exported = messages.at(-1);
    if (exported?.type !== 'exported') throw new Error('expected exported');
    const text = (await exported.blob.text()).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe('id,engagement_score,csat,total_revenue,tenure_months,crs,crs_band,relationship_group,crs_issues');
    expect(text.split('\r\n')[3]).toBe('3,,3,500,12,,,,not scored: no value for Engagement');
  });

  it('answers a bad file with a load-failed problem, and requests before a load with failed', async () => {
    const { messages, handle } = engine();
    await handle({ type: 'analyze', requestId: 3, model: defaultModel(), table: { view: DEFAULT_VIEW, start: 0, count: 10 }, breakdownBy: null });
    expect(messages.at(-1)).toEqual({ type: 'failed', requestId: 3, message: 'No dataset is loaded.' });
    await handle({ type: 'load', file: new Blob(['   \n']), name: 'blank.csv', model: defaultModel() });
    expect(messages.at(-1)).toEqual({ type: 'load-failed', problem: { kind: 'empty-file' } });
  });

  it('sends revenue per group and the binned scatter with the scores, and KPIs per group on request', async () => {
    const { messages, handle } = engine();
    await handle({ type: 'load', file: new Blob([CSV]), name: 'c.csv', model: defaultModel() });
    const loaded = messages.find((m) => m.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('expected loaded');
    // Median revenue 500, median tenure 12: customer 1 (100, 24) barnacles, 2 (900, 2) butterflies, 3 (500, 12) true friends.
    expect(loaded.analysis.revenue).toEqual({ byGroup: [0, 900, 100, 500], total: 1500 });
    // The load's first dashboard leaves the scatter to the next analysis, which the page asks for at once.
    expect(loaded.analysis.isPartial).toBe(true);
    expect(loaded.analysis.scatter).toBeNull();
    await handle({ type: 'analyze', requestId: 3, model: loaded.model, table: { view: DEFAULT_VIEW, start: 0, count: 1 }, breakdownBy: null });
    const full = messages.at(-1);
    if (full?.type !== 'analyzed') throw new Error(`expected analyzed, got ${full?.type}`);
    expect(full.summary.isPartial).toBeUndefined();
    expect(full.summary.scatter?.plotted).toBe(3);
    await handle({ type: 'breakdown', requestId: 4, model: loaded.model, by: 'group' });
    const answer = messages.at(-1);
    if (answer?.type !== 'breakdown') throw new Error(`expected breakdown, got ${answer?.type}`);
    expect(answer.requestId).toBe(4);
    expect(answer.breakdown.counts).toEqual([0, 1, 1, 1]);
    expect(answer.breakdown.values.revenue).toEqual([NaN, 900, 100, 500]);
    // With the scores, when the tiles are broken down: per band this time.
    await handle({ type: 'analyze', requestId: 5, model: loaded.model, table: { view: DEFAULT_VIEW, start: 0, count: 1 }, breakdownBy: 'band' });
    const analyzed = messages.at(-1);
    if (analyzed?.type !== 'analyzed') throw new Error(`expected analyzed, got ${analyzed?.type}`);
    expect(analyzed.breakdown?.by).toBe('band');
    expect(analyzed.breakdown?.counts.reduce((a, b) => a + b, 0)).toBe(analyzed.summary.aggregates.scored);
  });

  it('answers a suggest request with weights per factor id, and the validation comes with every scoring', async () => {
    const { messages, handle } = engine();
    const rows = ['id,engagement_score,support_rating,churned'];
    for (let i = 0; i < 200; i++) rows.push(`C${i},${i % 100},${(i * 37) % 100},${i % 100 < 40 ? 'yes' : 'no'}`);
    await handle({ type: 'load', file: new Blob([rows.join('\n')]), name: 'c.csv', model: defaultModel() });
    const loaded = messages.find((m) => m.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('expected loaded');
    expect(loaded.model.outcome).toEqual({ column: 'churned', isGood: false });
    expect(loaded.analysis.validation).toBeNull(); // it follows in the next analysis
    await handle({ type: 'analyze', requestId: 8, model: loaded.model, table: { view: DEFAULT_VIEW, start: 0, count: 1 }, breakdownBy: null });
    const full = messages.at(-1);
    expect(full?.type === 'analyzed' && full.summary.validation?.known).toBe(200);
    await handle({ type: 'suggest', requestId: 9, model: loaded.model });
    const answer = messages.at(-1);
    if (answer?.type !== 'suggested' || !answer.suggestion.ok) throw new Error('expected a suggestion');
    expect(answer.requestId).toBe(9);
    expect(Object.keys(answer.suggestion.weights).sort()).toEqual(['engagement', 'support']);
    expect(answer.suggestion.weights.engagement).toBeGreaterThan(answer.suggestion.weights.support);
  });
});
