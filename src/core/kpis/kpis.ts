// KPI tiles: each a small pure function of columns (NaN = missing, left out), and the
// table of which columns each reads. A KPI whose inputs are not mapped is not computed;
// the UI names the column that would enable it. Every KPI can also be computed per
// relationship group or per band (breakdown.ts gathers the rows of each).
import type { Analysis } from '../scoring/analysis';
import { columnIndex, columnValues, type Dataset } from '../dataset/dataset';
import { bandTenths, type BandThresholds, type KpiInput, type Model } from '../model/model';
import { atRiskFromTally } from '../scoring/tally';
import { median, select } from '../stats/rank';

/** Share (0..1) of the known (non-NaN) values that pass `test`; NaN when none is known. */
export function shareOfKnown(values: Float64Array, test: (v: number) => boolean): number {
  let known = 0;
  let passing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    known++;
    if (test(v)) passing++;
  }
  return known ? passing / known : NaN;
}

/** Share of 1s among the known values of a yes/no (or 0/1) column; NaN when none is known. */
export function churnRate(flags: Float64Array): number {
  return shareOfKnown(flags, (v) => v === 1);
}

/**
 * A rate in percent from a per-customer column: yes/no (1/0) → share of yes; fractions
 * (0..1) → their mean; percentages (0..100) → their mean. NaN when the values are none of
 * these (then the column is not a rate).
 */
export function ratePercent(values: Float64Array): number {
  let known = 0;
  let sum = 0;
  let isBinary = true;
  let max = -Infinity;
  let min = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    known++;
    sum += v;
    if (v !== 0 && v !== 1) isBinary = false;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  if (known === 0 || min < 0) return NaN;
  if (isBinary || max <= 1) return (sum / known) * 100;
  return max <= 100 ? sum / known : NaN;
}

/** True when every known value lies in [low, high]. */
function within(values: Float64Array, low: number, high: number): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < low || v > high) return false;
  }
  return true;
}

/** NPS = % promoters (9–10) − % detractors (0–6) of the known 0–10 answers, in points. */
export function netPromoterScore(answers: Float64Array): number {
  return (shareOfKnown(answers, (v) => v >= 9) - shareOfKnown(answers, (v) => v <= 6)) * 100;
}

/** CSAT = % of known 1–5 answers that are 4 or 5. */
export function csatScore(answers: Float64Array): number {
  return shareOfKnown(answers, (v) => v >= 4) * 100;
}

export function mean(values: Float64Array): number {
  let known = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    known++;
    sum += v;
  }
  return known ? sum / known : NaN;
}

/** Σ revenue ÷ Σ orders over the customers where both are known; NaN without orders. */
export function averageOrderValue(revenue: Float64Array, orders: Float64Array): number {
  let revenueSum = 0;
  let orderSum = 0;
  for (let i = 0; i < revenue.length; i++) {
    const r = revenue[i];
    const o = orders[i];
    if (r !== r || o !== o) continue;
    revenueSum += r;
    orderSum += o;
  }
  return orderSum > 0 ? revenueSum / orderSum : NaN;
}

/**
 * CLTV = average purchase value × purchase frequency × average lifespan, with AOV =
 * Σ revenue ÷ Σ orders, frequency = Σ orders ÷ customers (both over the customers where
 * revenue and orders are known) and lifespan the mean of its column.
 */
export function cltvFromParts(revenue: Float64Array, orders: Float64Array, lifespan: Float64Array): number {
  let customers = 0;
  let orderSum = 0;
  for (let i = 0; i < revenue.length; i++) {
    if (revenue[i] !== revenue[i] || orders[i] !== orders[i]) continue;
    customers++;
    orderSum += orders[i];
  }
  if (customers === 0) return NaN;
  return averageOrderValue(revenue, orders) * (orderSum / customers) * mean(lifespan);
}

/**
 * Share of total revenue earned by the top `share` of customers by revenue (0..1): the
 * k = round(n·share) largest values (at least 1) over the sum of all. O(n) by quickselect.
 */
