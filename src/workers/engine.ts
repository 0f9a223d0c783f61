// The engine behind the worker: holds one dataset and its derivation graph, and answers
// each request by asking the graph for what it names. Plain module so tests can drive
// `handle` without a thread.
import { modelColumns, PREDICTED_LABELS, SEED_CLTV_LABEL, type Model } from '../core/model/model';
import { customerRow, viewColumns, type CustomerRow } from '../core/table/table';
import { ensureColumns, loadCsv, type CsvFile, type Dataset, type LoadOptions, type LoadResult } from '../core/dataset/dataset';
import { isSpreadsheetBytes, isSpreadsheetName, readSpreadsheet } from '../core/csv/spreadsheet';
import { bytesSource } from '../core/csv/source';
import { clvInputColumns } from '../core/clv/fromDataset';
import { exportScoredCsv, type DerivedColumn } from '../core/export/csv';
import { autoMap } from '../core/schema/mapping';
import { suggestForModel } from '../core/validation/outcome';
import { compareScenarios } from '../core/whatIf/scenario';
import { analyseSensitivity, customerStability, type RankStability } from '../core/whatIf/sensitivity';
import { modelToSql, sqlContext } from '../core/export/sql';
import { cell } from '../core/derive/memo';
import { createAnalysisGraph, type AnalysisGraph } from '../core/derive/graph';
import {
  summarizeColumn,
  summarizeDataset,
  type ColumnSummary,
  type DatasetSummary,
  type AnalysisDemand,
  type AnalysisPart,
  type AnalysisParts,
  type EngineRequest,
  type EngineResponse,
  type FactorSummary,
  type TablePage,
  type TableRequest,
} from './protocol';
import { openFile } from './blobSource';
import { createComparison, earlierIdColumn, type CompareIds, type Comparison } from './comparison';
import { idColumnOf } from '../core/movement/match';
import type { Scorer } from './scorer';
import { describeLoadProblem, type LoadFailureProblem } from '../core/dataset/problems';

export type Post = (message: EngineResponse) => void;

const PROGRESS_STEP = 0.02;

/**
 * The columns a request reads, scanned before it is answered: the load parsed only those
 * of the model it mapped (src/core/dataset/dataset.ts, loadCsv and ensureColumns).
 */
function columnsFor(request: Exclude<EngineRequest, { type: 'load' }>): (string | null)[] {
  switch (request.type) {
    case 'scenario':
      return [...modelColumns(request.a), ...modelColumns(request.b)];
    case 'clv':
      return clvInputColumns(request.inputs);
    case 'compare':
      return [];
    case 'analyze':
      return [...modelColumns(request.model), ...viewColumns(request.demand.table.view)];
    case 'rows':
      return [...modelColumns(request.model), ...viewColumns(request.view)];
    case 'export':
    case 'breakdown':
      return [...modelColumns(request.model), ...(request.view ? viewColumns(request.view) : [])];
    default:
      return modelColumns(request.model);
  }
}

/** A dataset and what the engine derives from it: the current model's graph, and scenario A's apart. */
interface Loaded {
  graph: AnalysisGraph;
  /** Scenario A is analysed in a graph of its own, so the current scores stay as they are. */
  scenarioGraph: AnalysisGraph;
  /** The part values last sent to the page, by part: a part is sent again only when its value changed. */
  sent: Map<AnalysisPart, unknown>;
  /** Each customer's ranks across nearby models, for the model they were drawn around. */
  stable: { model: Model; stability: RankStability } | null;
  parts: PartCells;
  /** The earlier file compared with, if any, and the id columns last asked for. */
  comparison: Comparison | null;
  compareIds: CompareIds;
}

/** The part values built from derivations: one memo each, so an unchanged derivation gives the same part object. */
function partCells() {
  return { scores: cell<AnalysisParts['scores']>(), axes: cell<AnalysisParts['axes']>(), factors: cell<FactorSummary[]>(), table: cell<TablePage>(), columns: cell<ColumnSummary[]>() };
}
type PartCells = ReturnType<typeof partCells>;

function loadedState(dataset: Dataset): Loaded {
  const state: Loaded = {
    // A movement cell in the table's view keeps the rows the comparison puts there.
    graph: createAnalysisGraph(dataset, (model, view) => state.comparison?.viewMask(model, view, state.compareIds) ?? null),
    scenarioGraph: createAnalysisGraph(dataset),
    sent: new Map(),
    stable: null,
    parts: partCells(),
    comparison: null,
    compareIds: { current: null, previous: null },
  };
  return state;
}

