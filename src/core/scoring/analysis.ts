// (dataset, model) → normalised factors, relationship groups and scores: the stages the
// engine's derivation graph (src/core/derive/graph.ts) memoises one by one, so a weight
// change re-runs only the scoring pass, a split change only the grouping, and a mapping
// change only the factor it touched.
import { parseIsoDay } from '../csv/dates';
import { columnIndex, columnValues, MISSING_CODE, type Column, type Dataset } from '../dataset/dataset';
import { PREDICTED_LABELS, SEED_CLTV_LABEL, type Axis, type AxisSource, type AxisSpec, type Factor, type Model, type Shape } from '../model/model';
import type { LifetimePredictions } from '../clv/fromDataset';
import { seedCltvColumn } from '../clv/seedCltv';
import { chooseAuto, columnStats, describeNormalization, normalizeColumn, resolveNormalization, type ColumnStats, type ResolvedNormalization } from './normalize';
import { median, tertiles } from '../stats/rank';
import { rulePoints } from './rules';
import { applyShape, decayPoints, describeShape, isRawShape } from './shape';
import { factorMatrix, scoreMatrix, type ScoreAggregates } from './score';
import { relationshipGroups, type GridSize } from '../groups/segment';
import { tenureFromDates, tenureLabel } from '../groups/tenure';

export interface FactorValues {
  factorId: string;
  column: string;
  resolved: ResolvedNormalization;
  description: string;
  /** Why Automatic normalisation chose its method ("values on a 0–100 scale"); null when the method was chosen by the user or the shape. */
  why: string | null;
  stats: ColumnStats;
  /** 0..100 per customer, NaN = missing. */
  values: Float64Array;
  clamped: number;
  /** Customers without a value for this factor. */
  missing: number;
  /** Customers per 5-point bin of the 0..100 value (bin 19 also holds 100), and the mean value. */
  histogram: Uint32Array;
  mean: number;
}

export const FACTOR_BINS = 20;

/** Counts of 0..100 values in FACTOR_BINS equal bins, and their mean; missing values left out. */
export function valueHistogram(values: Float64Array): { histogram: Uint32Array; mean: number } {
  const histogram = new Uint32Array(FACTOR_BINS);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    const bin = Math.floor((v * FACTOR_BINS) / 100);
    histogram[bin < 0 ? 0 : bin >= FACTOR_BINS ? FACTOR_BINS - 1 : bin]++;
    sum += v;
    count++;
  }
  return { histogram, mean: count > 0 ? sum / count : NaN };
}

export interface AxisSplit {
  /** The axis's mapped column (model.axes), whatever it splits on; null when the file has no such number or date column. */
  column: string | null;
  /** What the axis splits on ("total_revenue", "Engagement (points)", "P(alive)"); null when it cannot be read. */
  label: string | null;
  source: AxisSource;
  /** The split (2×2), or the lower split (3×3); NaN when the axis cannot be read. */
  split: number;
  /** The upper split of a 3×3 grid; NaN in a 2×2 grid. */
  upper: number;
  /** True when the splits are the defaults (median, or tertiles). */
  isMedian: boolean;
  /** Why the axis cannot be read, or null. */
  unavailable: string | null;
}

export interface Analysis {
  factors: FactorValues[];
  /** Weights aligned with `factors`. */
  weights: number[];
  axes: Record<Axis, AxisSplit>;
  gridSize: GridSize;
  /** What each axis splits on, per customer (a column, a factor's points or a prediction); null when unavailable. */
  axisValues: Record<Axis, Float64Array | null>;
  groups: Uint8Array;
  /** Σ points of the rules each customer meets, added before clamping; null without rules. */
  rulePoints: Float64Array | null;
  scores: Float64Array;
  aggregates: ScoreAggregates;
}

/**
 * Normalises a mapped factor's column, inverts it when higher is worse, then shapes it
 * (src/core/scoring/shape.ts); a categorical column with a points-per-value shape is read through
 * categoryPoints instead, and a date column with the decay shape through decayPoints.
 * Null (not scored, and left out of the CRS) when the column is missing, neither numeric,
 * date nor categorical, or when the shape does not fit the column: a categorical column
 * with another shape, a date column without decay, or either of those shapes on a
 * numeric column.
 */
