import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/state/store';
import { connectEngine } from '../../src/state/engineClient';
import type { AnalysisParts, AnalysisSummary, EngineRequest, EngineResponse, TablePage } from '../../src/workers/protocol';
import type { KpiBreakdown } from '../../src/core/kpis/breakdown';
import { analysisSummary, datasetSummary } from '../features/renderWithStore';

const EMPTY_PAGE = { total: 0, start: 0, rows: [] };

/** An engine answer's parts: the scores of `summary`, and the table page and breakdown when given. */
function partsOf(summary: AnalysisSummary, page: TablePage | null = null, breakdown: KpiBreakdown | null = null): Partial<AnalysisParts> {
  return {
    scores: { aggregates: summary.aggregates, mean: summary.mean, filter: summary.filter },
    axes: { axes: summary.axes, gridSize: summary.gridSize },
    ...(page ? { table: page } : {}),
    ...(breakdown ? { breakdown } : {}),
  };
}

/** A stand-in for the engine worker: records requests; the test answers them. */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: EngineRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(request: EngineRequest) {
    this.sent.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: EngineResponse) {
    this.onmessage?.(new MessageEvent('message', { data: message }));
  }
}

function setup() {
  FakeWorker.made = [];
  const store = createAppStore();
  const downloads: string[] = [];
  connectEngine(
    store,
    () => new FakeWorker() as unknown as Worker,
    (_blob: Blob, name: string) => downloads.push(name),
  );
  return { store, downloads };
}

/** The worker the latest load was sent to (a warm spare is made after each). */
function loadingWorker(): FakeWorker {
  const worker = FakeWorker.made.findLast((w) => w.sent.some((r) => r.type === 'load'));
  if (!worker) throw new Error('no load was sent');
  return worker;
}

function loadInto(store: ReturnType<typeof createAppStore>): FakeWorker {
  store.getState().loadFile(new Blob(['x']), 'a.csv');
  const worker = loadingWorker();
  const load = worker.sent[0];
  if (load.type !== 'load') throw new Error('expected a load');
  const model = { ...load.model, factors: load.model.factors.map((f, i) => (i === 0 ? { ...f, column: 'engagement_score' } : f)) };
  worker.reply({ type: 'loaded', summary: datasetSummary(['engagement_score']), model, parts: partsOf(analysisSummary([0, 0, 0, 0, 1])), timings: { readMs: 1, parseMs: 1, analyzeMs: 1 } });
  return worker;
}