/** One part of the analysis of `model`, from the graph's derivations. */
function partOf(state: Loaded, model: Model, part: AnalysisPart, demand: AnalysisDemand): AnalysisParts[AnalysisPart] {
  const { graph } = state;
  const data = graph.dataset;
  const view = demand.table.view;
  switch (part) {
    case 'scores': {
      const aggregates = graph.aggregates(model, view);
      const rows = graph.filterRows(model, view);
      const all = graph.analysis(model).aggregates;
      return state.parts.scores.get([aggregates, rows.segmentRows, rows.kpiRows, rows.groupMask, all], () => {
        const mean = aggregates.scored > 0 ? aggregates.sum / aggregates.scored : NaN;
        const isFiltered = rows.segmentMask !== null || rows.groupMask !== null;
        const filter = isFiltered
          ? {
              rfmSegment: rows.segmentMask ? (view.rfmSegment ?? null) : null,
              segmentCustomers: rows.segmentRows ? rows.segmentRows.length : data.rowCount,
              customers: rows.kpiRows.length,
              allScored: all.scored,
            }
          : undefined;
        return { aggregates, mean, filter };
      });
    }
    case 'axes': {
      const analysis = graph.analysis(model);
      return state.parts.axes.get([analysis.axes, analysis.gridSize], () => ({ axes: analysis.axes, gridSize: analysis.gridSize }));
    }
    case 'factors': {
      const factors = graph.factors(model, view);
      return state.parts.factors.get([factors], () =>
        factors.map(({ factorId, column, description, why, clamped, missing, histogram, mean }) => ({ factorId, column, description, why, clamped, missing, histogram, mean })),
      );
    }
    case 'kpis':
      return graph.kpis(model, view);
    case 'revenue':
      return graph.revenue(model, view);
    case 'scatter':
      return graph.scatter(model, view);
    case 'validation':
      return graph.validation(model);
    case 'auc':
      return graph.auc(model);
    case 'rfm':
      return graph.rfmSummary(model);
    case 'breakdown':
      return demand.breakdownBy === null ? null : graph.breakdown(model, demand.breakdownBy, view);
    case 'columns': {
      // The columns the load left unread are read now, all at once (one pass over the file).
      ensureColumns(
        data,
        data.columns.map((column) => column.name),
      );
      return state.parts.columns.get([...data.columns], () => data.columns.map(summarizeColumn));
    }
    case 'movement':
      return state.comparison ? state.comparison.summary(model, state.compareIds) : null;
    case 'earlier':
      return state.comparison ? state.comparison.earlier(model, view) : null;
    case 'table': {
      const analysis = graph.analysis(model);
      const { start, count } = demand.table;
      return state.parts.table.get([analysis, view, start, count], () => tablePage(graph, model, demand.table));
    }
  }
}

/** The parts asked for that changed since they were last sent. */
function changedParts(state: Loaded, model: Model, demand: AnalysisDemand): Partial<AnalysisParts> {
  if (demand.compareIds) state.compareIds = demand.compareIds;
  const out: Partial<Record<AnalysisPart, unknown>> = {};
  for (const part of demand.parts) {
    const value = partOf(state, model, part, demand);
    if (state.sent.has(part) && Object.is(state.sent.get(part), value)) continue;
    state.sent.set(part, value);
    out[part] = value;
  }
  return out as Partial<AnalysisParts>;
}

/** The rows of a table request, by CRS through buckets, otherwise through the graph's kept order. */
function tablePage(graph: AnalysisGraph, model: Model, table: TableRequest): TablePage {
  const start = Math.max(0, table.start);
  const page = graph.tableRows(model, table.view, start, table.count);
  const analysis = graph.analysis(model);
  return { total: page.total, start, rows: Array.from(page.rows, (row): CustomerRow => customerRow(graph.dataset, analysis, model, row)) };
}

/** Per-customer values derived beside the score: the seed-formula CLTV, and the lifetime-value fit's predictions once fitted. */
function derivedColumns(graph: AnalysisGraph, model: Model, fitIfNeeded: boolean): DerivedColumn[] {
  const columns: DerivedColumn[] = [];
  const seed = graph.seedCltv(model);
  if (seed) columns.push({ name: 'cltv_seed', label: SEED_CLTV_LABEL, values: seed.values });
  const fit = model.lifetime === null ? null : fitIfNeeded ? graph.lifetime(model.lifetime) : graph.lifetimeIfFitted(model.lifetime);
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
}