export function normalizeFactor(dataset: Dataset, factor: Factor): FactorValues | null {
  if (factor.column === null) return null;
  const c = columnIndex(dataset, factor.column);
  const column = c >= 0 ? dataset.columns[c] : null;
  if (column?.codes && column.categories) return factor.shape.kind === 'categories' ? categoricalFactor(column, factor, factor.shape.points) : null;
  if (column?.kind === 'date') return factor.shape.kind === 'decay' && column.values ? dateFactor(column.name, column.values, factor, factor.shape) : null;
  const raw = column ? column.values : null;
  if (!raw || factor.shape.kind === 'categories' || factor.shape.kind === 'decay') return null;
  const stats = columnStats(raw);
  const auto = factor.normalization === 'auto' ? chooseAuto(factor.column, stats) : null;
  const resolved = auto?.resolved ?? resolveNormalization(factor.column, stats, factor.normalization);
  const values = new Float64Array(raw.length);
  const clamped = normalizeColumn(raw, resolved, factor.isHigherBetter, values);
  applyShape(factor.shape, raw, factor.isHigherBetter, values);
  const { histogram, mean } = valueHistogram(values);
  return {
    factorId: factor.id,
    column: factor.column,
    resolved,
    description: describeFactor(resolved, factor),
    why: auto?.why ?? null,
    stats,
    values,
    clamped,
    missing: raw.length - stats.count,
    histogram,
    mean,
  };
}

/**
 * Points per row of a categorical column: values[i] = points[categories[codes[i]]],
 * clamped to 0..100; NaN when the row is missing or its value has no (finite) points.
 * The table sets its own direction, so higher-is-worse does not invert it.
 */
export function categoryPoints(categories: readonly string[], codes: Uint16Array, points: Readonly<Record<string, number>>): Float64Array {
  const byCode = Float64Array.from(categories, (category) => {
    const p = Object.hasOwn(points, category) ? points[category] : NaN;
    return Number.isFinite(p) ? Math.min(100, Math.max(0, p)) : NaN;
  });
  const values = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    values[i] = code === MISSING_CODE ? NaN : byCode[code];
  }
  return values;
}

function categoricalFactor(column: Column, factor: Factor, points: Readonly<Record<string, number>>): FactorValues {
  const values = categoryPoints(column.categories ?? [], column.codes ?? new Uint16Array(0), points);
  const stats = columnStats(values);
  const resolved: ResolvedNormalization = { method: 'as-is' };
  const { histogram, mean } = valueHistogram(values);
  return { factorId: factor.id, column: column.name, resolved, description: describeFactor(resolved, factor), why: null, stats, values, clamped: 0, missing: values.length - stats.count, histogram, mean };
}

/** Recency points of a date column's day numbers, counted to asOf or, when null, to the column's latest date. */
function dateFactor(name: string, days: Float64Array, factor: Factor, shape: Extract<Shape, { kind: 'decay' }>): FactorValues {
  const asOfDay = shape.asOf === null ? columnStats(days).max : parseIsoDay(shape.asOf);
  const values = new Float64Array(days.length);
  decayPoints(days, shape.halfLifeDays, asOfDay, values);
  const stats = columnStats(values);
  const resolved: ResolvedNormalization = { method: 'as-is' };
  const { histogram, mean } = valueHistogram(values);
  return { factorId: factor.id, column: name, resolved, description: describeFactor(resolved, factor), why: null, stats, values, clamped: 0, missing: values.length - stats.count, histogram, mean };
}

/** "percentile rank, inverted, then diminishing returns (…)"; a raw-value shape alone. */
export function describeFactor(resolved: ResolvedNormalization, factor: Pick<Factor, 'isHigherBetter' | 'shape'>): string {
  const shape = describeShape(factor.shape, factor.isHigherBetter);
  if (isRawShape(factor.shape)) return shape;
  const normalized = `${describeNormalization(resolved)}${factor.isHigherBetter ? '' : ', inverted'}`;
  return shape === '' ? normalized : `${normalized}, then ${shape}`;
}

/** What an axis reads, per customer, and what to call it; values null (with the reason) when it cannot be read. */
export interface AxisReading {
  values: Float64Array | null;
  label: string | null;
  unavailable: string | null;
}

/** The lifetime-value fit's predictions the engine holds for model.lifetime, keyed so the group stage knows when they change. */
export interface PredictedInput {
  key: string;
  values: LifetimePredictions | null;
  /** Why there are no values (the fit's problem), when values is null. */
  problem: string | null;
}

