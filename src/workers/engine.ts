// The engine behind the worker: holds one dataset and answers requests by calling core.
// Plain module so tests can drive `handle` without a thread.
import { analyze, AnalysisCache, valueHistogram, type Analysis, type PredictedInput } from '../core/analysis';
import { PREDICTED_LABELS, SEED_CLTV_LABEL, type Model } from '../core/model';
import { crsPage, customerRow, TableCache, viewOrder, type CustomerRow, type TableView } from '../core/table';
import { columnIndex, parseCsv, type Dataset } from '../core/dataset';
import { exportScoredCsv, type DerivedColumn } from '../core/export/csv';
import { autoMap } from '../core/schema/mapping';
import { KpiCache, seedCltvColumn, sourceValues } from '../core/kpis';
import { gather, kpiBreakdown, kpisOnRows, maskedRows, segmentSums, type BreakdownBy } from '../core/breakdown';
import { aggregatesOnRows } from '../core/score';
import { codeMask, groupCode } from '../core/segment';
import { scatterBins, type ScatterBins } from '../core/scatter';
import { suggestForModel, validate } from '../core/outcome';
import { compareScenarios } from '../core/scenario';
import { analyseSensitivity, customerStability, type RankStability } from '../core/sensitivity';
import { modelToSql, sqlContext } from '../core/export/sql';
import { fitLifetimeValue, type ClvInputs, type ClvResult } from '../core/clv/fromDataset';
import { rfmKey, scoreRfm, segmentMask, summarizeRfm, type RfmScores } from '../core/rfm';
import { summarizeAnalysis, summarizeDataset, type AnalysisSummary, type EngineRequest, type EngineResponse, type TablePage, type TableRequest } from './protocol';

export type Post = (message: EngineResponse) => void;

const PROGRESS_STEP = 0.02;

/** Bytes read per step: large enough that reading costs little more than one read. */
const READ_SLICE = 16 << 20;

/** Reads a Blob into one buffer in large slices, reporting progress after each. */
async function readAll(file: Blob, onProgress: (fraction: number) => void): Promise<Uint8Array> {
  const total = file.size;
  if (total <= READ_SLICE) return new Uint8Array(await file.arrayBuffer());
  const out = new Uint8Array(total);
  for (let offset = 0; offset < total; offset += READ_SLICE) {
    const slice = new Uint8Array(await file.slice(offset, Math.min(total, offset + READ_SLICE)).arrayBuffer());
    out.set(slice, offset);
    onProgress(Math.min(total, offset + READ_SLICE) / total);
  }
  return out;
}