describe('engine client', () => {
  it('takes the mapping and scores from the load itself, without a second round trip', () => {
    const { store } = setup();
    const worker = loadInto(store);
    expect(store.getState().model.factors[0].column).toBe('engagement_score');
    expect(store.getState().analysis).not.toBeNull();
    expect(worker.sent.filter((r) => r.type === 'analyze')).toHaveLength(0);
  });

  it('re-maps and re-scores on arrival when the model changed while the file loaded', () => {
    const { store } = setup();
    store.getState().loadFile(new Blob(['x']), 'a.csv');
    const worker = loadingWorker();
    const load = worker.sent[0];
    if (load.type !== 'load') throw new Error('expected a load');
    store.getState().setWeight('satisfaction', 90);
    worker.reply({
      type: 'loaded',
      summary: datasetSummary(['engagement_score', 'csat']),
      model: load.model,
      parts: partsOf(analysisSummary([0, 0, 0, 0, 1])),
      timings: { readMs: 1, parseMs: 1, analyzeMs: 1 },
    });
    const state = store.getState();
    expect(state.model.factors.find((f) => f.id === 'satisfaction')).toMatchObject({ weight: 90, column: 'csat' });
    const analyses = worker.sent.filter((r) => r.type === 'analyze');
    expect(analyses).toHaveLength(1);
    expect(analyses[0].type === 'analyze' && analyses[0].model).toBe(state.model);
    // The parts the engine sent for the model it mapped are kept, as of an earlier model: the engine sends
    // again only what changes, so a part the new model leaves as it was must already be on the page.
    expect(state.analysis).not.toBeNull();
    expect(state.analysis?.axes.profitability.label).toBe('revenue');
    // What the new model's analysis does not ask for is marked as of an earlier model.
    expect(state.stale.scatter).toBe(true);
  });

  it('coalesces a fast slider drag: one job in flight, only the latest model queued', () => {
    const { store } = setup();
    const worker = loadInto(store);
    for (let w = 31; w <= 60; w++) store.getState().setWeight('engagement', w);
    expect(worker.sent.filter((r) => r.type === 'analyze')).toHaveLength(1);
    const first = worker.sent.find((r) => r.type === 'analyze');
    if (first?.type !== 'analyze') throw new Error('expected analyze');
    worker.reply({ type: 'analyzed', requestId: first.requestId, parts: partsOf(analysisSummary([0, 0, 0, 0, 1]), EMPTY_PAGE, null), current: ['scores', 'axes'] });
    const analyses = worker.sent.filter((r) => r.type === 'analyze');
    expect(analyses).toHaveLength(2);
    const latest = analyses[1];
    expect(latest.type === 'analyze' && latest.model.factors[0].weight).toBe(60);
  });

  it('ends on the scores of the latest model', () => {
    const { store } = setup();
    const worker = loadInto(store);
    store.getState().setWeight('engagement', 50);
    store.getState().setWeight('engagement', 60);
    const [first] = worker.sent.filter((r) => r.type === 'analyze');
    if (first?.type !== 'analyze') throw new Error('expected analyze');
    worker.reply({ type: 'analyzed', requestId: first.requestId, parts: partsOf(analysisSummary([1, 0, 0, 0, 0]), EMPTY_PAGE, null), current: ['scores', 'axes'] });
    const second = worker.sent.filter((r) => r.type === 'analyze')[1];
    if (second?.type !== 'analyze') throw new Error('expected a second analyze');
    expect(second.model.factors[0].weight).toBe(60);
    worker.reply({ type: 'analyzed', requestId: second.requestId, parts: partsOf(analysisSummary([0, 2, 0, 0, 0]), { total: 3, start: 0, rows: [] }), current: ['scores', 'axes', 'table'] });
    expect(Array.from(store.getState().analysis?.aggregates.groupCounts ?? []).slice(0, 4)).toEqual([0, 2, 0, 0]);
  });

  it('asks for the tiles per group with the analysis while the tiles are on screen, and drops a breakdown of the wrong kind', () => {
    const { store } = setup();
    const worker = loadInto(store);
    store.getState().showParts(['kpis']);
    const shown = worker.sent.findLast((r) => r.type === 'analyze');
    if (shown?.type !== 'analyze') throw new Error('the tiles coming on screen ask for the KPIs');
    worker.reply({ type: 'analyzed', requestId: shown.requestId, parts: { kpis: [] }, current: shown.demand.parts });
    store.getState().setBreakdownBy('group');
    const analyze = worker.sent.findLast((r) => r.type === 'analyze');
    if (analyze?.type !== 'analyze') throw new Error('expected analyze');
    expect(analyze.demand.breakdownBy).toBe('group');
    expect(analyze.demand.parts).toContain('breakdown');
    worker.reply({ type: 'analyzed', requestId: analyze.requestId, parts: partsOf(analysisSummary([1, 0, 0, 0, 0]), null, { by: 'group', counts: [1, 0, 0, 0], values: {} }), current: analyze.demand.parts });
    expect(store.getState().breakdown?.counts).toEqual([1, 0, 0, 0]);
    store.getState().setBreakdownBy('band');
    expect(store.getState().breakdown).toBeNull(); // a group breakdown is not shown as bands
    const next = worker.sent.findLast((r) => r.type === 'analyze');
    if (next?.type !== 'analyze') throw new Error('expected analyze');
    worker.reply({ type: 'analyzed', requestId: next.requestId, parts: partsOf(analysisSummary([1, 0, 0, 0, 0]), null, { by: 'group', counts: [9, 9, 9, 9], values: {} }), current: next.demand.parts });
    expect(store.getState().breakdown).toBeNull(); // an answer of the wrong kind is dropped
  });

  it('asks for the tiles per group only while the tiles are on screen', () => {
    const { store } = setup();
    const worker = loadInto(store);
    store.getState().setBreakdownBy('group');
    const analyze = worker.sent.findLast((r) => r.type === 'analyze');
    if (analyze?.type !== 'analyze') throw new Error('expected analyze');
    expect(analyze.demand.parts).not.toContain('breakdown');
    expect(analyze.demand.parts).not.toContain('kpis');
  });

  it('compares the saved scenario A with each new scoring, keeping only the latest answer', () => {
    const { store } = setup();
    const worker = loadInto(store);
    const asks = () => worker.sent.filter((r) => r.type === 'scenario');
    store.getState().saveScenarioA();
    expect(asks()).toHaveLength(1);
    store.getState().setWeight('engagement', 70);
    const analyze = worker.sent.findLast((r) => r.type === 'analyze');
    if (analyze?.type !== 'analyze') throw new Error('expected analyze');
    worker.reply({ type: 'analyzed', requestId: analyze.requestId, parts: partsOf(analysisSummary([1, 0, 0, 0, 0]), EMPTY_PAGE, null), current: ['scores', 'axes'] });
    // The first comparison is still in flight: the new scoring waits for it rather than racing it.
    expect(asks()).toHaveLength(1);
    const side = { mean: 50, scored: 1, bandCounts: [0, 1, 0], auc: NaN };
    const [first] = asks();
    if (first.type !== 'scenario') throw new Error('expected a scenario request');
    worker.reply({ type: 'scenario', requestId: first.requestId, comparison: { a: side, b: side, moves: [], changed: 9, scoredInOneOnly: 0, list: [] } });
    // Superseded by the weight change: never shown, and the current model is compared instead.
    expect(store.getState().scenario).toBeNull();
    expect(asks()).toHaveLength(2);
    const second = asks()[1];
    if (second.type !== 'scenario') throw new Error('expected scenario requests');
    expect(second.a.factors[0].weight).toBe(30);
    expect(second.b.factors[0].weight).toBe(70);
    worker.reply({ type: 'scenario', requestId: second.requestId, comparison: { a: side, b: side, moves: [], changed: 1, scoredInOneOnly: 0, list: [] } });
    expect(store.getState().scenario?.changed).toBe(1);
  });

  it('keeps the loaded dataset when a second load fails, and says why', () => {
    const { store } = setup();
    const first = loadInto(store);
    store.getState().loadFile(new Blob(['']), 'empty.csv');
    const second = loadingWorker();
    second?.reply({ type: 'load-failed', problem: { kind: 'empty-file' } });
    expect(second?.terminated).toBe(true);
    expect(first.terminated).toBe(false);
    expect(store.getState().dataset?.name).toBe('customers.csv');
    expect(store.getState().alert).toMatch(/"empty\.csv" is empty/);
  });

  it('the load goes to the warm spare; the next spare starts only after the load has settled, not beside it', () => {
    vi.useFakeTimers();
    try {
      const { store } = setup();
      expect(FakeWorker.made).toHaveLength(1); // the spare, warming up while the user picks a file
      store.getState().loadFile(new Blob(['x']), 'a.csv');
      expect(loadingWorker()).toBe(FakeWorker.made[0]);
      vi.advanceTimersByTime(5000);
      expect(FakeWorker.made).toHaveLength(1); // nothing competes with the load for a core
      loadingWorker().reply({
        type: 'loaded',
        summary: datasetSummary(['engagement_score']),
        model: store.getState().model,
        parts: partsOf(analysisSummary([0, 0, 0, 0, 1])),
        timings: { readMs: 1, parseMs: 1, analyzeMs: 1 },
      });
      expect(FakeWorker.made).toHaveLength(1);
      vi.advanceTimersByTime(5000);
      expect(FakeWorker.made).toHaveLength(2); // ready for the next file
      store.getState().loadFile(new Blob(['y']), 'b.csv');
      expect(loadingWorker()).toBe(FakeWorker.made[1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('cancelling a load terminates its worker and leaves the current one', () => {
    const { store } = setup();
    const first = loadInto(store);
    store.getState().loadFile(new Blob(['big']), 'big.csv');
    const second = loadingWorker();
    store.getState().cancelLoad();
    expect(second?.terminated).toBe(true);
    expect(first.terminated).toBe(false);
    expect(store.getState().loading).toBeNull();
  });

  it('downloads the export under the input file’s name', () => {
    const { store, downloads } = setup();
    const worker = loadInto(store);
    store.getState().requestExport();
    const request = worker.sent.find((r) => r.type === 'export');
    if (request?.type !== 'export') throw new Error('expected export');
    worker.reply({ type: 'exported', requestId: request.requestId, blob: new Blob(['x']) });
    expect(downloads).toEqual(['customers-scored.csv']);
    expect(store.getState().exporting).toBe(false);
  });

  it('asks for the table rows with each scoring while the table is on screen, on scroll and on filter, keeping only the latest answer', () => {
    const { store } = setup();
    const worker = loadInto(store);
    store.getState().showParts(['table']);
    const first = worker.sent.findLast((r) => r.type === 'analyze');
    if (first?.type !== 'analyze') throw new Error('the table coming on screen asks for its rows');
    expect(first.demand.parts).toContain('table');
    worker.reply({ type: 'analyzed', requestId: first.requestId, parts: partsOf(analysisSummary([0, 0, 0, 0, 1]), EMPTY_PAGE), current: first.demand.parts });
    const rowRequests = () => worker.sent.filter((r) => r.type === 'rows');
    store.getState().setTableRange(100, 60);
    store.getState().setTableView({ band: 'poor' });
    store.getState().setWeight('engagement', 80);
    // One rows job in flight (the scroll); the filter waits for it and is then asked afresh.
    expect(rowRequests()).toHaveLength(1);
    const analyze = worker.sent.findLast((r) => r.type === 'analyze');
    expect(analyze?.type === 'analyze' && analyze.demand.table).toEqual({ view: { sortBy: 'crs', descending: true, band: 'poor', group: null, search: '' }, start: 0, count: 60 });
    const [scrolled] = rowRequests();
    expect(scrolled).toMatchObject({ start: 100, count: 60 });
    if (scrolled?.type !== 'rows') throw new Error('expected a rows request');
    worker.reply({ type: 'rows', requestId: scrolled.requestId, total: 1000, start: 100, rows: [] });
    // Superseded while in flight: not shown, and the latest view is asked for instead.
    expect(store.getState().tablePage).toEqual(EMPTY_PAGE);
    const filtered = rowRequests()[1];
    expect(filtered).toMatchObject({ start: 0, view: { band: 'poor' } });
    if (filtered?.type !== 'rows') throw new Error('expected a rows request');
    worker.reply({ type: 'rows', requestId: filtered.requestId, total: 7, start: 0, rows: [] });
    expect(store.getState().tablePage).toEqual({ total: 7, start: 0, rows: [] });
  });

  it('keeps the rows of a scroll made while an analysis was in flight: that analysis’s older page is not shown', () => {
    const { store } = setup();
    const worker = loadInto(store);
    store.getState().showParts(['table']);
    const analyze = worker.sent.findLast((r) => r.type === 'analyze');
    if (analyze?.type !== 'analyze') throw new Error('expected analyze');
    store.getState().setTableRange(500_000, 60);
    const rows = worker.sent.findLast((r) => r.type === 'rows');
    if (rows?.type !== 'rows') throw new Error('expected a rows request');
    worker.reply({ type: 'rows', requestId: rows.requestId, total: 1_000_000, start: 500_000, rows: [] });
    worker.reply({ type: 'analyzed', requestId: analyze.requestId, parts: partsOf(analysisSummary([0, 0, 0, 0, 1]), { total: 1_000_000, start: 0, rows: [] }), current: analyze.demand.parts });
    expect(store.getState().tablePage?.start).toBe(500_000);
    expect(store.getState().analysis?.aggregates).toBeDefined();
  });

  it('a segment or group filter asks for a new analysis (the dashboard follows it), rows included', () => {
    const { store } = setup();
    const worker = loadInto(store);
    const count = (type: string) => worker.sent.filter((r) => r.type === type).length;
    const rowsBefore = count('rows');
    store.getState().setTableView({ rfmSegment: 'champions' });
    expect(count('analyze')).toBe(1);
    expect(count('rows')).toBe(rowsBefore);
    const analyze = worker.sent.findLast((r) => r.type === 'analyze');
    expect(analyze?.type === 'analyze' && analyze.demand.table.view.rfmSegment).toBe('champions');
    if (analyze?.type !== 'analyze') throw new Error('expected analyze');
    worker.reply({ type: 'analyzed', requestId: analyze.requestId, parts: partsOf(analysisSummary([0, 1, 0, 0, 0]), EMPTY_PAGE, null), current: ['scores', 'axes'] });
    store.getState().setTableView({ group: 'butterflies' });
    expect(count('analyze')).toBe(2);
    store.getState().setTableView({ search: 'acme' });
    expect(count('analyze')).toBe(2);
    expect(count('rows')).toBe(rowsBefore + 1);
  });

  it('a view coming on screen asks for its part when it is out of date, and says it is catching up until it arrives', () => {
    const { store } = setup();
    const worker = loadInto(store);
    const count = () => worker.sent.filter((r) => r.type === 'analyze').length;
    // The load brought the first screen; the scatter below it was not asked for.
    expect(store.getState().stale.scatter).toBe(true);
    expect(store.getState().stale.scores).toBeUndefined();
    store.getState().showParts(['scatter']);
    expect(count()).toBe(1);
    const analyze = worker.sent.findLast((r) => r.type === 'analyze');
    if (analyze?.type !== 'analyze') throw new Error('expected analyze');
    expect(analyze.demand.parts).toContain('scatter');
    worker.reply({ type: 'analyzed', requestId: analyze.requestId, parts: { scatter: null }, current: analyze.demand.parts });
    expect(store.getState().stale.scatter).toBeUndefined();
    // Off screen and back with nothing changed: no new analysis.
    store.getState().hideParts(['scatter']);
    store.getState().showParts(['scatter']);
    expect(count()).toBe(1);
    // A weight change while it is off screen leaves it out of date; back on screen it asks again.
    store.getState().hideParts(['scatter']);
    store.getState().setWeight('engagement', 70);
    const weighted = worker.sent.findLast((r) => r.type === 'analyze');
    if (weighted?.type !== 'analyze') throw new Error('expected analyze');
    expect(weighted.demand.parts).not.toContain('scatter');
    expect(store.getState().stale.scatter).toBe(true);
    worker.reply({ type: 'analyzed', requestId: weighted.requestId, parts: partsOf(analysisSummary([0, 0, 0, 0, 1])), current: weighted.demand.parts });
    store.getState().showParts(['scatter']);
    expect(count()).toBe(3);
  });

  it('a view listing the columns asks for them; their summaries replace the ones of the load, which read only the mapped columns', () => {
    const { store } = setup();
    const worker = loadInto(store);
    store.setState({ dataset: { ...store.getState().dataset!, columns: [{ name: 'plan', kind: 'text', isScanned: false, missing: 0, invalid: 0, min: NaN, max: NaN }] } });
    expect(store.getState().stale.columns).toBe(true);
    store.getState().showParts(['columns']);
    const analyze = worker.sent.findLast((r) => r.type === 'analyze');
    if (analyze?.type !== 'analyze') throw new Error('expected analyze');
    expect(analyze.demand.parts).toContain('columns');
    const plan = { name: 'plan', kind: 'text' as const, isScanned: true, missing: 1, invalid: 0, min: NaN, max: NaN, categories: ['Basic', 'Pro'] };
    worker.reply({ type: 'analyzed', requestId: analyze.requestId, parts: { columns: [plan] }, current: analyze.demand.parts });
    expect(store.getState().dataset?.columns).toEqual([plan]);
    expect(store.getState().stale.columns).toBeUndefined();
  });

  it('reports a crashed worker in the alert', () => {
    const { store } = setup();
    const worker = loadInto(store);
    worker.onerror?.(new ErrorEvent('error', { message: 'out of memory' }));
    expect(store.getState().alert).toMatch(/The scoring engine stopped: out of memory/);
  });
});
