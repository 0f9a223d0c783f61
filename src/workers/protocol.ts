// Messages between the page and the engine worker: unions tagged by `type`. Each engine
// worker holds one dataset; requests carry a requestId so the client can drop stale
// results.
import type { Analysis } from '../core/analysis';
import type { ColumnKind, Dataset } from '../core/dataset';
import type { Model } from '../core/model';
import type { CustomerRow, TableView } from '../core/table';
import type { ScoreAggregates } from '../core/score';
import type { Kpi } from '../core/kpis';
import type { BreakdownBy, KpiBreakdown } from '../core/breakdown';
import type { ScatterBins } from '../core/scatter';
import type { ValidationSummary, WeightSuggestion } from '../core/outcome';
import type { ScenarioComparison } from '../core/scenario';
import type { RfmSummary } from '../core/rfm';
import type { CustomerStability, SensitivitySummary } from '../core/sensitivity';
import { SQL_DIALECTS, type SqlDialect } from '../core/export/sql';
import type { ClvInputs, ClvResult } from '../core/clv/fromDataset';
import { columnStats } from '../core/normalize';

export type EngineRequest =
  | { type: 'load'; file: Blob; name: string; model: Model }
  | { type: 'analyze'; requestId: number; model: Model; table: TableRequest; breakdownBy: BreakdownBy | null }
  | { type: 'export'; requestId: number; model: Model; view: TableView | null }
  | ({ type: 'rows'; requestId: number; model: Model } & TableRequest)
  | { type: 'customer'; requestId: number; model: Model; row: number }
  | { type: 'breakdown'; requestId: number; model: Model; by: BreakdownBy; view?: TableView }
  | { type: 'suggest'; requestId: number; model: Model }
  | { type: 'sensitivity'; requestId: number; model: Model }
  | { type: 'scenario'; requestId: number; a: Model; b: Model }
  | { type: 'sql'; requestId: number; model: Model; dialect: SqlDialect }
  | { type: 'clv'; requestId: number; inputs: ClvInputs };

import type { LoadFailureProblem } from '../core/problems';

export type EngineResponse =
  | { type: 'progress'; phase: 'reading' | 'parsing'; fraction: number }
  | { type: 'loaded'; summary: DatasetSummary; model: Model; analysis: AnalysisSummary; timings: LoadTimings }
  | { type: 'load-failed'; problem: LoadFailureProblem }
  | { type: 'analyzed'; requestId: number; summary: AnalysisSummary; page: TablePage; breakdown: KpiBreakdown | null }
  | { type: 'exported'; requestId: number; blob: Blob }
  | ({ type: 'rows'; requestId: number } & TablePage)
  /** stability: the customer's ranks across nearby models, when sensitivity was analysed for this model. */
  | { type: 'customer'; requestId: number; customer: CustomerRow | null; stability?: CustomerStability | null }
  | { type: 'breakdown'; requestId: number; breakdown: KpiBreakdown }
  | { type: 'suggested'; requestId: number; suggestion: WeightSuggestion }
  | { type: 'sensitivity'; requestId: number; summary: SensitivitySummary }
  | { type: 'scenario'; requestId: number; comparison: ScenarioComparison }
  | { type: 'sql'; requestId: number; dialect: SqlDialect; text: string }
  | { type: 'clv'; requestId: number; outcome: { ok: true; result: ClvResult } | { ok: false; problem: string } }
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
  missing: number;
  invalid: number;
  min: number;
  max: number;
  /** A categorical text column's values (src/core/dataset.ts), for its points-per-value table. */
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
}