export function topRevenueShare(revenue: Float64Array, share = 0.2): number {
  let count = 0;
  let total = 0;
  for (let i = 0; i < revenue.length; i++) {
    const v = revenue[i];
    if (v !== v) continue;
    count++;
    total += v;
  }
  if (count === 0 || !(total > 0)) return NaN;
  const known = new Float64Array(count);
  for (let i = 0, k = 0; i < revenue.length; i++) if (revenue[i] === revenue[i]) known[k++] = revenue[i];
  const top = Math.max(1, Math.round(count * share));
  // After select, known[count − top] is the smallest of the top values and all after it are ≥ it.
  select(known, count - top);
  let topSum = 0;
  for (let i = count - top; i < count; i++) topSum += known[i];
  return topSum / total;
}

/** Customers in the poor band whose revenue is above the median: the ones to save first. */
export function atRiskCount(scores: Float64Array, revenue: Float64Array, bands: BandThresholds, revenueMedian = median(revenue)): number {
  // Poor means the score shown (one decimal) is below averageFrom: compare in tenths.
  // Scores lie in 0..100, so rounding to tenths is (s·10 + 0.5) | 0, as the scoring pass takes it: Math.round cost
  // most of this loop. NaN compares false, so unscored customers and unknown revenue fall out without a branch of their own.
  const { averageFrom } = bandTenths(bands);
  let count = 0;
  for (let i = 0; i < scores.length; i++) {
    if (revenue[i] > revenueMedian && ((scores[i] * 10 + 0.5) | 0) < averageFrom && scores[i] === scores[i]) count++;
  }
  return count;
}

export type KpiUnit = 'percent' | 'points' | 'money' | 'count' | 'number' | 'days';

/** Where a KPI reads its values: a KPI input column, the profitability (revenue) column, or the scores. */
export type KpiSource = KpiInput | 'revenue' | 'scores';

export interface KpiContext {
  bands: BandThresholds;
  /** Median revenue of all customers (at-risk compares against it in every segment). */
  revenueMedian: number;
  /** The scoring pass's counts over all customers (../scoring/tally.ts), when the KPIs are of all customers: at-risk is then a sum, not a pass. */
  tally?: Uint32Array | null;
}

interface KpiVariant {
  sources: readonly KpiSource[];
  formula: string;
  compute: (inputs: Float64Array[], context: KpiContext) => number;
}

export interface KpiDefinition {
  id: string;
  label: string;
  unit: KpiUnit;
  needs: string;
  /** Tried in order: the first whose sources are all mapped is used. */
  variants: readonly KpiVariant[];
}

const rate = (input: KpiInput, formula: string): KpiVariant => ({ sources: [input], formula, compute: ([values]) => ratePercent(values) });
const meanOf = (source: KpiSource, formula: string): KpiVariant => ({ sources: [source], formula, compute: ([values]) => mean(values) });

