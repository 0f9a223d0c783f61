// (dataset, model) → normalised factors, relationship groups and scores. Each stage is
// memoised on its inputs so a weight change re-runs only the scoring pass, a split
// change only the grouping, and a mapping change only the factor it touched.
import { parseIsoDay } from './csv/dates';
import { columnIndex, MISSING_CODE, type Column, type Dataset } from './dataset';
import { type Axis, type Factor, type Model, type Rule, type Shape } from './model';
import { columnStats, describeNormalization, normalizeColumn, resolveNormalization, type ColumnStats, type ResolvedNormalization } from './normalize';
import { median } from './rank';
import { rulePoints } from './rules';
import { applyShape, decayPoints, describeShape, isRawShape } from './shape';
import { factorMatrix, scoreMatrix, type FactorMatrix, type ScoreAggregates } from './score';
import { relationshipGroups } from './segment';

export interface FactorValues {
  factorId: string;
  column: string;
  resolved: ResolvedNormalization;
  description: string;
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
  column: string | null;
  split: number;
  isMedian: boolean;
}

export interface Analysis {
  factors: FactorValues[];
  /** Weights aligned with `factors`. */
  weights: number[];
  axes: Record<Axis, AxisSplit>;
  groups: Uint8Array;
  /** Σ points of the rules each customer meets, added before clamping; null without rules. */
  rulePoints: Float64Array | null;
  scores: Float64Array;
  aggregates: ScoreAggregates;
}

/** One cached entry per stage, keyed on what that stage reads. */
export class AnalysisCache {
  private dataset: Dataset | null = null;
  private factorCache = new Map<string, FactorValues>();
  private groupKey = '';
  private groupsValue: { groups: Uint8Array; axes: Record<Axis, AxisSplit> } | null = null;
  private scores: Float64Array | null = null;
  private matrixFor: FactorValues[] = [];
  private matrixValue: FactorMatrix | null = null;
  private rulesKey = '[]';
  private rulesValue: Float64Array | null = null;

  forDataset(dataset: Dataset): this {
    if (this.dataset !== dataset) {
      this.dataset = dataset;
      this.factorCache.clear();
      this.groupKey = '';
      this.groupsValue = null;
      this.matrixFor = [];
      this.matrixValue = null;
      this.rulesKey = '[]';
      this.rulesValue = null;
      this.scores = new Float64Array(dataset.rowCount);
    }
    return this;
  }

  factor(dataset: Dataset, factor: Factor): FactorValues | null {
    if (factor.column === null) return null;
    const key = `${factor.id}\u0000${factor.column}\u0000${factor.normalization}\u0000${factor.isHigherBetter}\u0000${JSON.stringify(factor.shape)}`;
    const cached = this.factorCache.get(key);
    if (cached) return cached;
    const computed = normalizeFactor(dataset, factor);
    if (computed) {
      for (const old of this.factorCache.keys()) if (old.startsWith(`${factor.id}\u0000`)) this.factorCache.delete(old);
      this.factorCache.set(key, computed);
    }
    return computed;
  }

  groups(dataset: Dataset, model: Model): { groups: Uint8Array; axes: Record<Axis, AxisSplit> } {
    const { profitability, loyalty } = model.axes;
    const key = JSON.stringify([profitability, loyalty]);
    if (this.groupsValue && key === this.groupKey) return this.groupsValue;
    this.groupKey = key;
    this.groupsValue = computeGroups(dataset, model);
    return this.groupsValue;
  }

  /** The factor matrix for these factors; rebuilt only when one of them changed. */
  matrix(dataset: Dataset, factors: FactorValues[]): FactorMatrix {
    const same = this.matrixValue !== null && factors.length === this.matrixFor.length && factors.every((factor, f) => factor === this.matrixFor[f]);
    if (same && this.matrixValue) return this.matrixValue;
    this.matrixFor = factors;
    this.matrixValue = factorMatrix(
      factors.map((factor) => factor.values),
      dataset.rowCount,
    );
    return this.matrixValue;
  }

  /** The rule points for these rules; recomputed only when the rules change. */
  rulePoints(dataset: Dataset, rules: readonly Rule[]): Float64Array | null {
    const key = JSON.stringify(rules);
    if (key !== this.rulesKey) {
      this.rulesKey = key;
      this.rulesValue = rulePoints(dataset, rules);
    }
    return this.rulesValue;
  }