/**
 * Reads a file into a dataset: a CSV streamed, a spreadsheet (by its name, or a workbook the CSV
 * reader found binary) read whole and written out as CSV first (src/core/csv/spreadsheet.ts).
 * `readMs`: the time before the CSV reader started, which counts as waiting for bytes.
 */
async function readDataset(
  file: Blob,
  name: string,
  options: LoadOptions,
  sheet: string | undefined,
): Promise<({ ok: true; result: Extract<LoadResult, { ok: true }> } | { ok: false; problem: LoadFailureProblem }) & { sheets: DatasetSummary['sheets']; readMs: number }> {
  const started = performance.now();
  let sheets: DatasetSummary['sheets'] = null;
  let readMs = 0;
  const spreadsheetFile = async (): Promise<CsvFile | LoadFailureProblem> => {
    const read = await readSpreadsheet(new Uint8Array(await file.arrayBuffer()), sheet);
    if (!read.ok) return { kind: 'spreadsheet', message: read.problem };
    sheets = { names: read.sheets, read: read.read };
    return { source: bytesSource(read.csv) };
  };
  const isProblem = (value: CsvFile | LoadFailureProblem): value is LoadFailureProblem => 'kind' in value;
  try {
    // Node has no FileReaderSync: there the file is read whole first (blobSource.ts), which counts as waiting for bytes.
    // A CSV goes straight to the stream: no read of its first bytes ahead of the load.
    const csv = isSpreadsheetName(name) ? await spreadsheetFile() : await openFile(file);
    if (isProblem(csv)) return { ok: false, problem: csv, sheets, readMs };
    readMs = performance.now() - started;
    let result = await loadCsv(csv, name, options);
    // A workbook without its extension: the CSV reader finds it binary, and its first bytes are a ZIP's or an OLE2 file's.
    if (!result.ok && result.problem.kind === 'binary' && sheets === null && isSpreadsheetBytes(new Uint8Array(await file.slice(0, 8).arrayBuffer()))) {
      const workbook = await spreadsheetFile();
      if (isProblem(workbook)) return { ok: false, problem: workbook, sheets, readMs };
      result = await loadCsv(workbook, name, options);
    }
    return result.ok ? { ok: true, result, sheets, readMs } : { ok: false, problem: result.problem, sheets, readMs };
  } catch (error) {
    return { ok: false, problem: { kind: 'read-failed', message: error instanceof Error ? error.message : String(error) }, sheets, readMs };
  }
}

/** The parts that read the earlier file of a comparison: with a scoring thread, they wait for its pass. */
const COMPARISON_PARTS: readonly AnalysisPart[] = ['movement', 'earlier'];

export interface EngineOptions {
  /** Starts a scoring thread for the earlier file of a comparison (the worker's scorer.worker.ts); without one, the engine scores both files itself. */
  startScorer?: () => Scorer;
}