export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  { id: 'churn', label: 'Churn rate', unit: 'percent', needs: 'a yes/no churn column', variants: [rate('churn', 'churned ÷ customers with a known churn value')] },
  { id: 'renewal', label: 'Renewal rate', unit: 'percent', needs: 'a yes/no renewed column', variants: [rate('renewal', 'renewed ÷ customers with a known renewal value')] },
  { id: 'conversion', label: 'Conversion rate', unit: 'percent', needs: 'a yes/no converted / won column', variants: [rate('conversion', 'converted (won) ÷ leads or deals with a known outcome')] },
  { id: 'upsell', label: 'Upsell rate', unit: 'percent', needs: 'a yes/no upsold column', variants: [rate('upsell', 'customers upsold ÷ customers with a known value')] },
  {
    id: 'fcr',
    label: 'First-contact resolution',
    unit: 'percent',
    needs: 'a first-contact resolution column (yes/no or rate)',
    variants: [rate('fcr', 'issues resolved on first contact ÷ issues (per-customer yes/no or rate, averaged)')],
  },
  {
    id: 'nps',
    label: 'NPS',
    unit: 'points',
    needs: 'a 0–10 NPS / likelihood-to-recommend column',
    variants: [{ sources: ['nps'], formula: '% promoters (9–10) − % detractors (0–6)', compute: ([v]) => (within(v, 0, 10) ? netPromoterScore(v) : NaN) }],
  },
  {
    id: 'csat',
    label: 'CSAT',
    unit: 'percent',
    needs: 'a 1–5 CSAT column',
    variants: [{ sources: ['csat'], formula: '% of 1–5 answers that are 4 or 5', compute: ([v]) => (within(v, 1, 5) ? csatScore(v) : NaN) }],
  },
  { id: 'ces', label: 'CES (mean effort)', unit: 'number', needs: 'a customer effort score column', variants: [meanOf('ces', 'mean customer effort score (lower is easier)')] },
  {
    id: 'cltv',
    label: 'Mean CLTV',
    unit: 'money',
    needs: 'a CLTV column, or orders and lifespan columns beside revenue',
    variants: [
      meanOf('cltv', 'mean of the CLTV column'),
      {
        sources: ['revenue', 'orders', 'lifespan'],
        formula: 'average purchase value (revenue ÷ orders) × purchase frequency (orders ÷ customers) × mean lifespan',
        compute: ([r, o, l]) => cltvFromParts(r, o, l),
      },
    ],
  },
  { id: 'revenue', label: 'Mean revenue', unit: 'money', needs: 'a profitability (revenue) column', variants: [meanOf('revenue', 'mean of the profitability column')] },
  {
    id: 'aov',
    label: 'Average order value',
    unit: 'money',
    needs: 'an order value column, or an orders column beside revenue',
    variants: [meanOf('aov', 'mean of the order value column'), { sources: ['revenue', 'orders'], formula: 'Σ revenue ÷ Σ orders', compute: ([r, o]) => averageOrderValue(r, o) }],
  },
  { id: 'frequency', label: 'Purchase frequency', unit: 'number', needs: 'an orders (purchase count) column', variants: [meanOf('orders', 'orders ÷ customers')] },
  {
    id: 'topShare',
    label: 'Top 20 % share',
    unit: 'percent',
    needs: 'a profitability (revenue) column',
    variants: [{ sources: ['revenue'], formula: 'revenue of the top 20 % of customers (by revenue) ÷ all revenue', compute: ([r]) => topRevenueShare(r) * 100 }],
  },
  { id: 'cac', label: 'CAC', unit: 'money', needs: 'an acquisition cost column', variants: [meanOf('acquisitionCost', 'acquisition cost ÷ new customers (each row one acquired customer)')] },
  { id: 'salesCycle', label: 'Sales cycle', unit: 'days', needs: 'a sales cycle length (days) column', variants: [meanOf('salesCycle', 'mean days from first contact to close')] },
  {
    id: 'closeRate',
    label: 'Close rate',
    unit: 'percent',
    needs: 'a deal stage column with Closed Won / Closed Lost',
    variants: [{ sources: ['stage'], formula: 'deals closed won ÷ deals closed (won or lost); open deals left out', compute: ([won]) => ratePercent(won) }],
  },
  { id: 'stageLength', label: 'Average stage length', unit: 'days', needs: 'a days-in-stage column', variants: [meanOf('stageLength', 'mean days deals have spent in their current stage')] },
  {
    id: 'atRisk',
    label: 'At risk',
    unit: 'count',
    needs: 'a profitability (revenue) column',
    variants: [
      {
        sources: ['scores', 'revenue'],
        formula: 'customers in the poor band with revenue above the median: save these first',
        compute: ([scores, revenue], context) => (context.tally ? atRiskFromTally(context.tally, context.bands) : atRiskCount(scores, revenue, context.bands, context.revenueMedian)),
      },
    ],
  },
];

export interface Kpi {
  id: string;
  label: string;
  /** NaN when the data does not allow it; then `needs` says which column would. */
  value: number;
  unit: KpiUnit;
  formula: string;
  /** The columns it was computed from, or null. */
  column: string | null;
  needs: string;
}

/** The column a source reads, by name, under this model; null when unmapped. */
export function sourceColumn(source: KpiSource, analysis: Pick<Analysis, 'axes'>, model: Model): string | null {
  if (source === 'scores') return null;
  if (source === 'revenue') return analysis.axes.profitability.column;
  return model.kpiInputs[source];
}

