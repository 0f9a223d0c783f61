// Messages between the page and the engine worker: unions tagged by `type`. Each engine
// worker holds one dataset; requests carry a requestId so the client can drop stale
// results.
import type { Analysis } from '../core/scoring/analysis';
import type { AucFigure } from '../core/derive/graph';
import { emptyAggregates } from '../core/scoring/score';
import type { Column, ColumnKind, Dataset, HeaderInfo } from '../core/dataset/dataset';
import type { Model } from '../core/model/model';
import type { CustomerRow, TableView } from '../core/table/table';
import type { ScoreAggregates } from '../core/scoring/score';
import type { Kpi } from '../core/kpis/kpis';
import type { BreakdownBy, KpiBreakdown } from '../core/kpis/breakdown';
import type { ScatterBins } from '../core/groups/scatter';
import type { ValidationSummary, WeightSuggestion } from '../core/validation/outcome';
import type { ScenarioComparison } from '../core/whatIf/scenario';
import type { RfmSummary } from '../core/rfm/rfm';
import type { CustomerStability, SensitivitySummary } from '../core/whatIf/sensitivity';
import { SQL_DIALECTS, type SqlDialect } from '../core/export/sql';
import type { ClvInputs, ClvResult } from '../core/clv/fromDataset';
import { columnStats } from '../core/scoring/normalize';
import type { CompareIds, EarlierFigures, MovementSummary, PreviousCustomer } from './comparison';

/**
 * The parts of an analysis a view can ask for. A view asks only while it is on screen (or
 * about to be); the engine computes a part only when asked, and sends it only when it
 * changed since it last sent it, so a weight change re-renders only what changed.
 */
export const ANALYSIS_PARTS = ['scores', 'axes', 'factors', 'kpis', 'revenue', 'scatter', 'validation', 'auc', 'rfm', 'table', 'breakdown', 'columns', 'movement', 'earlier'] as const;
export type AnalysisPart = (typeof ANALYSIS_PARTS)[number];

/** The parts' values: each the result of one derivation (src/core/derive/graph.ts). */
export interface AnalysisParts {
  /** The distribution, bands and grid counts, the mean, and the filter they were taken under. */
  scores: Pick<AnalysisSummary, 'aggregates' | 'mean' | 'filter'>;
  axes: Pick<AnalysisSummary, 'axes' | 'gridSize'>;
  factors: FactorSummary[];
  kpis: Kpi[];
  revenue: AnalysisSummary['revenue'];
  scatter: ScatterBins | null;
  validation: ValidationSummary | null;
  auc: AucFigure | null;
  rfm: RfmSummary | null;
  table: TablePage;
  breakdown: KpiBreakdown | null;
  /**
   * Every column's summary, each scanned: the load reads only the columns its model uses,
   * so views that list or describe any column (the mapping's pickers, the outcome picker)
   * ask for this, and the engine reads the rest of the file's columns then.
   */
  columns: ColumnSummary[];
  /** Who moved since the earlier file the current one is compared with; null with none loaded. */
  movement: MovementSummary | null;
  /** The earlier file's headline figures under the same model and filter, for the change on each tile (the tiles ask for it, not the movement panel); null with none compared. */
  earlier: EarlierFigures | null;
}

/** What an analysis is asked for: the parts the views on screen show, and what those parts read beside the model. */
export interface AnalysisDemand {
  parts: AnalysisPart[];
  table: TableRequest;
  breakdownBy: BreakdownBy | null;
  /** The id columns two compared files are matched on (null: found from the headers). */
  compareIds?: CompareIds;
}

