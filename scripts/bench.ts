// Core benchmark (Node): scan, normalise, score and export at 10k / 100k / 1M customers,
// the grid's grouping on a split change, and the engine's 'analyze' request with and
// without a dashboard filter; the streaming, lazy load and what loads hold in memory
// (scripts/benchLoad.ts). Prints medians and min–max of RUNS runs, and ns per customer.
// Run: npm run bench
import { fullDemand } from '../tests/workers/loadedEngine';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import Papa from 'papaparse';
import { analyze, computeGroups, normalizeFactor } from '../src/core/scoring/analysis';
import { parseCsv, type Dataset } from '../src/core/dataset/dataset';
import { exportScoredCsv } from '../src/core/export/csv';
import { defaultModel, type Model } from '../src/core/model/model';
import { autoMap } from '../src/core/schema/mapping';
import { computeKpis, revenueMedianOf } from '../src/core/kpis/kpis';
import { createAnalysisGraph } from '../src/core/derive/graph';
import { kpiBreakdown } from '../src/core/kpis/breakdown';
import { scatterBins } from '../src/core/groups/scatter';
import { searchMask } from '../src/core/table/search';
import { columnIndex } from '../src/core/dataset/dataset';
import { factorMatrix, scoreMatrix } from '../src/core/scoring/score';
import { crsPage, DEFAULT_VIEW, viewOrder, type TableView } from '../src/core/table/table';
import { createEngine } from '../src/workers/engine';
import type { EngineResponse } from '../src/workers/protocol';
import { benchFile, SIZES, stats } from './benchData';
import { loadMemory, loadTimings } from './benchLoad';

const RUNS = Number(process.env.RUNS ?? 5);

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

interface Result {
  label: string;
  median: number;
  min: number;
  max: number;
  nsPerRow: number;
}

function measure(label: string, rows: number, run: () => void): Result {
  run(); // warm-up
  const samples = Array.from({ length: RUNS }, () => time(run));
  const s = stats(samples);
  return { label, ...s, nsPerRow: (s.median * 1e6) / rows };
}

async function measureAsync(label: string, rows: number, run: () => Promise<void>): Promise<Result> {
  await run(); // warm-up
  const samples: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  const s = stats(samples);
  return { label, ...s, nsPerRow: (s.median * 1e6) / rows };
}

/** The first factor's weight moved by one more step each call, as a slider drag does: the engine never answers from its cache. */
function weightStepper(model: Model): () => Model {
  let step = 0;
  return () => {
    step++;
    return { ...model, factors: model.factors.map((f, i) => (i === 0 ? { ...f, weight: f.weight + (step % 40) + 1 } : f)) };
  };
}

/**
 * The engine driven as the worker drives it (tests/workers/engineFilter.test.ts): the
 * bench file loaded as a Blob, then 'analyze' requests after a weight change, each with a
 * 60-row table page by CRS (the app's default range) and no tiles breakdown.
 */