export function createEngine(post: Post, options: EngineOptions = {}): (request: EngineRequest) => Promise<void> {
  let state: Loaded | null = null;
  let scorer: Scorer | null = null;
  /** The earlier file's pass for `model` started on the scoring thread, if the demand reads the comparison and that pass is not kept. */
  const earlierPass = (loaded: Loaded, model: Model, demand: AnalysisDemand): Promise<void> | null => {
    if (!loaded.comparison || !options.startScorer || !demand.parts.some((part) => COMPARISON_PARTS.includes(part))) return null;
    scorer ??= options.startScorer();
    // The movement's earlier side (band codes, matched sum) is made there only when the movement is asked for.
    return loaded.comparison.scoreEarlierOn(scorer, model, demand.compareIds ?? loaded.compareIds, demand.parts.includes('movement'));
  };
  /** The request's model and view as the graph knows them: unchanged parts keep their identity. */
  const interned = (graph: AnalysisGraph, model: Model, demand: AnalysisDemand): { model: Model; demand: AnalysisDemand } => ({
    model: graph.intern(model),
    demand: { ...demand, table: { ...demand.table, view: graph.internView(demand.table.view) } },
  });

  const load = async (request: Extract<EngineRequest, { type: 'load' }>): Promise<void> => {
    const started = performance.now();
    let waitedMs = 0;
    let waitStarted = 0;
    let lastFraction = 0;
    const options: LoadOptions = {
      // Only what the first screen reads: the columns of the model auto-mapped from the header and the sample's kinds.
      wantedColumns: (columns) => modelColumns(autoMap(request.model, columns)),
      // The id column a comparison would match on, kept as it is read (a few bytes a row), so comparing later reads nothing again.
      idColumn: (columns) => columns[idColumnOf(columns.map((column) => column.name))]?.name ?? null,
      onProgress: (fraction) => {
        if (fraction - lastFraction < PROGRESS_STEP) return;
        lastFraction = fraction;
        post({ type: 'progress', phase: 'parsing', fraction });
      },
      onReadWait: (isWaiting) => {
        if (isWaiting) waitStarted = performance.now();
        else waitedMs += performance.now() - waitStarted;
      },
      headerIndex: request.headerIndex,
    };
    const read = await readDataset(request.file, request.name, options, request.sheet);
    waitedMs += read.readMs;
    if (!read.ok) {
      post({ type: 'load-failed', problem: read.problem });
      return;
    }
    const { result, sheets } = read;
    state = loadedState(result.dataset);
    const parsed = performance.now();
    // Map (as the load did, from the same names and kinds), then derive only the parts the views on screen asked for: the page gets its first screen in one message.
    const asked = interned(state.graph, autoMap(request.model, result.dataset.columns), request.demand);
    ensureColumns(result.dataset, [...modelColumns(asked.model), ...viewColumns(asked.demand.table.view)]);
    const parts = changedParts(state, asked.model, asked.demand);
    const timings = { readMs: waitedMs, parseMs: parsed - started - waitedMs, analyzeMs: performance.now() - parsed };
    post({ type: 'loaded', summary: summarizeDataset(result.dataset, request.file.size, sheets), model: asked.model, parts, timings });
  };

  return async function handle(request: EngineRequest): Promise<void> {
    const arrived = performance.now();
    if (request.type === 'load') return load(request);
    if (!state) return post({ type: 'failed', requestId: request.requestId, message: 'No dataset is loaded.' });
    if (request.type === 'compare') {
      if (request.file === null) {
        state.comparison = null;
        scorer?.forget();
        state.sent.delete('movement');
        state.sent.delete('earlier');
        post({ type: 'compared', requestId: request.requestId, outcome: { ok: false, message: 'No earlier file.' } });
        return;
      }
      // Its reading scans the columns the model reads, as a load does; others are scanned when first read.
      // The earlier file's id column as the comparison will look for it: named as the current one's, else found from its header.
      const currentId = state.graph.dataset.ids ? state.graph.dataset.columns[state.graph.dataset.ids.column].name : null;
      const idColumn = (columns: readonly { name: string }[]) =>
        earlierIdColumn(
          columns.map((column) => column.name),
          currentId,
        );
      const read = await readDataset(request.file, request.name, { wantedColumns: () => modelColumns(request.model), idColumn }, undefined);
      if (!read.ok) {
        post({ type: 'compared', requestId: request.requestId, outcome: { ok: false, message: describeLoadProblem(read.problem, request.name) } });
        return;
      }
      const earlier = read.result.dataset;
      state.comparison = createComparison(state.graph, createAnalysisGraph(earlier), request.name);
      state.sent.delete('movement');
      state.sent.delete('earlier');
      post({ type: 'compared', requestId: request.requestId, outcome: { ok: true, name: request.name, rows: earlier.rowCount, notices: earlier.notices }, workerMs: performance.now() - arrived });
      return;
    }
    const { graph } = state;
    const dataset = graph.dataset;
    ensureColumns(dataset, columnsFor(request));
    switch (request.type) {
      case 'analyze': {
        const { model, demand } = interned(graph, request.model, request.demand);
        const loaded = state;
        const pending = earlierPass(loaded, model, demand);
        if (pending === null) {
          post({ type: 'analyzed', requestId: request.requestId, parts: changedParts(loaded, model, demand), current: demand.parts, workerMs: performance.now() - arrived });
          return;
        }
        // The current file's parts while the scoring thread scores the earlier file; then the comparison's.
        const parts = changedParts(loaded, model, { ...demand, parts: demand.parts.filter((part) => !COMPARISON_PARTS.includes(part)) });
        const waitFrom = performance.now();
        try {
          await pending;
        } catch (error) {
          // The comparison's parts are still answered: the earlier file's graph makes the pass itself.
          console.warn('CRS Studio: the scoring thread failed; the engine scores the earlier file itself.', error);
          scorer = null;
        }
        const waitedMs = performance.now() - waitFrom;
        Object.assign(parts, changedParts(loaded, model, { ...demand, parts: demand.parts.filter((part) => COMPARISON_PARTS.includes(part)) }));
        post({ type: 'analyzed', requestId: request.requestId, parts, current: demand.parts, workerMs: performance.now() - arrived, waitedMs });
        return;
      }
      case 'rows': {
        const model = graph.intern(request.model);
        post({ type: 'rows', requestId: request.requestId, ...tablePage(graph, model, { ...request, view: graph.internView(request.view) }) });
        return;
      }
      case 'export': {
        if (request.gone) {
          // The earlier file's customers gone since, scored as in the comparison, in its file order.
          const gone = state.comparison?.goneExport(request.model, state.compareIds, request.gone.table, request.gone.from);
          if (!gone) return post({ type: 'failed', requestId: request.requestId, message: 'No earlier file is compared.' });
          post({ type: 'exported', requestId: request.requestId, blob: new Blob(gone, { type: 'text/csv;charset=utf-8' }) });
          return;
        }
        const model = graph.intern(request.model);
        const analysis = graph.analysis(model);
        // The table's view: its filters, search and order, with everything it shows per row.
        const rows = request.view ? graph.order(model, graph.internView(request.view)) : null;
        const previous = state.comparison ? state.comparison.previousColumns(model, state.compareIds) : null;
        const blob = new Blob(exportScoredCsv(dataset, analysis, model, rows, graph.rfmScores(model), derivedColumns(graph, model, true), previous), { type: 'text/csv;charset=utf-8' });
        post({ type: 'exported', requestId: request.requestId, blob });
        return;
      }
      case 'breakdown': {
        const model = graph.intern(request.model);
        const view = request.view ? graph.internView(request.view) : { rfmSegment: null, group: null };
        post({ type: 'breakdown', requestId: request.requestId, breakdown: graph.breakdown(model, request.by, view) });
        return;
      }
      case 'scenario': {
        const a = state.scenarioGraph.intern(request.a);
        const b = graph.intern(request.b);
        post({ type: 'scenario', requestId: request.requestId, comparison: compareScenarios(dataset, state.scenarioGraph.analysis(a), a, graph.analysis(b), b) });
        return;
      }
      case 'clv': {
        const fitted = graph.lifetime(request.inputs);
        post({ type: 'clv', requestId: request.requestId, outcome: fitted.result ? { ok: true, result: fitted.result } : { ok: false, problem: fitted.predicted.problem ?? 'The fit failed.' } });
        return;
      }
      case 'sql': {
        const model = graph.intern(request.model);
        const context = sqlContext(dataset, graph.analysis(model), model, graph.rfmScores(model));
        // The movement columns need both an earlier file compared here and the table it was loaded into.
        const previousTable = request.previousTable?.trim() || null;
        const previous = previousTable !== null && state.comparison ? state.comparison.sqlReading(model, state.compareIds) : null;
        const text = previous ? modelToSql(model, { ...context, previous }, request.dialect, undefined, previousTable) : modelToSql(model, context, request.dialect);
        post({ type: 'sql', requestId: request.requestId, dialect: request.dialect, text });
        return;
      }
      case 'suggest': {
        const model = graph.intern(request.model);
        post({ type: 'suggested', requestId: request.requestId, suggestion: suggestForModel(dataset, graph.analysis(model), model) });
        return;
      }
      case 'sensitivity': {
        const model = graph.intern(request.model);
        const result = analyseSensitivity(dataset, graph.analysis(model), model, graph.matrix(model));
        state.stable = { model, stability: result.stability };
        post({ type: 'sensitivity', requestId: request.requestId, summary: result.summary });
        return;
      }
      case 'customer': {
        const model = graph.intern(request.model);
        const row = request.row;
        const analysis = graph.analysis(model);
        const found = row >= 0 && row < dataset.rowCount ? customerRow(dataset, analysis, model, row) : null;
        // What the file and the fit say of the customer's value, beside the score (a fit not yet made is not started here).
        const derived = derivedColumns(graph, model, false).map(({ label, values }) => ({ label, value: values[row] }));
        const customer = found && { ...found, derived: derived.filter((entry) => Number.isFinite(entry.value)) };
        const stability = customer && state.stable?.model === model ? customerStability(state.stable.stability, row) : null;
        const previous = found && state.comparison ? state.comparison.customer(model, found, state.compareIds) : null;
        post({ type: 'customer', requestId: request.requestId, customer, stability, previous });
        return;
      }
    }
  };
}