export type EngineRequest =
  /** headerIndex, sheet: the header row and spreadsheet sheet the user chose; found when absent. */
  | { type: 'load'; file: Blob; name: string; model: Model; demand: AnalysisDemand; headerIndex?: number; sheet?: string }
  | { type: 'analyze'; requestId: number; model: Model; demand: AnalysisDemand }
  /** gone: the earlier file's customers gone since (from one earlier band or group, or all), instead of the current file's. */
  | { type: 'export'; requestId: number; model: Model; view: TableView | null; gone?: { table: 'band' | 'group'; from: number | null } }
  | ({ type: 'rows'; requestId: number; model: Model } & TableRequest)
  | { type: 'customer'; requestId: number; model: Model; row: number }
  | { type: 'breakdown'; requestId: number; model: Model; by: BreakdownBy; view?: TableView }
  | { type: 'suggest'; requestId: number; model: Model }
  | { type: 'sensitivity'; requestId: number; model: Model }
  | { type: 'scenario'; requestId: number; a: Model; b: Model }
  /** previousTable: the earlier file's warehouse table; with a file compared, the SQL adds the movement columns by joining it. */
  | { type: 'sql'; requestId: number; model: Model; dialect: SqlDialect; previousTable?: string }
  | { type: 'clv'; requestId: number; inputs: ClvInputs }
  /** An earlier file to compare the current one with, replacing the one before; null forgets it. */
  | { type: 'compare'; requestId: number; file: Blob | null; name: string; model: Model };

import type { LoadFailureProblem } from '../core/dataset/problems';

export type EngineResponse =
  | { type: 'progress'; phase: 'reading' | 'parsing'; fraction: number }
  | { type: 'loaded'; summary: DatasetSummary; model: Model; parts: Partial<AnalysisParts>; timings: LoadTimings }
  | { type: 'load-failed'; problem: LoadFailureProblem }
  /** parts: those asked for that changed since last sent; current: every part asked for, now up to date on the page. */
  /** workerMs: the engine's time on the request, from its arrival to the answer (the page marks it, crs:analyzed, for DevTools and the bench); waitedMs: the part of it spent waiting for the scoring thread. */
  | { type: 'analyzed'; requestId: number; parts: Partial<AnalysisParts>; current: AnalysisPart[]; workerMs?: number; waitedMs?: number }
  | { type: 'exported'; requestId: number; blob: Blob }
  | ({ type: 'rows'; requestId: number } & TablePage)
  /** stability: the customer's ranks across nearby models, when sensitivity was analysed for this model. */
  | { type: 'customer'; requestId: number; customer: CustomerRow | null; stability?: CustomerStability | null; previous?: PreviousCustomer | null }
  | { type: 'breakdown'; requestId: number; breakdown: KpiBreakdown }
  | { type: 'suggested'; requestId: number; suggestion: WeightSuggestion }
  | { type: 'sensitivity'; requestId: number; summary: SensitivitySummary }
  | { type: 'scenario'; requestId: number; comparison: ScenarioComparison }
  | { type: 'sql'; requestId: number; dialect: SqlDialect; text: string }
  | { type: 'clv'; requestId: number; outcome: { ok: true; result: ClvResult } | { ok: false; problem: string } }
  /** workerMs: the engine's time reading the earlier file (marked crs:compared on the page). */
  | { type: 'compared'; requestId: number; outcome: { ok: true; name: string; rows: number; notices: string[] } | { ok: false; message: string }; workerMs?: number }
  | { type: 'failed'; requestId: number; message: string };

/** The table rows a request wants: what is on screen plus a margin, in a view. */
export interface TableRequest {
  view: TableView;
  start: number;
  count: number;
}

export interface TablePage {
  total: number;
  start: number;
  rows: CustomerRow[];
}

/** Where a load's time went in the worker. */
export interface LoadTimings {
  readMs: number;
  parseMs: number;
  analyzeMs: number;
}

export interface ColumnSummary {
  name: string;
  kind: ColumnKind;
  /**
   * Whether the column's cells have been read. The load reads only the columns its model
   * uses (src/core/dataset/dataset.ts, loadCsv); until another is read (ensureColumns), its missing
   * and invalid counts are 0, its min and max NaN, and it has no categories: unknown, not none.
   */
  isScanned: boolean;
  missing: number;
  invalid: number;
  min: number;
  max: number;
  /** A categorical text column's values (src/core/dataset/dataset.ts), for its points-per-value table. */
  categories?: string[];
}

