// Core benchmark (Node): scan, normalise, score and export at 10k / 100k / 1M customers.
// Prints medians and min–max of RUNS runs, and ns per customer. Run: npm run bench
import { readFileSync } from 'node:fs';
import os from 'node:os';
import Papa from 'papaparse';
import { analyze, AnalysisCache, normalizeFactor } from '../src/core/analysis';
import { parseCsv, type Dataset } from '../src/core/dataset';
import { exportScoredCsv } from '../src/core/export/csv';
import { defaultModel, type Model } from '../src/core/model';
import { autoMap } from '../src/core/schema/mapping';
import { KpiCache } from '../src/core/kpis';
import { kpiBreakdown } from '../src/core/breakdown';
import { scatterBins } from '../src/core/scatter';
import { searchMask } from '../src/core/search';
import { columnIndex } from '../src/core/dataset';
import { factorMatrix, scoreMatrix } from '../src/core/score';
import { crsPage, DEFAULT_VIEW, viewOrder } from '../src/core/table';
import { benchFile, SIZES, stats } from './benchData';

const RUNS = Number(process.env.RUNS ?? 5);

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function measure(label: string, rows: number, run: () => void): { label: string; median: number; min: number; max: number; nsPerRow: number } {
  run(); // warm-up
  const samples = Array.from({ length: RUNS }, () => time(run));
  const s = stats(samples);
  return { label, ...s, nsPerRow: (s.median * 1e6) / rows };
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
  if (!dataset) throw new Error('no dataset');
  const ds: Dataset = dataset;
  const model: Model = autoMap(defaultModel(), ds.columns);
  results.push(measure('normalise 4 factors', rows, () => model.factors.forEach((factor) => normalizeFactor(ds, factor))));
  const cache = new AnalysisCache();
  const analysis = analyze(ds, model, cache);
  results.push(measure('full analysis, cold (normalise + groups + score)', rows, () => analyze(ds, model, new AnalysisCache())));
  const matrix = factorMatrix(
    analysis.factors.map((f) => f.values),
    ds.rowCount,
  );
  const out = new Float64Array(ds.rowCount);
  results.push(measure('score kernel (weights change)', rows, () => scoreMatrix(matrix, analysis.weights, model.bands, analysis.groups, out)));
  results.push(measure('analysis after a weight change (cached factors)', rows, () => analyze(ds, { ...model, factors: model.factors.map((f, i) => (i === 0 ? { ...f, weight: f.weight + 1 } : f)) }, cache)));
  results.push(measure('table order: full sort by a column (radix) + poor-band filter', rows, () => viewOrder(ds, analysis, model, { ...DEFAULT_VIEW, sortBy: { column: 'total_revenue' }, band: 'poor' })));
  results.push(measure('table page by CRS after a weight change (60 rows, buckets)', rows, () => crsPage(analysis, model, DEFAULT_VIEW, 0, 60, null)));
  results.push(measure('KPI tiles, cold (all fixed KPIs + at-risk)', rows, () => new KpiCache().compute(ds, analysis, model)));
  const kpis = new KpiCache();
  const context = { bands: model.bands, revenueMedian: kpis.revenueMedian(ds, analysis, model) };
  results.push(measure('every KPI per band (tiles broken down, after each weight change)', rows, () => kpiBreakdown(ds, analysis, model, 'band', context)));
  const column = (name: string | null) => (name === null ? null : (ds.columns[columnIndex(ds, name)]?.values ?? null));
  const loyalty = column(model.axes.loyalty.column);
  const revenue = column(model.axes.profitability.column);
  if (loyalty && revenue) results.push(measure('binned scatter (after a split change)', rows, () => scatterBins(loyalty, revenue, analysis.groups)));
  results.push(measure('table search, new query ("ol")', rows, () => searchMask(ds, 'ol')));
  results.push(measure('export scored CSV', rows, () => exportScoredCsv(ds, analysis, model)));
  for (const r of results) print(`| ${label} | ${r.label} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)}–${r.max.toFixed(1)} | ${r.nsPerRow.toFixed(1)} |`);
}