function readAxis(dataset: Dataset, model: Model, axis: Axis, spec: AxisSpec, factorValues: (factor: Factor) => FactorValues | null, predicted: PredictedInput | null): AxisReading {
  const source = spec.source;
  if (source.kind === 'factor') {
    const factor = model.factors.find((f) => f.id === source.factorId);
    if (!factor) return { values: null, label: null, unavailable: 'its factor is no longer in the model' };
    const read = factorValues(factor);
    return read ? { values: read.values, label: `${factor.label} (points)`, unavailable: null } : { values: null, label: `${factor.label} (points)`, unavailable: `${factor.label} has no usable column mapped` };
  }
  if (source.kind === 'seedCltv') {
    const seed = seedCltvColumn(dataset, model, model.axes.profitability.column);
    return seed
      ? { values: seed.values, label: SEED_CLTV_LABEL, unavailable: null }
      : { values: null, label: SEED_CLTV_LABEL, unavailable: 'map a CLTV column, or orders, lifespan and an order value (or revenue) under KPI inputs' };
  }
  if (source.kind === 'predicted') {
    const label = source.value === 'pAlive' ? PREDICTED_LABELS.pAlive : `${PREDICTED_LABELS[source.value]} (${model.lifetime?.horizonMonths ?? 12} months)`;
    if (model.lifetime === null) return { values: null, label, unavailable: 'fit lifetime value first (Predicted lifetime value panel)' };
    if (!predicted?.values) return { values: null, label, unavailable: predicted?.problem ?? 'the lifetime-value fit has not run' };
    return { values: predicted.values[source.value], label, unavailable: null };
  }
  if (spec.column === null) return { values: null, label: null, unavailable: 'no column is mapped' };
  const values = columnValues(dataset, spec.column);
  if (!values) return { values: null, label: spec.column, unavailable: `${spec.column} is not a number or date column of this file` };
  if (dataset.columns[columnIndex(dataset, spec.column)].kind === 'date') {
    // A date says when a customer started: loyalty is the time since; it says nothing of profitability.
    if (axis === 'profitability') return { values: null, label: spec.column, unavailable: `${spec.column} is a date: it can measure loyalty (time as a customer), not profitability` };
    const unit = spec.tenureUnit ?? 'months';
    const tenure = tenureFromDates(values, unit);
    return { values: tenure.values, label: tenureLabel(spec.column, unit, tenure.asOf), unavailable: null };
  }
  return { values, label: spec.column, unavailable: null };
}

/** The split points of an axis: the user's, or the median (2×2) or tertiles (3×3) of its values. */
function axisSplits(values: Float64Array | null, spec: AxisSpec, size: GridSize): { split: number; upper: number } {
  if (size === 2) return { split: spec.split ?? (values ? median(values) : NaN), upper: NaN };
  const [lowerDefault, upperDefault] = spec.split !== null && spec.upper !== null ? [spec.split, spec.upper] : values ? tertiles(values) : [NaN, NaN];
  const split = spec.split ?? lowerDefault;
  const upper = spec.upper ?? upperDefault;
  // A user's lower split above the default upper one leaves the middle empty rather than the order broken.
  return { split, upper: upper < split ? split : upper };
}

/** Groups from the axes' sources (a column by default); null splits are the median (2×2) or the tertiles (3×3). */
export function computeGroups(
  dataset: Dataset,
  model: Model,
  factorValues: (factor: Factor) => FactorValues | null = (factor) => normalizeFactor(dataset, factor),
  predicted: PredictedInput | null = null,
): { groups: Uint8Array; axes: Record<Axis, AxisSplit>; axisValues: Record<Axis, Float64Array | null> } {
  const size = model.gridSize;
  const axisOf = (axis: Axis): { split: AxisSplit; values: Float64Array | null } => {
    const spec = model.axes[axis];
    const read = readAxis(dataset, model, axis, spec, factorValues, predicted);
    const { split, upper } = axisSplits(read.values, spec, size);
    const isMedian = spec.split === null && (size === 2 || spec.upper === null);
    // The column as the revenue figures read it: null unless the file has it as numbers or dates.
    const at = spec.column === null ? -1 : columnIndex(dataset, spec.column);
    const column = at >= 0 && dataset.columns[at].values ? spec.column : null;
    return { split: { column, label: read.values ? read.label : null, source: spec.source, split, upper, isMedian, unavailable: read.unavailable }, values: read.values };
  };
  const profit = axisOf('profitability');
  const loyalty = axisOf('loyalty');
  const groups = new Uint8Array(dataset.rowCount);
  const splitsOf = (a: AxisSplit) => (size === 3 ? [a.split, a.upper] : [a.split]);
  relationshipGroups(profit.values, loyalty.values, splitsOf(profit.split), splitsOf(loyalty.split), groups);
  return { groups, axes: { profitability: profit.split, loyalty: loyalty.split }, axisValues: { profitability: profit.values, loyalty: loyalty.values } };
}

/**
 * The whole analysis of a dataset under a model, computed afresh: what the engine's
 * derivation graph (src/core/derive/graph.ts) gives, stage by stage, for one-off use.
 */
export function analyze(dataset: Dataset, model: Model, predicted: PredictedInput | null = null): Analysis {
  const factors: FactorValues[] = [];
  const weights: number[] = [];
  for (const factor of model.factors) {
    const values = normalizeFactor(dataset, factor);
    if (!values) continue;
    factors.push(values);
    weights.push(factor.weight);
  }
  const { groups, axes, axisValues } = computeGroups(dataset, model, (factor) => normalizeFactor(dataset, factor), predicted);
  const scores = new Float64Array(dataset.rowCount);
  const points = rulePoints(dataset, model.rules);
  const matrix = factorMatrix(
    factors.map((factor) => factor.values),
    dataset.rowCount,
  );
  const aggregates = scoreMatrix(matrix, weights, model.bands, groups, scores, points);
  return { factors, weights, axes, gridSize: model.gridSize, axisValues, groups, rulePoints: points, scores, aggregates };
}