export interface FactorSummary {
  factorId: string;
  column: string;
  description: string;
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
  axes: Analysis['axes'];
  gridSize: Analysis['gridSize'];
  /**
   * The filter the figures were taken under, or absent for everyone: the RFM segment (the
   * grid, distribution and scatter cover its customers), and how many customers the KPI
   * tiles and factor histograms cover (the segment, narrowed by a group filter).
   */
  filter?: { rfmSegment: string | null; segmentCustomers: number; customers: number; allScored: number };
  /**
   * The first dashboard of a load: scores, tiles, distribution and grid, without the scatter,
   * the validation and the RFM segments, which follow in the next analysis (the page asks at once).
   */
  isPartial?: boolean;
  aggregates: ScoreAggregates;
  mean: number;
}

export function summarizeDataset(dataset: Dataset, sizeBytes: number): DatasetSummary {
  return {
    name: dataset.name,
    sizeBytes,
    rowCount: dataset.rowCount,
    columns: dataset.columns.map((column) => {
      const stats = column.values ? columnStats(column.values) : null;
      return { name: column.name, kind: column.kind, missing: column.missingCount, invalid: column.invalidRows.length, min: stats ? stats.min : NaN, max: stats ? stats.max : NaN, ...(column.categories ? { categories: column.categories } : {}) };
    }),
    encoding: dataset.sourceEncoding,
    delimiter: dataset.dialect.delimiter,
    decimal: dataset.dialect.decimal,
    raggedRows: dataset.raggedRows.length,
    notices: dataset.notices,
  };
}

export function summarizeAnalysis(analysis: Analysis, kpis: Kpi[], revenue: AnalysisSummary['revenue'] = null, scatter: ScatterBins | null = null, validation: ValidationSummary | null = null, rfm: RfmSummary | null = null): AnalysisSummary {
  const { aggregates } = analysis;
  return {
    factors: analysis.factors.map(({ factorId, column, description, clamped, missing, histogram, mean }) => ({ factorId, column, description, clamped, missing, histogram, mean })),
    kpis,
    revenue,
    scatter,
    validation,
    rfm,
    axes: analysis.axes,
    gridSize: analysis.gridSize,
    aggregates,
    mean: aggregates.scored > 0 ? aggregates.sum / aggregates.scored : NaN,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Guard for messages arriving from the worker (unknown at the boundary). */
export function isEngineResponse(value: unknown): value is EngineResponse {
  if (!isObject(value) || typeof value.type !== 'string') return false;
  return ['progress', 'loaded', 'load-failed', 'analyzed', 'exported', 'rows', 'customer', 'breakdown', 'suggested', 'sensitivity', 'scenario', 'sql', 'clv', 'failed'].includes(value.type);
}

/** Guard for messages arriving at the worker. */
export function isEngineRequest(value: unknown): value is EngineRequest {
  if (!isObject(value) || typeof value.type !== 'string') return false;
  if (value.type === 'load') return value.file instanceof Blob && typeof value.name === 'string' && isObject(value.model);
  if (typeof value.requestId !== 'number') return false;
  // Scenario compare carries two models, A and B; every other request carries one.
  if (value.type === 'scenario') return isObject(value.a) && isObject(value.b);
  // Lifetime value reads columns the user chose, not the model.
  if (value.type === 'clv') return isObject(value.inputs);
  if (!isObject(value.model)) return false;
  if (value.type === 'rows') return isTableRequest(value);
  if (value.type === 'analyze') return isTableRequest(value.table) && (value.breakdownBy === null || value.breakdownBy === 'group' || value.breakdownBy === 'band');
  if (value.type === 'customer') return typeof value.row === 'number';
  if (value.type === 'breakdown') return value.by === 'group' || value.by === 'band';
  if (value.type === 'suggest' || value.type === 'sensitivity') return true;
  if (value.type === 'sql') return typeof value.dialect === 'string' && (SQL_DIALECTS as readonly string[]).includes(value.dialect);
  return value.type === 'export';
}

function isTableRequest(value: unknown): value is TableRequest {
  return isObject(value) && isObject(value.view) && typeof value.view.search === 'string' && typeof value.start === 'number' && typeof value.count === 'number';
}
