// The scoring model as data: factors (column, normalisation, direction, weight), band
// thresholds and relationship-group axes. Everything shown is a pure function of
// (dataset, model).
import { defaultRfm, type RfmSpec } from '../rfm/rfmSpec';
import type { GridSize } from '../groups/segment';
import type { TenureUnit } from '../groups/tenure';
import { clvInputColumns, type ClvInputs } from '../clv/fromDataset';

export const NORMALIZATIONS = ['auto', 'as-is', 'scale', 'percentile', 'min-max', 'z-score', 'log'] as const;
export type Normalization = (typeof NORMALIZATIONS)[number];

export const NORMALIZATION_LABELS: Record<Normalization, string> = {
  auto: 'Automatic',
  'as-is': 'As-is (already 0–100)',
  scale: 'Known scale (1–5, 0–10…)',
  percentile: 'Percentile rank',
  'min-max': 'Min–max',
  'z-score': 'z-score (clipped to ±3σ)',
  log: 'Log, then min–max (skewed money)',
};

/**
 * How a factor's value becomes its 0–100 points. linear: the normalised value itself;
 * saturating: diminishing returns on the normalised value, half the gain by `halfAt`;
 * threshold: 100 from `at` on the raw value (up to it when higher is worse), else 0;
 * points: a points table on the raw value, each step from its `from` (the first step
 * also takes anything below it); categories: points per value of a categorical text
 * column (src/core/dataset/dataset.ts), a value not in the table or missing being missing;
 * decay: recency of a date column, 100·2^(−days since / halfLifeDays), days counted to
 * `asOf` (an ISO date YYYY-MM-DD; null = the column's latest date).
 */
export type Shape =
  | { kind: 'linear' }
  | { kind: 'saturating'; halfAt: number }
  | { kind: 'threshold'; at: number }
  | { kind: 'points'; steps: { from: number; points: number }[] }
  | { kind: 'categories'; points: Record<string, number> }
  | { kind: 'decay'; halfLifeDays: number; asOf: string | null };

export const SHAPE_KINDS = ['linear', 'saturating', 'threshold', 'points', 'categories', 'decay'] as const;
/** Shapes of a numeric column; a categorical column takes 'categories' only, a date column 'decay' only. */
export const NUMERIC_SHAPE_KINDS = ['linear', 'saturating', 'threshold', 'points'] as const;
export const SHAPE_LABELS: Record<Shape['kind'], string> = {
  linear: 'Linear',
  saturating: 'Diminishing returns',
  threshold: 'Threshold (step)',
  points: 'Points table',
  categories: 'Points per value',
  decay: 'Recency (half-life)',
};

/**
 * A lead-scoring rule: `points` (−100…100) added to the weighted score when the
 * customer's `column` is yes / no / above / below `value`; the sum is clamped to 0–100.
 */
export interface Rule {
  id: string;
  column: string;
  when: 'yes' | 'no' | 'above' | 'below';
  /** The comparison value for above / below (ignored for yes / no). */
  value: number;
  points: number;
}

/** The yes/no column the score is validated against, and whether a yes is the good outcome (renewed, won) or the bad one (churned). */
export interface Outcome {
  column: string | null;
  isGood: boolean;
}

export const DEFAULT_FACTOR_IDS = ['engagement', 'satisfaction', 'purchase', 'support'] as const;

export interface Factor {
  id: string;
  label: string;
  /** Header of the mapped column, or null while unmapped. */
  column: string | null;
  normalization: Normalization;
  isHigherBetter: boolean;
  /** Relative weight, 0–100; the score divides by the sum of weights in use. */
  weight: number;
  shape: Shape;
}

export const BANDS = ['poor', 'average', 'good'] as const;
export type Band = (typeof BANDS)[number];
export const BAND_LABELS: Record<Band, string> = { poor: 'Poor', average: 'Average', good: 'Good' };

/** What to do with the customers of each band, in plain words, as each relationship group has its strategy. */
export const BAND_PLAYBOOKS: Record<Band, string> = {
  poor: 'Intervene now: call within a week, find the cause (usage, support history, price) and agree a fix; put a senior contact on high-revenue accounts.',
  average: 'Develop: regular check-ins and a success plan on the factor holding each one back; nudge them toward the good band.',
  good: 'Reward and expand: thank them, ask for referrals and reviews, and offer upgrades and add-ons.',
};

/** poor < averageFrom ≤ average < goodFrom ≤ good. */
export interface BandThresholds {
  averageFrom: number;
  goodFrom: number;
}