/** What the page needs to know of a dataset: never the columns themselves. */
export interface DatasetSummary {
  name: string;
  sizeBytes: number;
  rowCount: number;
  columns: ColumnSummary[];
  encoding: string;
  delimiter: string;
  decimal: 'point' | 'comma';
  raggedRows: number;
  notices: string[];
  /** The header's line and the first rows a user may choose instead (Dataset.header). */
  header: HeaderInfo;
  /** A spreadsheet's sheets and the one read; null for a CSV. */
  sheets: { names: string[]; read: string } | null;
}

export interface FactorSummary {
  factorId: string;
  column: string;
  description: string;
  /** Why Automatic chose its method, or null (the user chose it). */
  why: string | null;
  clamped: number;
  missing: number;
  /** Customers per 5-point bin of the factor's 0–100 value, and its mean. */
  histogram: Uint32Array;
  mean: number;
}

/** The aggregates the dashboard draws, for one model. */
export interface AnalysisSummary {
  factors: FactorSummary[];
  kpis: Kpi[];
  /** Revenue (profitability column) per group code, and over all customers; null without the column. */
  revenue: { byGroup: number[]; total: number } | null;
  /** Profitability × loyalty, binned; null unless both axes are mapped. */
  scatter: ScatterBins | null;
  /** How well the CRS predicts the outcome column; null without one. */
  validation: ValidationSummary | null;
  /** RFM segments and the R×F heatmap; null unless recency and frequency are mapped. */
  rfm: RfmSummary | null;
  /** The AUC beside the sliders; null without an outcome column. */
  auc: AucFigure | null;
  axes: Analysis['axes'];
  gridSize: Analysis['gridSize'];
  /**
   * The filter the figures were taken under, or absent for everyone: the RFM segment (the
   * grid, distribution and scatter cover its customers), and how many customers the KPI
   * tiles and factor histograms cover (the segment, narrowed by a group filter).
   */
  filter?: { rfmSegment: string | null; segmentCustomers: number; customers: number; allScored: number };
  aggregates: ScoreAggregates;
  mean: number;
  /** Who moved since the earlier file compared with; null without one. */
  movement: MovementSummary | null;
  earlier: EarlierFigures | null;
}

export function summarizeDataset(dataset: Dataset, sizeBytes: number, sheets: DatasetSummary['sheets'] = null): DatasetSummary {
  return {
    name: dataset.name,
    sizeBytes,
    rowCount: dataset.rowCount,
    columns: dataset.columns.map(summarizeColumn),
    encoding: dataset.sourceEncoding,
    delimiter: dataset.dialect.delimiter,
    decimal: dataset.dialect.decimal,
    raggedRows: dataset.raggedRows.length,
    notices: dataset.notices,
    header: dataset.header,
    sheets,
  };
}

export function summarizeColumn(column: Column): ColumnSummary {
  if (!column.isScanned) return { name: column.name, kind: column.kind, isScanned: false, missing: 0, invalid: 0, min: NaN, max: NaN };
  const stats = column.values ? columnStats(column.values) : null;
  return {
    name: column.name,
    kind: column.kind,
    isScanned: true,
    missing: column.missingCount,
    invalid: column.invalidRows.length,
    min: stats ? stats.min : NaN,
    max: stats ? stats.max : NaN,
    ...(column.categories ? { categories: column.categories } : {}),
  };
}

/** The dashboard before any part arrived: empty figures, so a view that shows a part not yet sent draws nothing rather than stale numbers. */
export function emptyAnalysis(): AnalysisSummary {
  const aggregates = emptyAggregates();
  const axis = { column: null, label: null, source: { kind: 'column' as const }, split: NaN, upper: NaN, isMedian: true, unavailable: null };
  return {
    factors: [],
    kpis: [],
    revenue: null,
    scatter: null,
    validation: null,
    rfm: null,
    auc: null,
    axes: { profitability: axis, loyalty: axis },
    gridSize: 2,
    aggregates,
    mean: NaN,
    movement: null,
    earlier: null,
  };
}