async function engineAnalyze(bytes: Uint8Array<ArrayBuffer>, rows: number): Promise<Result[]> {
  let last: EngineResponse | null = null;
  const handle = createEngine((message) => {
    last = message;
  });
  await handle({ type: 'load', file: new Blob([bytes]), name: 'bench.csv', model: defaultModel(), demand: fullDemand() });
  const loaded = last as EngineResponse | null;
  if (loaded?.type !== 'loaded') throw new Error(`expected loaded, got ${loaded?.type}`);
  // The bench file has a churned column, which the app picks as the outcome: each request then also validates (AUC, ROC, gains).
  const withOutcome = weightStepper(loaded.model);
  const withoutOutcome = weightStepper({ ...loaded.model, outcome: { ...loaded.model.outcome, column: null } });
  const request =
    (view: TableView, nextModel = withOutcome) =>
    async () => {
      await handle({ type: 'analyze', requestId: 1, model: nextModel(), demand: fullDemand({ view, start: 0, count: 60 }, null) });
      const answer = last as EngineResponse | null;
      if (answer?.type !== 'analyzed') throw new Error(`expected analyzed, got ${answer?.type}`);
    };
  const champions: TableView = { ...DEFAULT_VIEW, rfmSegment: 'champions' };
  // What a weight change computes with the first screen in view (tiles, distribution, grid, the AUC beside the sliders).
  const firstScreen = async () => {
    await handle({ type: 'analyze', requestId: 1, model: withOutcome(), demand: { parts: ['scores', 'axes', 'kpis', 'revenue', 'auc'], table: { view: DEFAULT_VIEW, start: 0, count: 60 }, breakdownBy: null } });
    const answer = last as EngineResponse | null;
    if (answer?.type !== 'analyzed') throw new Error(`expected analyzed, got ${answer?.type}`);
  };
  return [
    await measureAsync("engine 'analyze' after a weight change, first screen only (tiles, distribution, grid, AUC)", rows, firstScreen),
    await measureAsync("engine 'analyze' after a weight change, no filter", rows, request(DEFAULT_VIEW)),
    await measureAsync("engine 'analyze' after a weight change, RFM segment 'champions'", rows, request(champions)),
    await measureAsync("engine 'analyze' after a weight change, RFM segment + group (true friends)", rows, request({ ...champions, group: 'trueFriends' })),
    await measureAsync("engine 'analyze' after a weight change, no filter, no outcome chosen", rows, request(DEFAULT_VIEW, withoutOutcome)),
    await measureAsync("engine 'analyze' after a weight change, RFM segment 'champions', no outcome chosen", rows, request(champions, withoutOutcome)),
    await measureAsync("engine 'analyze' after a weight change, RFM segment + group, no outcome chosen", rows, request({ ...champions, group: 'trueFriends' }, withoutOutcome)),
  ];
}

const rowsOut: string[] = [];
const print = (line: string) => {
  console.log(line);
  rowsOut.push(line);
};