export const AXES = ['profitability', 'loyalty'] as const;
export type Axis = (typeof AXES)[number];
export const AXIS_LABELS: Record<Axis, string> = { profitability: 'Profitability', loyalty: 'Loyalty' };

/** Values a grid axis can be read from, beside columns: the lifetime-value fit's per-customer predictions (model.lifetime). */
export const PREDICTED_VALUES = ['pAlive', 'clv', 'expectedPurchases'] as const;
export type PredictedValue = (typeof PREDICTED_VALUES)[number];
export const PREDICTED_LABELS: Record<PredictedValue, string> = {
  pAlive: 'P(alive)',
  clv: 'Predicted CLV',
  expectedPurchases: 'Expected purchases',
};

/**
 * What an axis splits customers on: its column (revenue, tenure: the default), a factor's
 * 0–100 points, a prediction of the lifetime-value fit, or each customer's seed-formula CLTV.
 */
export type AxisSource = { kind: 'column' } | { kind: 'factor'; factorId: string } | { kind: 'predicted'; value: PredictedValue } | { kind: 'seedCltv' };

/** The per-customer CLTV of the seed formula (src/core/clv/seedCltv.ts), as an axis. */
export const SEED_CLTV_LABEL = 'CLTV (AOV × frequency × lifespan)';

export interface AxisSpec {
  /** The axis's column: what it splits on by default, and what the revenue KPIs and the lifetime-value defaults read. */
  column: string | null;
  /** Values ≥ split are "high" (2×2) or at least "medium" (3×3); null = the median (2×2) or the lower tertile (3×3). */
  split: number | null;
  /** 3×3 only: values ≥ upper are "high"; null = the upper tertile. */
  upper: number | null;
  source: AxisSource;
  /** For a date column on the loyalty axis: tenure in this unit, from the date to the column's latest date. Months when absent. */
  tenureUnit?: TenureUnit;
}

export const COLUMN_SOURCE: AxisSource = { kind: 'column' };

export function defaultAxis(): AxisSpec {
  return { column: null, split: null, upper: null, source: COLUMN_SOURCE };
}

/** Columns the KPI tiles read, beside the factors: mapped like factors, by the user or by header. */
export const KPI_INPUTS = ['churn', 'renewal', 'conversion', 'upsell', 'fcr', 'nps', 'csat', 'ces', 'cltv', 'orders', 'aov', 'lifespan', 'acquisitionCost', 'salesCycle', 'stage', 'stageLength'] as const;
export type KpiInput = (typeof KPI_INPUTS)[number];

export const KPI_INPUT_LABELS: Record<KpiInput, string> = {
  churn: 'Churned (yes/no)',
  renewal: 'Renewed (yes/no)',
  conversion: 'Converted / won (yes/no)',
  upsell: 'Upsold (yes/no)',
  fcr: 'First-contact resolution',
  nps: 'NPS answer (0–10)',
  csat: 'CSAT answer (1–5)',
  ces: 'Customer effort (CES)',
  cltv: 'CLTV',
  orders: 'Orders (purchase count)',
  aov: 'Average order value',
  lifespan: 'Expected lifespan (years)',
  acquisitionCost: 'Acquisition cost',
  salesCycle: 'Sales cycle (days)',
  stage: 'Deal stage (Closed Won / Closed Lost / open)',
  stageLength: 'Days in current stage',
};

export function emptyKpiInputs(): Record<KpiInput, string | null> {
  return Object.fromEntries(KPI_INPUTS.map((input) => [input, null])) as Record<KpiInput, string | null>;
}

export interface Model {
  version: 1;
  factors: Factor[];
  bands: BandThresholds;
  axes: Record<Axis, AxisSpec>;
  kpiInputs: Record<KpiInput, string | null>;
  rules: Rule[];
  outcome: Outcome;
  /** RFM segmentation's columns, cut points and segment map (src/core/rfm/rfm.ts). */
  rfm: RfmSpec;
  /** The relationship grid: 2×2 (the four classic groups) or 3×3. */
  gridSize: GridSize;
  /** The lifetime-value fit's inputs (src/core/clv/fromDataset.ts), once fitted: predicted axes read its results. */
  lifetime: ClvInputs | null;
}

/**
 * Every column a model reads: its factors', axes' (their revenue KPIs read the profitability
 * column whatever the axis splits on), KPI inputs', rules', outcome's, RFM's and
 * lifetime-value fit's. The load parses these first and the engine scans them before
 * answering (src/core/dataset/dataset.ts, ensureColumns); null entries are unmapped roles.
 */