/** Rows kept by both masks (1 = keep); a null mask keeps every row. */
function bothMasks(a: Uint8Array | null, b: Uint8Array | null): Uint8Array | null {
  if (a === null || b === null) return a ?? b;
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

export function createEngine(post: Post): (request: EngineRequest) => Promise<void> {
  let dataset: Dataset | null = null;
  const cache = new AnalysisCache();
  // The model saved as scenario A, analysed apart from the current one.
  const cacheA = new AnalysisCache();
  let scenarioA: { key: string; analysis: Analysis } | null = null;
  const kpis = new KpiCache();
  // The latest analysis and table order, reused while the model and view stay the same.
  let analyzed: { key: string; analysis: Analysis } | null = null;
  let ordered: { key: string; order: Uint32Array } | null = null;
  // The search's matches and a text column's ranks, kept while scrolling and re-sorting.
  const tables = new TableCache();
  // Each customer's ranks across nearby models, for the model they were drawn around.
  let stable: { key: string; stability: RankStability } | null = null;
  // What depends on the groups only (revenue per group, the binned scatter): kept while they stay.
  let byGroups: { groups: Uint8Array; revenueColumn: string | null; revenue: AnalysisSummary['revenue']; scatter: ScatterBins | null } | null = null;
  /** Revenue per group and in all: the grid's revenue shares. */
  const revenueFigures = (data: Dataset, analysis: Analysis, model: Model): AnalysisSummary['revenue'] => {
    const revenue = sourceValues('revenue', data, analysis, model);
    if (!revenue) return null;
    let total = 0;
    for (let i = 0; i < revenue.length; i++) if (revenue[i] === revenue[i]) total += revenue[i];
    return { byGroup: Array.from(segmentSums(revenue, analysis.groups, analysis.gridSize ** 2)), total };
  };
  const groupFigures = (data: Dataset, analysis: Analysis, model: Model) => {
    const revenueColumn = analysis.axes.profitability.column;
    if (byGroups?.groups === analysis.groups && byGroups.revenueColumn === revenueColumn) return byGroups;
    // The scatter plots what the grid splits on, which may be a factor's points or a prediction.
    const { profitability, loyalty } = analysis.axisValues;
    byGroups = {
      groups: analysis.groups,
      revenueColumn,
      revenue: revenueFigures(data, analysis, model),
      scatter: profitability && loyalty ? scatterBins(loyalty, profitability, analysis.groups) : null,
    };
    return byGroups;
  };
  // The lifetime-value fit of model.lifetime: per-customer predictions for predicted grid axes, and the panel's result.
  let lifetime: { data: Dataset; key: string; predicted: PredictedInput; result: ClvResult | null } | null = null;
  const lifetimeFor = (data: Dataset, inputs: ClvInputs) => {
    const key = JSON.stringify(inputs);
    if (lifetime?.data !== data || lifetime.key !== key) {
      const fitted = fitLifetimeValue(data, inputs);
      lifetime =
        'problem' in fitted
          ? { data, key, predicted: { key, values: null, problem: fitted.problem }, result: null }
          : { data, key, predicted: { key, values: { pAlive: fitted.pAlive, clv: fitted.clv, expectedPurchases: fitted.expectedPurchases }, problem: null }, result: fitted.result };
    }
    return lifetime;
  };
  /** The predictions a model's grid reads: fitted only when an axis asks for them. */
  const predictedFor = (data: Dataset, model: Model): PredictedInput | null => {
    const wantsPrediction = model.axes.profitability.source.kind === 'predicted' || model.axes.loyalty.source.kind === 'predicted';
    return wantsPrediction && model.lifetime !== null ? lifetimeFor(data, model.lifetime).predicted : null;
  };
  // RFM scores depend on the dataset and the rfm spec only; the summary (mean CRS per segment) on the scores too.
  let rfmScored: { data: Dataset; key: string; scores: RfmScores | null } | null = null;
  const rfmFor = (data: Dataset, model: Model): RfmScores | null => {
    const key = rfmKey(model.rfm);
    if (rfmScored?.data !== data || rfmScored.key !== key) rfmScored = { data, key, scores: scoreRfm(data, model.rfm) };
    return rfmScored.scores;
  };
  const rfmSummary = (data: Dataset, analysis: Analysis, model: Model) => {
    const scores = rfmFor(data, model);
    if (!scores) return null;
    // Churn as the KPI tiles read it, else an outcome column where a yes is bad.
    const churnColumn = model.kpiInputs.churn ?? (model.outcome.column !== null && !model.outcome.isGood ? model.outcome.column : null);
    const at = churnColumn === null ? -1 : columnIndex(data, churnColumn);
    const churnValues = at >= 0 ? data.columns[at].values : null;
    return summarizeRfm(scores, analysis.scores, churnColumn !== null && churnValues ? { column: churnColumn, values: churnValues } : null);
  };
  /** The RFM segment filter of a table view as a row mask, null when there is none. */
  let segmentMaskCache: { scores: RfmScores | null; segment: string; mask: Uint8Array | null } | null = null;
  const rfmMaskFor = (data: Dataset, model: Model, view: TableView): Uint8Array | null => {
    if (!view.rfmSegment) return null;
    const scores = rfmFor(data, model);
    // Kept while the segment and the RFM scores stay: the summary and the table ask for it on every weight change.
    if (segmentMaskCache?.scores !== scores || segmentMaskCache.segment !== view.rfmSegment) {
      segmentMaskCache = { scores, segment: view.rfmSegment, mask: scores ? segmentMask(scores.segments, view.rfmSegment) : new Uint8Array(data.rowCount) };
    }
    return segmentMaskCache.mask;
  };
  // A segment's rows, revenue per group and scatter depend on the segment and the groups, not the weights.
  let segmentFigures: { mask: Uint8Array; groups: Uint8Array; revenueColumn: string | null; rows: Uint32Array; revenue: AnalysisSummary['revenue']; scatter: ScatterBins | null } | null = null;
  const segmentFiguresFor = (data: Dataset, analysis: Analysis, model: Model, mask: Uint8Array) => {
    const revenueColumn = analysis.axes.profitability.column;
    if (segmentFigures?.mask === mask && segmentFigures.groups === analysis.groups && segmentFigures.revenueColumn === revenueColumn) return segmentFigures;
    const rows = maskedRows(mask);
    const codes = new Uint8Array(rows.length);
    for (let k = 0; k < codes.length; k++) codes[k] = analysis.groups[rows[k]];
    const revenueValues = sourceValues('revenue', data, analysis, model);
    const revenueRows = revenueValues ? gather(revenueValues, rows) : null;
    let total = 0;
    if (revenueRows) for (let k = 0; k < revenueRows.length; k++) if (revenueRows[k] === revenueRows[k]) total += revenueRows[k];
    const { profitability, loyalty } = analysis.axisValues;
    segmentFigures = {
      mask,
      groups: analysis.groups,
      revenueColumn,
      rows,
      revenue: revenueRows ? { byGroup: Array.from(segmentSums(revenueRows, codes, analysis.gridSize ** 2)), total } : null,
      scatter: profitability && loyalty ? scatterBins(gather(loyalty, rows), gather(profitability, rows), codes) : null,
    };
    return segmentFigures;
  };
  /** A relationship-group filter of a view as a row mask, null when there is none. */
  // Kept while the groups and the chosen group stay, with the rows it leaves (alone or within a segment).
  let groupFilter: { groups: Uint8Array; code: number; mask: Uint8Array; segment: Uint8Array | null; rows: Uint32Array } | null = null;
  const groupMaskFor = (analysis: Analysis, view: TableView): Uint8Array | null => {
    const code = view.group === null ? -1 : groupCode(analysis.gridSize, view.group);
    if (code < 0) return null;
    if (groupFilter?.groups === analysis.groups && groupFilter.code === code) return groupFilter.mask;
    const mask = codeMask(analysis.groups, code);
    groupFilter = { groups: analysis.groups, code, mask, segment: null, rows: new Uint32Array(0) };
    groupFilter.rows = maskedRows(mask);
    return mask;
  };
  /** The rows a group filter leaves within a segment (or alone): kept beside the group's mask. */
  const groupRowsFor = (groupMask: Uint8Array, segmentMask: Uint8Array | null): Uint32Array => {
    if (groupFilter === null || groupFilter.mask !== groupMask) return maskedRows(bothMasks(segmentMask, groupMask) ?? groupMask);
    if (groupFilter.segment !== segmentMask) {
      groupFilter.segment = segmentMask;
      groupFilter.rows = maskedRows(bothMasks(segmentMask, groupMask) ?? groupMask);
    }
    return groupFilter.rows;
  };
  /**
   * The dashboard's figures. With an RFM segment chosen, every figure is taken over that
   * segment's customers (the grid, distribution and scatter across its groups); a group
   * filter narrows the KPI tiles and factor histograms further (the distribution and
   * summary tiles read that group's slice of the aggregates on the page). The RFM table
   * and the validation stay over everyone: they are what a segment is chosen from and judged by.
   */
  // The seed-formula CLTV column, kept while the file and the columns it reads stay (each explained customer and the export read it).
  let seed: { data: Dataset; key: string; column: ReturnType<typeof seedCltvColumn> } | null = null;
  const seedFor = (data: Dataset, model: Model, revenueColumn: string | null) => {
    const key = JSON.stringify([model.kpiInputs, revenueColumn]);
    if (seed?.data !== data || seed.key !== key) seed = { data, key, column: seedCltvColumn(data, model, revenueColumn) };
    return seed.column;
  };
  /** Per-customer values derived beside the score: the seed-formula CLTV, and the lifetime-value fit's predictions once fitted. */
  const derivedColumns = (data: Dataset, analysis: Analysis, model: Model, fitIfNeeded: boolean): DerivedColumn[] => {
    const columns: DerivedColumn[] = [];
    const seed = seedFor(data, model, analysis.axes.profitability.column);
    if (seed) columns.push({ name: 'cltv_seed', label: SEED_CLTV_LABEL, values: seed.values });
    const fit = model.lifetime === null ? null : fitIfNeeded ? lifetimeFor(data, model.lifetime) : lifetime?.data === data && lifetime.key === JSON.stringify(model.lifetime) ? lifetime : null;
    const values = fit?.predicted.values;
    const months = `(${model.lifetime?.horizonMonths} months)`;
    if (values) {
      columns.push(
        { name: 'p_alive', label: PREDICTED_LABELS.pAlive, values: values.pAlive },
        { name: 'predicted_clv', label: `${PREDICTED_LABELS.clv} ${months}`, values: values.clv },
        { name: 'expected_purchases', label: `${PREDICTED_LABELS.expectedPurchases} ${months}`, values: values.expectedPurchases },
      );
    }
    return columns;
  };
  const summarize = (data: Dataset, analysis: Analysis, model: Model, view: TableView | null = null): AnalysisSummary => {
    const segmentMaskOf = view ? rfmMaskFor(data, model, view) : null;
    const groupMask = view ? groupMaskFor(analysis, view) : null;
    const validation = validate(data, analysis, model);
    const rfm = rfmSummary(data, analysis, model);
    if (segmentMaskOf === null && groupMask === null) {
      const figures = groupFigures(data, analysis, model);
      return summarizeAnalysis(analysis, kpis.compute(data, analysis, model), figures.revenue, figures.scatter, validation, rfm);
    }
    let shown = analysis;
    let revenue: AnalysisSummary['revenue'];
    let scatter: ScatterBins | null;
    let segmentRows: Uint32Array | null = null;
    if (segmentMaskOf) {
      const figures = segmentFiguresFor(data, analysis, model, segmentMaskOf);
      segmentRows = figures.rows;
      revenue = figures.revenue;
      scatter = figures.scatter;
      shown = { ...analysis, aggregates: aggregatesOnRows(analysis.scores, analysis.groups, model.bands, segmentRows) };
    } else {
      const figures = groupFigures(data, analysis, model);
      revenue = figures.revenue;
      scatter = figures.scatter;
    }
    const kpiRows = groupMask === null ? (segmentRows ?? new Uint32Array(0)) : groupRowsFor(groupMask, segmentMaskOf);
    const context = { bands: model.bands, revenueMedian: kpis.revenueMedian(data, analysis, model) };
    shown = { ...shown, factors: analysis.factors.map((factor) => ({ ...factor, ...valueHistogram(gather(factor.values, kpiRows)) })) };
    const summary = summarizeAnalysis(shown, kpisOnRows(data, analysis, model, kpiRows, context), revenue, scatter, validation, rfm);
    return { ...summary, filter: { rfmSegment: segmentMaskOf ? (view?.rfmSegment ?? null) : null, segmentCustomers: segmentRows ? segmentRows.length : data.rowCount, customers: kpiRows.length, allScored: analysis.aggregates.scored } };
  };
  const breakdownOf = (data: Dataset, analysis: Analysis, model: Model, by: BreakdownBy, view: TableView | null = null) => {
    // Per group or band within the RFM segment chosen, if any.
    const mask = view ? rfmMaskFor(data, model, view) : null;
    return kpiBreakdown(data, analysis, model, by, { bands: model.bands, revenueMedian: kpis.revenueMedian(data, analysis, model) }, mask);
  };
  const analysisFor = (data: Dataset, model: Model): Analysis => {
    const key = JSON.stringify(model);
    if (analyzed?.key !== key) analyzed = { key, analysis: analyze(data, model, cache, predictedFor(data, model)) };
    return analyzed.analysis;
  };

  /** The rows of a table request, by CRS through buckets, otherwise through a cached full order. */
  const tablePage = (data: Dataset, analysis: Analysis, model: Model, table: TableRequest): TablePage => {
    const start = Math.max(0, table.start);
    let page: { total: number; rows: Uint32Array };
    if (table.view.sortBy === 'crs') {
      // Sorted by CRS, the order changes with every weight: take the page without a full sort.
      page = crsPage(analysis, model, table.view, start, table.count, bothMasks(tables.matches(data, table.view.search), rfmMaskFor(data, model, table.view)));
    } else {
      const key = `${analyzed?.key}\u0000${JSON.stringify(table.view)}`;
      if (ordered?.key !== key) ordered = { key, order: viewOrder(data, analysis, model, table.view, tables, rfmMaskFor(data, model, table.view)) };
      page = { total: ordered.order.length, rows: ordered.order.subarray(start, start + table.count) };
    }
    return { total: page.total, start, rows: Array.from(page.rows, (row): CustomerRow => customerRow(data, analysis, model, row)) };
  };

  return async function handle(request: EngineRequest): Promise<void> {
    switch (request.type) {
      case 'load': {
        const started = performance.now();
        let bytes: Uint8Array;
        try {
          bytes = await readAll(request.file, (fraction) => post({ type: 'progress', phase: 'reading', fraction }));
        } catch (error) {
          post({ type: 'load-failed', problem: { kind: 'read-failed', message: error instanceof Error ? error.message : String(error) } });
          return;
        }
        const read = performance.now();
        let lastFraction = 0;
        const result = parseCsv(bytes, request.name, (fraction) => {
          if (fraction - lastFraction < PROGRESS_STEP) return;
          lastFraction = fraction;
          post({ type: 'progress', phase: 'parsing', fraction });
        });
        if (!result.ok) {
          post({ type: 'load-failed', problem: result.problem });
          return;
        }
        dataset = result.dataset;
        stable = null;
        const parsed = performance.now();
        // Map and score here, so the page gets a full dashboard in one message.
        const model = autoMap(request.model, dataset.columns);
        const scored = analysisFor(dataset, model);
        // What the first screen needs; the scatter, validation and RFM segments (~300 ms at 1M) come with the page's next analysis.
        const analysis: AnalysisSummary = { ...summarizeAnalysis(scored, kpis.compute(dataset, scored, model), revenueFigures(dataset, scored, model)), isPartial: true };
        const timings = { readMs: read - started, parseMs: parsed - read, analyzeMs: performance.now() - parsed };
        post({ type: 'loaded', summary: summarizeDataset(dataset, request.file.size), model, analysis, timings });
        return;
      }
      case 'analyze': {
        if (!dataset) return post({ type: 'failed', requestId: request.requestId, message: 'No dataset is loaded.' });
        // The table's rows come with the scores: one message, one repaint.
        const analysis = analysisFor(dataset, request.model);
        // The table's rows and, when shown, the tiles per segment come with the scores: one message, one repaint.
        const breakdown = request.breakdownBy === null ? null : breakdownOf(dataset, analysis, request.model, request.breakdownBy, request.table.view);
        post({ type: 'analyzed', requestId: request.requestId, summary: summarize(dataset, analysis, request.model, request.table.view), page: tablePage(dataset, analysis, request.model, request.table), breakdown });
        return;
      }
      case 'export': {
        if (!dataset) return post({ type: 'failed', requestId: request.requestId, message: 'No dataset is loaded.' });
        const analysis = analysisFor(dataset, request.model);
        // The table's view: its filters, search and order, with everything it shows per row.
        const rows = request.view ? viewOrder(dataset, analysis, request.model, request.view, tables, rfmMaskFor(dataset, request.model, request.view)) : null;
        const blob = new Blob(exportScoredCsv(dataset, analysis, request.model, rows, rfmFor(dataset, request.model), derivedColumns(dataset, analysis, request.model, true)), { type: 'text/csv;charset=utf-8' });
        post({ type: 'exported', requestId: request.requestId, blob });
        return;
      }
      case 'rows': {
        if (!dataset) return post({ type: 'failed', requestId: request.requestId, message: 'No dataset is loaded.' });
        post({ type: 'rows', requestId: request.requestId, ...tablePage(dataset, analysisFor(dataset, request.model), request.model, request) });
        return;
      }
      case 'breakdown': {
        if (!dataset) return post({ type: 'failed', requestId: request.requestId, message: 'No dataset is loaded.' });
        post({ type: 'breakdown', requestId: request.requestId, breakdown: breakdownOf(dataset, analysisFor(dataset, request.model), request.model, request.by, request.view ?? null) });
        return;
      }
      case 'scenario': {
        if (!dataset) return post({ type: 'failed', requestId: request.requestId, message: 'No dataset is loaded.' });
        // A is analysed in a cache of its own, so B's (the current) scores stay as they are.
        const keyA = JSON.stringify(request.a);
        if (scenarioA?.key !== keyA) scenarioA = { key: keyA, analysis: analyze(dataset, request.a, cacheA, predictedFor(dataset, request.a)) };
        post({ type: 'scenario', requestId: request.requestId, comparison: compareScenarios(dataset, scenarioA.analysis, request.a, analysisFor(dataset, request.b), request.b) });
        return;
      }
      case 'clv': {
        if (!dataset) return post({ type: 'failed', requestId: request.requestId, message: 'No dataset is loaded.' });
        const fitted = lifetimeFor(dataset, request.inputs);
        post({ type: 'clv', requestId: request.requestId, outcome: fitted.result ? { ok: true, result: fitted.result } : { ok: false, problem: fitted.predicted.problem ?? 'The fit failed.' } });
        return;
      }
      case 'sql': {
        if (!dataset) return post({ type: 'failed', requestId: request.requestId, message: 'No dataset is loaded.' });
        const analysis = analysisFor(dataset, request.model);
        post({ type: 'sql', requestId: request.requestId, dialect: request.dialect, text: modelToSql(request.model, sqlContext(dataset, analysis, request.model, rfmFor(dataset, request.model)), request.dialect) });
        return;
      }
      case 'suggest': {
        if (!dataset) return post({ type: 'failed', requestId: request.requestId, message: 'No dataset is loaded.' });
        post({ type: 'suggested', requestId: request.requestId, suggestion: suggestForModel(dataset, analysisFor(dataset, request.model), request.model) });
        return;
      }
      case 'sensitivity': {
        if (!dataset) return post({ type: 'failed', requestId: request.requestId, message: 'No dataset is loaded.' });
        const analysis = analysisFor(dataset, request.model);
        const result = analyseSensitivity(dataset, analysis, request.model, cache.matrix(dataset, analysis.factors));
        stable = { key: JSON.stringify(request.model), stability: result.stability };
        post({ type: 'sensitivity', requestId: request.requestId, summary: result.summary });
        return;
      }
      case 'customer': {
        if (!dataset) return post({ type: 'failed', requestId: request.requestId, message: 'No dataset is loaded.' });
        const row = request.row;
        const analysis = analysisFor(dataset, request.model);
        const found = row >= 0 && row < dataset.rowCount ? customerRow(dataset, analysis, request.model, row) : null;
        // What the file and the fit say of the customer's value, beside the score (a fit not yet made is not started here).
        const derived = derivedColumns(dataset, analysis, request.model, false).map(({ label, values }) => ({ label, value: values[row] }));
        const customer = found && { ...found, derived: derived.filter((entry) => Number.isFinite(entry.value)) };
        const stability = customer && stable?.key === JSON.stringify(request.model) ? customerStability(stable.stability, row) : null;
        post({ type: 'customer', requestId: request.requestId, customer, stability });
        return;
      }
    }
  };
}