print(`CRS Studio core benchmark · ${new Date().toISOString().slice(0, 10)} · ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length} · Node ${process.version} · ${RUNS} runs`);
print('| rows | stage | median ms | min–max ms | ns/customer |');
print('|---|---|---|---|---|');
for (const { label, rows } of SIZES) {
  const bytes = new Uint8Array(readFileSync(benchFile(rows)));
  let dataset: Dataset | null = null;
  const results = [];
  results.push(
    measure('papaparse (reference, header:false, rows counted)', rows, () => {
      let n = 0;
      Papa.parse(new TextDecoder().decode(bytes), { header: false, step: () => void n++ });
    }),
  );
  results.push(
    measure('scan + parse numbers (parseCsv)', rows, () => {
      const result = parseCsv(bytes, 'bench.csv');
      if (!result.ok) throw new Error(result.problem.kind);
      dataset = result.dataset;
    }),
  );
  for (const { label: stage, samples } of await loadTimings(bytes, RUNS)) {
    const s = stats(samples);
    results.push({ label: stage, ...s, nsPerRow: (s.median * 1e6) / rows });
  }
  if (!dataset) throw new Error('no dataset');
  const ds: Dataset = dataset;
  const model: Model = autoMap(defaultModel(), ds.columns);
  results.push(measure('normalise 4 factors', rows, () => model.factors.forEach((factor) => normalizeFactor(ds, factor))));
  const graph = createAnalysisGraph(ds);
  const analysis = analyze(ds, model);
  results.push(measure('full analysis, cold (normalise + groups + score)', rows, () => analyze(ds, model)));
  const matrix = factorMatrix(
    analysis.factors.map((f) => f.values),
    ds.rowCount,
  );
  const out = new Float64Array(ds.rowCount);
  results.push(measure('score kernel (weights change)', rows, () => scoreMatrix(matrix, analysis.weights, model.bands, analysis.groups, out)));
  graph.analysis(graph.intern(model));
  let step = 0;
  results.push(
    measure('analysis after a weight change (kept factors)', rows, () =>
      graph.analysis(graph.intern({ ...model, factors: model.factors.map((f, i) => (i === 0 ? { ...f, weight: f.weight + (++step % 40) + 1 } : f)) })),
    ),
  );
  results.push(measure('table order: full sort by a column (radix) + poor-band filter', rows, () => viewOrder(ds, analysis, model, { ...DEFAULT_VIEW, sortBy: { column: 'total_revenue' }, band: 'poor' })));
  results.push(measure('table page by CRS after a weight change (60 rows, buckets)', rows, () => crsPage(analysis, model, DEFAULT_VIEW, 0, 60, null)));
  results.push(measure('KPI tiles, cold (all fixed KPIs + at-risk)', rows, () => computeKpis(ds, analysis, model)));
  const context = { bands: model.bands, revenueMedian: revenueMedianOf(ds, analysis) };
  results.push(measure('every KPI per band (tiles broken down, after each weight change)', rows, () => kpiBreakdown(ds, analysis, model, 'band', context)));
  const column = (name: string | null) => (name === null ? null : (ds.columns[columnIndex(ds, name)]?.values ?? null));
  const loyalty = column(model.axes.loyalty.column);
  const revenue = column(model.axes.profitability.column);
  if (loyalty && revenue) results.push(measure('binned scatter (after a split change)', rows, () => scatterBins(loyalty, revenue, analysis.groups)));
  // A split change regroups from cached axis values: default cuts (median or tertiles) + one assigning pass.
  const factorCache = new Map<string, ReturnType<typeof normalizeFactor>>();
  const factorOf = (factor: Model['factors'][number]) => {
    if (!factorCache.has(factor.id)) factorCache.set(factor.id, normalizeFactor(ds, factor));
    return factorCache.get(factor.id) ?? null;
  };
  const grid3: Model = { ...model, gridSize: 3 };
  results.push(measure('grouping on a split change: 2×2, column axes, median cuts', rows, () => computeGroups(ds, model, factorOf)));
  results.push(measure('grouping on a split change: 3×3, column axes, tertile cuts', rows, () => computeGroups(ds, grid3, factorOf)));
  const split = analysis.axes.profitability.split;
  const userCuts: Model = { ...grid3, axes: { profitability: { ...model.axes.profitability, split, upper: split * 2 }, loyalty: { ...model.axes.loyalty, split: 12, upper: 48 } } };
  results.push(measure("grouping on a split change: 3×3, column axes, user's cuts", rows, () => computeGroups(ds, userCuts, factorOf)));
  const factorAxis: Model = { ...model, axes: { ...model.axes, loyalty: { ...model.axes.loyalty, source: { kind: 'factor', factorId: 'engagement' } } } };
  results.push(measure('grouping on a split change: 2×2, loyalty on a factor (engagement points)', rows, () => computeGroups(ds, factorAxis, factorOf)));
  results.push(measure('grouping on a split change: 3×3, loyalty on a factor (engagement points)', rows, () => computeGroups(ds, { ...factorAxis, gridSize: 3 }, factorOf)));
  results.push(measure('table search, new query ("ol")', rows, () => searchMask(ds, 'ol')));
  results.push(measure('export scored CSV', rows, () => exportScoredCsv(ds, analysis, model)));
  results.push(...(await engineAnalyze(bytes, rows)));
  for (const r of results) print(`| ${label} | ${r.label} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)}–${r.max.toFixed(1)} | ${r.nsPerRow.toFixed(1)} |`);
}

print('');
print('| rows | load | held after the load MB (× file) | peak during the load MB (× file) |');
print('|---|---|---|---|');
for (const { label, rows } of SIZES) {
  const bytes = new Uint8Array(readFileSync(benchFile(rows)));
  const fileMB = bytes.length / 2 ** 20;
  for (const m of await loadMemory(bytes)) print(`| ${label} | ${m.label} | ${m.heldMB.toFixed(0)} (${(m.heldMB / fileMB).toFixed(2)}×) | ${m.peakMB.toFixed(0)} (${(m.peakMB / fileMB).toFixed(2)}×) |`);
}
