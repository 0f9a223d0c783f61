import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/state/store';
import { connectEngine } from '../../src/workers/client';
import type { EngineRequest, EngineResponse } from '../../src/workers/protocol';
import { analysisSummary, datasetSummary } from '../features/renderWithStore';

const EMPTY_PAGE = { total: 0, start: 0, rows: [] };

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
  connectEngine(store, () => new FakeWorker() as unknown as Worker, (_blob, name) => downloads.push(name));
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
  worker.reply({ type: 'loaded', summary: datasetSummary(['engagement_score']), model, analysis: analysisSummary([0, 0, 0, 0, 1]), timings: { readMs: 1, parseMs: 1, analyzeMs: 1 } });
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
    worker.reply({ type: 'loaded', summary: datasetSummary(['engagement_score', 'csat']), model: load.model, analysis: analysisSummary([0, 0, 0, 0, 1]), timings: { readMs: 1, parseMs: 1, analyzeMs: 1 } });
    const state = store.getState();
    expect(state.model.factors.find((f) => f.id === 'satisfaction')).toMatchObject({ weight: 90, column: 'csat' });
    const analyses = worker.sent.filter((r) => r.type === 'analyze');
    expect(analyses).toHaveLength(1);
    expect(analyses[0].type === 'analyze' && analyses[0].model).toBe(state.model);
  });

  it('coalesces a fast slider drag: one job in flight, only the latest model queued', () => {
    const { store } = setup();
    const worker = loadInto(store);
    for (let w = 31; w <= 60; w++) store.getState().setWeight('engagement', w);
    expect(worker.sent.filter((r) => r.type === 'analyze')).toHaveLength(1);
    const first = worker.sent.find((r) => r.type === 'analyze');
    if (first?.type !== 'analyze') throw new Error('expected analyze');
    worker.reply({ type: 'analyzed', requestId: first.requestId, summary: analysisSummary([0, 0, 0, 0, 1]), page: EMPTY_PAGE, breakdown: null });
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
    worker.reply({ type: 'analyzed', requestId: first.requestId, summary: analysisSummary([1, 0, 0, 0, 0]), page: EMPTY_PAGE, breakdown: null });
    const second = worker.sent.filter((r) => r.type === 'analyze')[1];
    if (second?.type !== 'analyze') throw new Error('expected a second analyze');
    expect(second.model.factors[0].weight).toBe(60);
    worker.reply({ type: 'analyzed', requestId: second.requestId, summary: analysisSummary([0, 2, 0, 0, 0]), page: { total: 3, start: 0, rows: [] }, breakdown: null });
    expect(Array.from(store.getState().analysis?.aggregates.groupCounts ?? []).slice(0, 4)).toEqual([0, 2, 0, 0]);
  });

  it('asks for the tiles per group when the user does, then gets them with each scoring in the same message', () => {
    const { store } = setup();
    const worker = loadInto(store);
    const asks = () => worker.sent.filter((r) => r.type === 'breakdown');
    expect(asks()).toHaveLength(0);
    store.getState().setBreakdownBy('group');
    expect(asks()).toHaveLength(1);
    const [ask] = asks();
    if (ask.type !== 'breakdown') throw new Error('expected a breakdown request');
    store.getState().setWeight('engagement', 50);
    const analyze = worker.sent.findLast((r) => r.type === 'analyze');
    if (analyze?.type !== 'analyze') throw new Error('expected analyze');
    expect(analyze.breakdownBy).toBe('group');
    worker.reply({ type: 'analyzed', requestId: analyze.requestId, summary: analysisSummary([1, 0, 0, 0, 0]), page: EMPTY_PAGE, breakdown: { by: 'group', counts: [1, 0, 0, 0], values: {} } });
    expect(store.getState().breakdown?.counts).toEqual([1, 0, 0, 0]);
    expect(asks()).toHaveLength(1);
    store.getState().setBreakdownBy('band');
    expect(store.getState().breakdown).toBeNull(); // a group breakdown is not shown as bands
    worker.reply({ type: 'breakdown', requestId: ask.requestId, breakdown: { by: 'group', counts: [9, 9, 9, 9], values: {} } });
    expect(store.getState().breakdown).toBeNull(); // a stale answer of the wrong kind is dropped
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
    worker.reply({ type: 'analyzed', requestId: analyze.requestId, summary: analysisSummary([1, 0, 0, 0, 0]), page: EMPTY_PAGE, breakdown: null });
    expect(asks()).toHaveLength(2);
    const [first, second] = asks();
    if (first.type !== 'scenario' || second.type !== 'scenario') throw new Error('expected scenario requests');
    expect(second.a.factors[0].weight).toBe(30);
    expect(second.b.factors[0].weight).toBe(70);
    const side = { mean: 50, scored: 1, bandCounts: [0, 1, 0], auc: NaN };
    worker.reply({ type: 'scenario', requestId: first.requestId, comparison: { a: side, b: side, moves: [], changed: 9, scoredInOneOnly: 0, list: [] } });
    expect(store.getState().scenario).toBeNull();
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

  it('asks for the table rows on screen with each scoring, on scroll and on filter, keeping only the latest answer', () => {
    const { store } = setup();
    const worker = loadInto(store);
    const rowRequests = () => worker.sent.filter((r) => r.type === 'rows');
    expect(rowRequests()).toHaveLength(1);
    store.getState().setTableRange(100, 60);
    store.getState().setTableView({ band: 'poor' });
    store.getState().setWeight('engagement', 80);
    const analyze = worker.sent.find((r) => r.type === 'analyze');
    expect(analyze?.type === 'analyze' && analyze.table).toEqual({ view: { sortBy: 'crs', descending: true, band: 'poor', group: null, search: '' }, start: 0, count: 60 });
    const [, scrolled, filtered] = rowRequests();
    expect(scrolled).toMatchObject({ start: 100, count: 60 });
    expect(filtered).toMatchObject({ start: 0, view: { band: 'poor' } });
    if (scrolled?.type !== 'rows' || filtered?.type !== 'rows') throw new Error('expected rows requests');
    worker.reply({ type: 'rows', requestId: filtered.requestId, total: 7, start: 0, rows: [] });
    worker.reply({ type: 'rows', requestId: scrolled.requestId, total: 1000, start: 100, rows: [] });
    expect(store.getState().tablePage).toEqual({ total: 7, start: 0, rows: [] });
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
    expect(analyze?.type === 'analyze' && analyze.table.view.rfmSegment).toBe('champions');
    if (analyze?.type !== 'analyze') throw new Error('expected analyze');
    worker.reply({ type: 'analyzed', requestId: analyze.requestId, summary: analysisSummary([0, 1, 0, 0, 0]), page: EMPTY_PAGE, breakdown: null });
    store.getState().setTableView({ group: 'butterflies' });
    expect(count('analyze')).toBe(2);
    store.getState().setTableView({ search: 'acme' });
    expect(count('analyze')).toBe(2);
    expect(count('rows')).toBe(rowsBefore + 1);
  });

  it('after a first dashboard that leaves figures out (isPartial), asks for the full analysis at once', () => {
    const { store } = setup();
    store.getState().loadFile(new Blob(['x']), 'a.csv');
    const worker = loadingWorker();
    const load = worker.sent[0];
    if (load.type !== 'load') throw new Error('expected a load');
    worker.reply({ type: 'loaded', summary: datasetSummary(['engagement_score']), model: load.model, analysis: { ...analysisSummary([0, 0, 0, 0, 1]), isPartial: true }, timings: { readMs: 1, parseMs: 1, analyzeMs: 1 } });
    expect(store.getState().analysis?.isPartial).toBe(true);
    const analyze = worker.sent.findLast((r) => r.type === 'analyze');
    expect(analyze?.type === 'analyze' && analyze.model).toEqual(load.model);
    if (analyze?.type !== 'analyze') throw new Error('expected analyze');
    worker.reply({ type: 'analyzed', requestId: analyze.requestId, summary: analysisSummary([0, 0, 0, 0, 1]), page: EMPTY_PAGE, breakdown: null });
    expect(store.getState().analysis?.isPartial).toBeUndefined();
  });

  it('reports a crashed worker in the alert', () => {
    const { store } = setup();
    const worker = loadInto(store);
    worker.onerror?.(new ErrorEvent('error', { message: 'out of memory' }));
    expect(store.getState().alert).toMatch(/The scoring engine stopped: out of memory/);
  });
});