/** The revenue (profitability) column's values; null when it is not a number column of the dataset. */
export function revenueValues(dataset: Dataset, analysis: Pick<Analysis, 'axes'>): Float64Array | null {
  return columnValues(dataset, analysis.axes.profitability.column);
}

/** The values a source reads; null when it is not mapped to a column of the dataset. */
export function sourceValues(source: KpiSource, dataset: Dataset, analysis: Pick<Analysis, 'axes' | 'scores'>, model: Model): Float64Array | null {
  if (source === 'scores') return analysis.scores;
  if (source === 'stage') return stageOutcomes(dataset, model.kpiInputs.stage);
  return columnValues(dataset, sourceColumn(source, analysis, model));
}

/** A stage value that means the deal was won, or lost: "Closed Won", "closedwon", "Won"; "Closed Lost", "Lost". */
const WON_STAGE = /won\b/i;
const LOST_STAGE = /lost\b/i;

/**
 * A deal stage column as 1 (closed won), 0 (closed lost) and NaN (still open, or blank):
 * what the close rate counts. Null when the column is not a categorical text column, or
 * no stage in it says won or lost.
 */
export function stageOutcomes(dataset: Dataset, column: string | null): Float64Array | null {
  if (column === null) return null;
  const at = columnIndex(dataset, column);
  const found = at >= 0 ? dataset.columns[at] : null;
  if (!found?.categories || !found.codes) return null;
  const byCode = found.categories.map((stage) => (WON_STAGE.test(stage) && !/not won/i.test(stage) ? 1 : LOST_STAGE.test(stage) ? 0 : NaN));
  if (!byCode.some((outcome) => outcome === 0 || outcome === 1)) return null;
  const codes = found.codes;
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < byCode.length ? byCode[codes[i]] : NaN;
  return out;
}

/** The first variant of a KPI whose sources are all present, with their values. */
export function resolveKpi(definition: KpiDefinition, values: (source: KpiSource) => Float64Array | null): { variant: KpiVariant; inputs: Float64Array[] } | null {
  for (const variant of definition.variants) {
    const inputs = variant.sources.map(values);
    if (inputs.every((input): input is Float64Array => input !== null)) return { variant, inputs };
  }
  return null;
}

/**
 * Every KPI of the dataset under the model. All but at-risk depend only on the data and
 * the mapped columns: the cache keeps them while those stay the same, so a weight change
 * recomputes one count.
 */
/** The revenue column's median: the at-risk tile's threshold. A 2×2 grid split at it has it already. */
export function revenueMedianOf(dataset: Dataset, analysis: Pick<Analysis, 'axes'>): number {
  const axis = analysis.axes.profitability;
  const revenue = revenueValues(dataset, analysis);
  const isRevenueMedian = axis.isMedian && axis.source.kind === 'column' && Number.isNaN(axis.upper);
  return revenue ? (isRevenueMedian ? axis.split : median(revenue)) : NaN;
}

/** Every KPI tile over all customers, computed afresh (the engine's graph keeps the ones that do not read the scores). */
export function computeKpis(dataset: Dataset, analysis: Analysis, model: Model): Kpi[] {
  const context: KpiContext = { bands: model.bands, revenueMedian: revenueMedianOf(dataset, analysis) };
  const values = (source: KpiSource) => sourceValues(source, dataset, analysis, model);
  return KPI_DEFINITIONS.map((definition) => computeKpi(definition, values, context, (source) => sourceColumn(source, analysis, model)));
}

export function computeKpi(definition: KpiDefinition, values: (source: KpiSource) => Float64Array | null, context: KpiContext, columnOf: (source: KpiSource) => string | null): Kpi {
  const resolved = resolveKpi(definition, values);
  const base = { id: definition.id, label: definition.label, unit: definition.unit, needs: definition.needs };
  if (!resolved) return { ...base, value: NaN, formula: definition.variants[0].formula, column: null };
  const value = resolved.variant.compute(resolved.inputs, context);
  const columns = resolved.variant.sources.map(columnOf).filter((name): name is string => name !== null);
  return { ...base, value, formula: resolved.variant.formula, column: Number.isFinite(value) ? columns.join(', ') || null : null };
}