  scoreBuffer(dataset: Dataset): Float64Array {
    this.forDataset(dataset);
    return this.scores ?? new Float64Array(dataset.rowCount);
  }
}

/**
 * Normalises a mapped factor's column, inverts it when higher is worse, then shapes it
 * (src/core/shape.ts); a categorical column with a points-per-value shape is read through
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
  const resolved = resolveNormalization(factor.column, stats, factor.normalization);
  const values = new Float64Array(raw.length);
  const clamped = normalizeColumn(raw, resolved, factor.isHigherBetter, values);
  applyShape(factor.shape, raw, factor.isHigherBetter, values);
  const { histogram, mean } = valueHistogram(values);
  return { factorId: factor.id, column: factor.column, resolved, description: describeFactor(resolved, factor), stats, values, clamped, missing: raw.length - stats.count, histogram, mean };
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
  return { factorId: factor.id, column: column.name, resolved, description: describeFactor(resolved, factor), stats, values, clamped: 0, missing: values.length - stats.count, histogram, mean };
}

/** Recency points of a date column's day numbers, counted to asOf or, when null, to the column's latest date. */
function dateFactor(name: string, days: Float64Array, factor: Factor, shape: Extract<Shape, { kind: 'decay' }>): FactorValues {
  const asOfDay = shape.asOf === null ? columnStats(days).max : parseIsoDay(shape.asOf);
  const values = new Float64Array(days.length);
  decayPoints(days, shape.halfLifeDays, asOfDay, values);
  const stats = columnStats(values);
  const resolved: ResolvedNormalization = { method: 'as-is' };
  const { histogram, mean } = valueHistogram(values);
  return { factorId: factor.id, column: name, resolved, description: describeFactor(resolved, factor), stats, values, clamped: 0, missing: values.length - stats.count, histogram, mean };
}

/** "percentile rank, inverted, then diminishing returns (…)"; a raw-value shape alone. */
export function describeFactor(resolved: ResolvedNormalization, factor: Pick<Factor, 'isHigherBetter' | 'shape'>): string {
  const shape = describeShape(factor.shape, factor.isHigherBetter);
  if (isRawShape(factor.shape)) return shape;
  const normalized = `${describeNormalization(resolved)}${factor.isHigherBetter ? '' : ', inverted'}`;
  return shape === '' ? normalized : `${normalized}, then ${shape}`;
}

function axisValues(dataset: Dataset, column: string | null): Float64Array | null {
  if (column === null) return null;
  const c = columnIndex(dataset, column);
  return c >= 0 ? dataset.columns[c].values : null;
}

/** Groups from the axes' columns; a null split means the column's median. */
export function computeGroups(dataset: Dataset, model: Model): { groups: Uint8Array; axes: Record<Axis, AxisSplit> } {
  const profit = axisValues(dataset, model.axes.profitability.column);
  const loyalty = axisValues(dataset, model.axes.loyalty.column);
  const splitOf = (values: Float64Array | null, split: number | null): AxisSplit['split'] => (split !== null ? split : values ? median(values) : NaN);
  const axes: Record<Axis, AxisSplit> = {
    profitability: { column: profit ? model.axes.profitability.column : null, split: splitOf(profit, model.axes.profitability.split), isMedian: model.axes.profitability.split === null },
    loyalty: { column: loyalty ? model.axes.loyalty.column : null, split: splitOf(loyalty, model.axes.loyalty.split), isMedian: model.axes.loyalty.split === null },
  };
  const groups = new Uint8Array(dataset.rowCount);
  relationshipGroups(profit, loyalty, axes.profitability.split, axes.loyalty.split, groups);
  return { groups, axes };
}

/** The whole analysis of a dataset under a model, reusing what the cache still holds. */
export function analyze(dataset: Dataset, model: Model, cache: AnalysisCache = new AnalysisCache()): Analysis {
  cache.forDataset(dataset);
  const factors: FactorValues[] = [];
  const weights: number[] = [];
  for (const factor of model.factors) {
    const values = cache.factor(dataset, factor);
    if (!values) continue;
    factors.push(values);
    weights.push(factor.weight);
  }
  const { groups, axes } = cache.groups(dataset, model);
  const scores = cache.scoreBuffer(dataset);
  const rulePoints = cache.rulePoints(dataset, model.rules);
  const aggregates = scoreMatrix(cache.matrix(dataset, factors), weights, model.bands, groups, scores, rulePoints);
  return { factors, weights, axes, groups, rulePoints, scores, aggregates };
}
