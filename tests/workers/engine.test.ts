// @vitest-environment node
import { fullDemand, summaryOf } from './loadedEngine';
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../src/core/model/model';
import { DEFAULT_VIEW } from '../../src/core/table/table';
import { createEngine } from '../../src/workers/engine';
import type { AnalysisPart, EngineResponse, TableRequest } from '../../src/workers/protocol';

const CSV = 'id,engagement_score,csat,total_revenue,tenure_months\n1,80,5,100,24\n2,40,1,900,2\n3,,3,500,12\n';

function engine() {
  const messages: EngineResponse[] = [];
  return { messages, handle: createEngine((message) => messages.push(message)) };
}

describe('engine', () => {
  it('loads a file, maps its columns and scores them in the one "loaded" message', async () => {
    const { messages, handle } = engine();
    await handle({ type: 'load', file: new Blob([CSV]), name: 'c.csv', model: defaultModel(), demand: fullDemand() });
    const loaded = messages.find((m) => m.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('expected loaded');
    expect(loaded.summary.rowCount).toBe(3);
    expect(loaded.summary.columns.map((c) => c.kind)).toEqual(['number', 'number', 'number', 'number', 'number']);
    expect(loaded.model.factors.map((f) => f.column)).toEqual(['engagement_score', 'csat', 'total_revenue', null]);
    expect(loaded.model.axes.loyalty.column).toBe('tenure_months');
    expect(summaryOf(loaded).aggregates.scored).toBe(3);
  });

  it('scores the model sent to it', async () => {
    const { messages, handle } = engine();
    await handle({ type: 'load', file: new Blob([CSV]), name: 'c.csv', model: defaultModel(), demand: fullDemand() });

    const model = defaultModel();
    model.factors[0].column = 'engagement_score';
    model.factors[1].column = 'csat';
    await handle({ type: 'analyze', requestId: 7, model, demand: fullDemand({ view: DEFAULT_VIEW, start: 0, count: 2 }, null) });
    const analyzed = messages.at(-1);
    if (analyzed?.type !== 'analyzed') throw new Error(`expected analyzed, got ${analyzed?.type}`);
    expect(analyzed.requestId).toBe(7);
    // Customer 1: (30·80 + 30·100) / 60 = 90; customer 2: (30·40 + 30·0) / 60 = 20; customer 3: csat 3 → 50.
    expect(summaryOf(analyzed).mean).toBeCloseTo((90 + 20 + 50) / 3, 9);
    expect(Array.from(summaryOf(analyzed).aggregates.bandCounts)).toEqual([1, 1, 1]);
    // With the scores, the first two table rows by CRS: customer 1 (90), then 3 (50).
    expect(analyzed.parts.table!.total).toBe(3);
    expect(analyzed.parts.table!.rows.map((row) => [row.id, Math.round(row.crs)])).toEqual([
      ['1', 90],
      ['3', 50],
    ]);
  });

  it('answers a rows request with a search with only the matching rows and their total', async () => {
    const { messages, handle } = engine();
    const text = 'id,name,engagement_score\nA1,Ada,80\nB2,Bo,40\nC3,Adam,60\nD4,Di,20\nE5,Eve,90\n';
    await handle({ type: 'load', file: new Blob([text]), name: 'c.csv', model: defaultModel(), demand: fullDemand() });
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

  it('parses at load only the columns the mapped model reads, the others when a request first needs them, and all when a view asks for the columns', async () => {
    const { messages, handle } = engine();
    const text = 'id,engagement_score,plan,visits_web,total_revenue\nA,80,Pro,3,100\nB,40,Basic,9,900\nC,60,Pro,,500\n';
    // What a first screen asks: everything but the columns (the mapping's pickers are further down).
    const firstScreen = (table?: TableRequest) => {
      const demand = fullDemand(table);
      return { ...demand, parts: demand.parts.filter((part) => part !== 'columns') };
    };
    await handle({ type: 'load', file: new Blob([text]), name: 'c.csv', model: defaultModel(), demand: firstScreen() });
    const loaded = messages.find((m) => m.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('expected loaded');
    // engagement_score and total_revenue are factors (and revenue the profitability axis); plan and visits_web are mapped to nothing yet.
    expect(loaded.summary.columns.map((c) => [c.name, c.isScanned])).toEqual([
      ['id', false],
      ['engagement_score', true],
      ['plan', false],
      ['visits_web', false],
      ['total_revenue', true],
    ]);
    expect(loaded.summary.columns[3]).toMatchObject({ kind: 'number', missing: 0, min: NaN, max: NaN });
    // A model that scores visits_web and a view sorted by it: both read the column, scanned on the way.
    const model = { ...loaded.model, factors: loaded.model.factors.map((f) => (f.id === 'satisfaction' ? { ...f, column: 'visits_web' } : f)) };
    await handle({ type: 'analyze', requestId: 1, model, demand: firstScreen({ view: { ...DEFAULT_VIEW, sortBy: { column: 'visits_web' } }, start: 0, count: 3 }) });
    const analyzed = messages.at(-1);
    if (analyzed?.type !== 'analyzed') throw new Error(`expected analyzed, got ${analyzed?.type}`);
    expect(summaryOf(analyzed).factors.map((f) => f.column)).toEqual(['engagement_score', 'visits_web', 'total_revenue']);
    expect(analyzed.parts.table!.rows.map((row) => row.id)).toEqual(['B', 'A', 'C']);
    // A text sort scans the column too (its values are null: text), and the export reads every row again.
    await handle({ type: 'rows', requestId: 2, model, view: { ...DEFAULT_VIEW, sortBy: { column: 'plan' }, descending: false }, start: 0, count: 3 });
    const rows = messages.at(-1);
    expect(rows?.type === 'rows' && rows.rows.map((row) => row.id)).toEqual(['B', 'A', 'C']);
    await handle({ type: 'export', requestId: 3, model, view: { ...DEFAULT_VIEW, sortBy: { column: 'plan' }, descending: true } });
    const exported = messages.at(-1);
    if (exported?.type !== 'exported') throw new Error('expected exported');
    expect(
      (await exported.blob.text())
        .split('\r\n')
        .slice(1, 4)
        .map((line) => line.split(',')[0]),
    ).toEqual(['A', 'C', 'B']);
    // A view that lists the columns asks for them: every one read, sent once.
    await handle({ type: 'analyze', requestId: 4, model, demand: { ...firstScreen(), parts: ['columns'] } });
    const columns = messages.at(-1);
    if (columns?.type !== 'analyzed') throw new Error(`expected analyzed, got ${columns?.type}`);
    expect(columns.parts.columns?.map((c) => [c.name, c.isScanned, c.categories ?? null, c.min])).toEqual([
      ['id', true, ['A', 'B', 'C'], NaN],
      ['engagement_score', true, null, 40],
      ['plan', true, ['Basic', 'Pro'], NaN],
      ['visits_web', true, null, 3],
      ['total_revenue', true, null, 100],
    ]);
    await handle({ type: 'analyze', requestId: 5, model, demand: { ...firstScreen(), parts: ['columns'] } });
    const again = messages.at(-1);
    expect(again?.type === 'analyzed' && [again.parts, again.current]).toEqual([{}, ['columns']]);
  });

  it('exports the scored CSV as a Blob', async () => {
    const { messages, handle } = engine();
    await handle({ type: 'load', file: new Blob([CSV]), name: 'c.csv', model: defaultModel(), demand: fullDemand() });
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
    await handle({ type: 'analyze', requestId: 3, model: defaultModel(), demand: fullDemand({ view: DEFAULT_VIEW, start: 0, count: 10 }, null) });
    expect(messages.at(-1)).toEqual({ type: 'failed', requestId: 3, message: 'No dataset is loaded.' });
    await handle({ type: 'load', file: new Blob(['   \n']), name: 'blank.csv', model: defaultModel(), demand: fullDemand() });
    expect(messages.at(-1)).toEqual({ type: 'load-failed', problem: { kind: 'empty-file' } });
  });

  it('tells in the loaded summary which rows past the first MB of a UTF-8 file are not UTF-8, keeping every row', async () => {
    const { messages, handle } = engine();
    const utf8Rows = (from: number, to: number): string => Array.from({ length: to - from }, (_, k) => `${from + k + 1},Åsa Öberg,80,5\n`).join('');
    // Row 50,001 as Windows-1252 (ü is the byte 0xFC), after 1.2 MB of UTF-8.
    const latin1 = Uint8Array.from('50001,J\u00fcrgen,60,4\n', (ch) => ch.charCodeAt(0));
    const file = new Blob(['id,name,engagement_score,csat\n', utf8Rows(0, 50_000), latin1, utf8Rows(50_001, 50_100)]);
    expect(file.size).toBeGreaterThan(1 << 20);
    await handle({ type: 'load', file, name: 'mixed.csv', model: defaultModel(), demand: fullDemand() });
    const loaded = messages.find((m) => m.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('expected loaded');
    expect(loaded.summary.rowCount).toBe(50_100);
    expect(loaded.summary.notices).toEqual([
      'Customer row 50,001 is not valid UTF-8 (row 50,001 reads: 50001, J\ufffdrgen, 60, 4). The file begins as UTF-8 and was read as UTF-8, so the characters of that row that are not show as "\ufffd"; the row is kept. Check it in the file, or save the file as CSV UTF-8 and load it again.',
    ]);
    expect(summaryOf(loaded).aggregates.scored).toBe(50_100);
  });

  it('sends revenue per group and the binned scatter with the scores, and KPIs per group on request', async () => {
    const { messages, handle } = engine();
    await handle({ type: 'load', file: new Blob([CSV]), name: 'c.csv', model: defaultModel(), demand: fullDemand() });
    const loaded = messages.find((m) => m.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('expected loaded');
    // Median revenue 500, median tenure 12: customer 1 (100, 24) barnacles, 2 (900, 2) butterflies, 3 (500, 12) true friends.
    expect(summaryOf(loaded).revenue).toEqual({ byGroup: [0, 900, 100, 500], total: 1500 });
    expect(summaryOf(loaded).scatter?.plotted).toBe(3);
    await handle({ type: 'breakdown', requestId: 4, model: loaded.model, by: 'group' });
    const answer = messages.at(-1);
    if (answer?.type !== 'breakdown') throw new Error(`expected breakdown, got ${answer?.type}`);
    expect(answer.requestId).toBe(4);
    expect(answer.breakdown.counts).toEqual([0, 1, 1, 1]);
    expect(answer.breakdown.values.revenue).toEqual([NaN, 900, 100, 500]);
    // With the scores, when the tiles are broken down: per band this time.
    await handle({ type: 'analyze', requestId: 5, model: loaded.model, demand: fullDemand({ view: DEFAULT_VIEW, start: 0, count: 1 }, 'band') });
    const analyzed = messages.at(-1);
    if (analyzed?.type !== 'analyzed') throw new Error(`expected analyzed, got ${analyzed?.type}`);
    expect(analyzed.parts.breakdown?.by).toBe('band');
    expect(analyzed.parts.breakdown?.counts.reduce((a, b) => a + b, 0)).toBe(summaryOf(loaded).aggregates.scored);
  });

  it('answers a suggest request with weights per factor id, and the validation comes with every scoring', async () => {
    const { messages, handle } = engine();
    const rows = ['id,engagement_score,support_rating,churned'];
    for (let i = 0; i < 200; i++) rows.push(`C${i},${i % 100},${(i * 37) % 100},${i % 100 < 40 ? 'yes' : 'no'}`);
    await handle({ type: 'load', file: new Blob([rows.join('\n')]), name: 'c.csv', model: defaultModel(), demand: fullDemand() });
    const loaded = messages.find((m) => m.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('expected loaded');
    expect(loaded.model.outcome).toEqual({ column: 'churned', isGood: false });
    expect(summaryOf(loaded).validation?.known).toBe(200);
    await handle({ type: 'suggest', requestId: 9, model: loaded.model });
    const answer = messages.at(-1);
    if (answer?.type !== 'suggested' || !answer.suggestion.ok) throw new Error('expected a suggestion');
    expect(answer.requestId).toBe(9);
    expect(Object.keys(answer.suggestion.weights).sort()).toEqual(['engagement', 'support']);
    expect(answer.suggestion.weights.engagement).toBeGreaterThan(answer.suggestion.weights.support);
  });
});

describe('engine: parts on demand', () => {
  const firstScreen = (table = { view: DEFAULT_VIEW, start: 0, count: 10 }) => ({ parts: ['scores', 'axes', 'kpis', 'revenue', 'auc'] as AnalysisPart[], table, breakdownBy: null });
  const RFM_CSV = [
    'id,engagement_score,csat,total_revenue,tenure_months,days_since_last_purchase,orders,churned',
    '1,80,5,100,24,3,9,no',
    '2,40,1,900,2,40,1,yes',
    '3,60,3,500,12,10,4,no',
    '4,20,2,50,30,90,1,yes',
  ].join('\n');

  it('a load computes only the parts asked for: no scatter, validation, RFM, factor histograms or table below the first screen', async () => {
    const { messages, handle } = engine();
    await handle({ type: 'load', file: new Blob([RFM_CSV]), name: 'c.csv', model: defaultModel(), demand: firstScreen() });
    const loaded = messages.find((m) => m.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('expected loaded');
    expect(Object.keys(loaded.parts).sort()).toEqual(['auc', 'axes', 'kpis', 'revenue', 'scores']);
    expect(loaded.parts.auc?.column).toBe('churned');
    // Scrolled to: the same model, asked for the scatter and the RFM table, sends those two alone.
    await handle({ type: 'analyze', requestId: 1, model: loaded.model, demand: { ...firstScreen(), parts: [...firstScreen().parts, 'scatter', 'rfm'] } });
    const scrolled = messages.at(-1);
    if (scrolled?.type !== 'analyzed') throw new Error('expected analyzed');
    expect(Object.keys(scrolled.parts).sort()).toEqual(['rfm', 'scatter']);
    expect(scrolled.parts.rfm?.scored).toBe(4);
    expect(scrolled.current).toContain('scores');
  });

  it('a weight change sends what reads the scores and nothing that does not (axes, revenue, scatter, factors)', async () => {
    const { messages, handle } = engine();
    await handle({ type: 'load', file: new Blob([RFM_CSV]), name: 'c.csv', model: defaultModel(), demand: fullDemand() });
    const loaded = messages.find((m) => m.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('expected loaded');
    const model = { ...loaded.model, factors: loaded.model.factors.map((f, i) => (i === 0 ? { ...f, weight: 90 } : f)) };
    await handle({ type: 'analyze', requestId: 2, model, demand: fullDemand() });
    const weighted = messages.at(-1);
    if (weighted?.type !== 'analyzed') throw new Error('expected analyzed');
    expect(Object.keys(weighted.parts).sort()).toEqual(['auc', 'kpis', 'rfm', 'scores', 'table', 'validation']);
    expect(weighted.parts.scores?.mean).not.toBeCloseTo(summaryOf(loaded).mean, 6);
    // The same weights again: nothing changed, nothing is sent.
    await handle({ type: 'analyze', requestId: 3, model: structuredClone(model), demand: fullDemand() });
    const again = messages.at(-1);
    expect(again?.type === 'analyzed' && Object.keys(again.parts)).toEqual([]);
  });
});