/** The dashboard with the parts that arrived merged in: a part not in `parts` keeps its object, so the views reading it do not re-render. */
export function mergeParts(analysis: AnalysisSummary | null, parts: Partial<AnalysisParts>): AnalysisSummary {
  const next: AnalysisSummary = { ...(analysis ?? emptyAnalysis()) };
  if (parts.scores) Object.assign(next, parts.scores);
  if (parts.axes) Object.assign(next, parts.axes);
  if (parts.factors) next.factors = parts.factors;
  if (parts.kpis) next.kpis = parts.kpis;
  if ('revenue' in parts) next.revenue = parts.revenue ?? null;
  if ('scatter' in parts) next.scatter = parts.scatter ?? null;
  if ('validation' in parts) next.validation = parts.validation ?? null;
  if ('auc' in parts) next.auc = parts.auc ?? null;
  if ('rfm' in parts) next.rfm = parts.rfm ?? null;
  if ('movement' in parts) next.movement = parts.movement ?? null;
  if ('earlier' in parts) next.earlier = parts.earlier ?? null;
  return next;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Guard for messages arriving from the worker (unknown at the boundary). */
export function isEngineResponse(value: unknown): value is EngineResponse {
  if (!isObject(value) || typeof value.type !== 'string') return false;
  return ['progress', 'loaded', 'load-failed', 'analyzed', 'exported', 'rows', 'customer', 'breakdown', 'suggested', 'sensitivity', 'scenario', 'sql', 'clv', 'compared', 'failed'].includes(value.type);
}

/** Guard for messages arriving at the worker. */
export function isEngineRequest(value: unknown): value is EngineRequest {
  if (!isObject(value) || typeof value.type !== 'string') return false;
  if (value.type === 'load')
    return (
      value.file instanceof Blob &&
      typeof value.name === 'string' &&
      isObject(value.model) &&
      isDemand(value.demand) &&
      (value.headerIndex === undefined || (Number.isInteger(value.headerIndex) && (value.headerIndex as number) >= 0)) &&
      (value.sheet === undefined || typeof value.sheet === 'string')
    );
  if (typeof value.requestId !== 'number') return false;
  // Scenario compare carries two models, A and B; every other request carries one.
  if (value.type === 'scenario') return isObject(value.a) && isObject(value.b);
  // Lifetime value reads columns the user chose, not the model.
  if (value.type === 'clv') return isObject(value.inputs);
  if (value.type === 'compare') return (value.file === null || value.file instanceof Blob) && typeof value.name === 'string' && isObject(value.model);
  if (!isObject(value.model)) return false;
  if (value.type === 'rows') return isTableRequest(value);
  if (value.type === 'analyze') return isDemand(value.demand);
  if (value.type === 'customer') return typeof value.row === 'number';
  if (value.type === 'breakdown') return value.by === 'group' || value.by === 'band';
  if (value.type === 'suggest' || value.type === 'sensitivity') return true;
  if (value.type === 'sql')
    return typeof value.dialect === 'string' && (SQL_DIALECTS as readonly string[]).includes(value.dialect) && (value.previousTable === undefined || typeof value.previousTable === 'string');
  if (value.type !== 'export') return false;
  const gone = value.gone;
  return gone === undefined || (isObject(gone) && (gone.table === 'band' || gone.table === 'group') && (gone.from === null || Number.isInteger(gone.from)));
}

function isDemand(value: unknown): value is AnalysisDemand {
  if (!isObject(value) || !Array.isArray(value.parts) || !isTableRequest(value.table)) return false;
  const parts: unknown[] = value.parts;
  return parts.every((part) => (ANALYSIS_PARTS as readonly unknown[]).includes(part)) && (value.breakdownBy === null || value.breakdownBy === 'group' || value.breakdownBy === 'band');
}

function isTableRequest(value: unknown): value is TableRequest {
  return isObject(value) && isObject(value.view) && typeof value.view.search === 'string' && typeof value.start === 'number' && typeof value.count === 'number';
}