export function modelColumns(model: Model): (string | null)[] {
  return [
    ...model.factors.map((factor) => factor.column),
    model.axes.profitability.column,
    model.axes.loyalty.column,
    ...Object.values(model.kpiInputs),
    ...model.rules.map((rule) => rule.column),
    model.outcome.column,
    model.rfm.recency,
    model.rfm.frequency,
    model.rfm.monetary,
    ...(model.lifetime ? clvInputColumns(model.lifetime) : []),
  ];
}

export const DEFAULT_FACTORS: readonly Factor[] = [
  { id: 'engagement', label: 'Engagement', column: null, normalization: 'auto', isHigherBetter: true, weight: 30, shape: { kind: 'linear' } },
  { id: 'satisfaction', label: 'Satisfaction', column: null, normalization: 'auto', isHigherBetter: true, weight: 30, shape: { kind: 'linear' } },
  { id: 'purchase', label: 'Purchase history', column: null, normalization: 'auto', isHigherBetter: true, weight: 20, shape: { kind: 'linear' } },
  { id: 'support', label: 'Support quality', column: null, normalization: 'auto', isHigherBetter: true, weight: 20, shape: { kind: 'linear' } },
];

export const DEFAULT_BANDS: BandThresholds = { averageFrom: 40, goodFrom: 70 };

export function defaultModel(): Model {
  return {
    version: 1,
    factors: DEFAULT_FACTORS.map((factor) => ({ ...factor })),
    bands: { ...DEFAULT_BANDS },
    axes: { profitability: defaultAxis(), loyalty: defaultAxis() },
    kpiInputs: emptyKpiInputs(),
    rules: [],
    outcome: { column: null, isGood: false },
    rfm: defaultRfm(),
    gridSize: 2,
    lifetime: null,
  };
}

/**
 * The CRS as users see it: one decimal. Bands and histogram bins are taken from this
 * value, so an exported "40.0" is never labelled poor because it was 39.96.
 */
export function roundScore(score: number): number {
  return Math.round(score * 10) / 10;
}

/**
 * The band thresholds in tenths of a point, for code that bands the score tenth it counted
 * ((score · 10 + 0.5) | 0, the score as shown): poor below averageFrom, good from goodFrom.
 */
export function bandTenths(bands: BandThresholds): { averageFrom: number; goodFrom: number } {
  return { averageFrom: Math.round(bands.averageFrom * 10), goodFrom: Math.round(bands.goodFrom * 10) };
}

/** Band of a (rounded) score: poor below averageFrom, good from goodFrom. */
export function bandOf(score: number, bands: BandThresholds): Band {
  if (score < bands.averageFrom) return 'poor';
  return score < bands.goodFrom ? 'average' : 'good';
}

/** Factors that take part in scoring: mapped and with a positive weight. */
export function activeFactors(model: Model): Factor[] {
  return model.factors.filter((factor) => factor.column !== null && factor.weight > 0);
}

/** Each factor's share of the total weight of mapped factors, 0..1 (0 when nothing is weighted). */
export function weightShares(model: Model): Map<string, number> {
  const mapped = model.factors.filter((factor) => factor.column !== null);
  const total = mapped.reduce((sum, factor) => sum + Math.max(0, factor.weight), 0);
  return new Map(model.factors.map((factor) => [factor.id, total > 0 && factor.column !== null ? Math.max(0, factor.weight) / total : 0]));
}

/** Thresholds must satisfy 0 ≤ averageFrom ≤ goodFrom ≤ 100; returns the reason if not. */
export function bandProblem(bands: BandThresholds): string | null {
  const { averageFrom, goodFrom } = bands;
  if (!Number.isFinite(averageFrom) || !Number.isFinite(goodFrom)) return 'Band thresholds must be numbers.';
  if (averageFrom < 0 || goodFrom > 100) return 'Band thresholds must lie between 0 and 100.';
  if (averageFrom > goodFrom) return 'The "average" threshold must not be above the "good" threshold.';
  return null;
}

/** One line naming the mapped factors and their weights, for exported images: "Engagement 30, Satisfaction 30". */
export function weightsSummary(model: Model): string {
  return model.factors
    .filter((factor) => factor.column !== null)
    .map((factor) => `${factor.label} ${factor.weight}`)
    .join(', ');
}
