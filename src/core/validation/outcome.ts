// The score held against a real outcome: what the validation panel shows (AUC, ROC,
// gains by decile, outcome rate per band and group) and the weights a logistic fit of the
// outcome on the factors suggests. Pure functions of (dataset, analysis, model).
import type { Analysis } from '../scoring/analysis';
import { columnIndex, columnValues, type Dataset } from '../dataset/dataset';
import { bandTenths, type BandThresholds, type Model } from '../model/model';
import { gainsFromRuns, type DecileGains } from './gains';
import { outcomeCodes, runsFromTenths, tenthCodeCounts, type OutcomeRuns, type TenthOutcomeCounts } from './runs';
import { outcomeRates, type OutcomeRates } from './outcomeRates';
import { rocCurveFromRuns } from './roc';
import { logisticWeights } from './suggest';
import { searchWeights, type WeightSearchResult } from './weightSearch';

export interface ValidationSummary {
  column: string;
  /** A yes (1) is the good outcome (renewed, won) rather than the bad one (churned). */
  isGood: boolean;
  /** Why nothing could be measured, or null. */
  problem: string | null;
  /** Customers with a known outcome, and how many of them are a yes. */
  known: number;
  yes: number;
  /** P(a customer with the good outcome has a higher CRS than one with the bad): 0.5 = no better than chance. */
  auc: number;
  roc: { fpr: Float64Array; tpr: Float64Array };
  /** The yes outcome by CRS decile, ranked the way a yes goes: highest CRS first when it is good, lowest first when bad. */
  gains: DecileGains;
  byBand: OutcomeRates;
  byGroup: OutcomeRates;
}

/**
 * The outcome column as 1 / 0 / NaN: a yes/no column as read; a numeric column only where
 * it is exactly 0 or 1; null when the column is missing.
 */
export function outcomeValues(dataset: Dataset, column: string | null): Float64Array | null {
  const values = columnValues(dataset, column);
  if (!values) return null;
  const yes = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    yes[i] = v === 0 || v === 1 ? v : NaN;
  }
  return yes;
}

/** The runs of the good outcome: as counted when a yes is good, with yes and no swapped when a yes is bad. */
export function goodRuns(runs: OutcomeRuns, isGood: boolean): OutcomeRuns {
  return isGood ? runs : { positives: runs.negatives, negatives: runs.positives, totalPositives: runs.totalNegatives, totalNegatives: runs.totalPositives };
}

/** 1 for the good outcome, 0 for the bad, NaN unknown. */
export function goodOutcome(yes: Float64Array, isGood: boolean): Float64Array {
  if (isGood) return yes;
  const good = new Float64Array(yes.length);
  for (let i = 0; i < yes.length; i++) good[i] = 1 - yes[i]; // NaN stays NaN
  return good;
}

/**
 * What validation reads of the outcome column that does not change with the weights: the
 * yes/no values, how many are known and yes, and the rates per group. The engine keeps it
 * while the column and the groups stay (src/core/derive/graph.ts).
 */
export interface OutcomeColumn {
  column: string;
  yes: Float64Array;
  /** The same as bytes (outcomeCodes), for the counting pass each weight change makes. */
  codes: Uint8Array;
  known: number;
  yesCount: number;
  byGroup: OutcomeRates;
}

/** The outcome column of a model read for validation; null without one. */
export function outcomeColumn(dataset: Dataset, analysis: Pick<Analysis, 'groups' | 'gridSize'>, model: Model, read: OutcomeRead | null = readOutcome(dataset, model.outcome.column)): OutcomeColumn | null {
  if (read === null) return null;
  const { column, yes, codes } = read;
  const { known, yes: yesCount } = knownOutcomes(yes);
  return { column, yes, codes, known, yesCount, byGroup: outcomeRates(analysis.groups, yes, analysis.gridSize ** 2) };
}

/** The outcome column's values and codes: what does not depend on the groups (the scoring pass's tally reads the codes). */
export interface OutcomeRead {
  column: string;
  yes: Float64Array;
  codes: Uint8Array;
}

export function readOutcome(dataset: Dataset, column: string | null): OutcomeRead | null {
  const yes = outcomeValues(dataset, column);
  return column === null || yes === null ? null : { column, yes, codes: outcomeCodes(yes) };
}

/** Everything the validation panel draws for the current scores; null without an outcome column. */
export function validate(
  dataset: Dataset,
  analysis: Analysis,
  model: Model,
  outcome: OutcomeColumn | null = outcomeColumn(dataset, analysis, model),
  tenthCounts: TenthOutcomeCounts | null = null,
): ValidationSummary | null {
  if (outcome === null) return null;
  const { isGood } = model.outcome;
  const { column, known, yesCount } = outcome;
  // The scores as shown (one decimal, as bands take them), counted into their 1,001 values: the
  // runs that the ROC curve (and AUC) and the gains walk, and the rates per band, in O(n) with no
  // sort on each weight change. The rates per group do not change with the weights: kept.
  const counts = tenthCounts ?? tenthCodeCounts(analysis.scores, outcome.codes);
  const runs = runsFromTenths(counts);
  const roc = rocCurveFromRuns(goodRuns(runs, isGood));
  const problem = known === 0 ? `“${column}” has no yes/no (1/0) values.` : yesCount === 0 || yesCount === known ? `Every known value of “${column}” is the same: nothing to tell apart.` : null;
  return {
    column,
    isGood,
    problem,
    known,
    yes: yesCount,
    auc: roc.auc,
    roc: { fpr: roc.fpr, tpr: roc.tpr },
    gains: gainsFromRuns(runs, { higherIsPositive: isGood }),
    byBand: bandRates(counts, model.bands),
    byGroup: outcome.byGroup,
  };
}

/** Known outcomes and yeses of an outcome column. */
function knownOutcomes(yes: Float64Array): { known: number; yes: number } {
  const counted = { known: 0, yes: 0 };
  for (let i = 0; i < yes.length; i++) {
    if (yes[i] === yes[i]) counted.known++;
    if (yes[i] === 1) counted.yes++;
  }
  return counted;
}

/** Outcome rates per band from the tenth counts: what outcomeRates(bandCodes(scores), …) gives, without a pass over the customers. */
export function bandRates(counts: TenthOutcomeCounts, bands: BandThresholds): OutcomeRates {
  const { averageFrom, goodFrom } = bandTenths(bands);
  const count = [0, 0, 0];
  const known = [0, 0, 0];
  const positives = [0, 0, 0];
  for (let t = 0; t < counts.positives.length; t++) {
    const band = t < averageFrom ? 0 : t < goodFrom ? 1 : 2;
    const p = counts.positives[t];
    const n = counts.negatives[t];
    count[band] += p + n + counts.unknown[t];
    known[band] += p + n;
    positives[band] += p;
  }
  return { count, known, positives, rate: known.map((k, b) => (k === 0 ? NaN : positives[b] / k)) };
}

/**
 * Regularisation of the logistic fit that gives the weight search one of its starting
 * points, on the mean log-likelihood of standardised factors (so it means the same at any
 * row count): light. λ = 1 would pull correlated factors towards equal weights.
 */
export const SUGGEST_LAMBDA = 1e-3;

export type WeightSuggestion =
  | ({
      ok: true;
      /** Suggested weight per factor id (mapped factors only), whole numbers. */
      weights: Record<string, number>;
      /** Per factor id, "higher is better" as the suggestion has it. */
      isHigherBetter: Record<string, boolean>;
      /** Factor ids whose direction the suggestion switches. */
      flipped: string[];
      /** Per factor id scored by points per category, the points the suggestion fits to the outcome (absent: keep the factor's own). */
      categoryPoints: Record<string, Record<string, number>>;
    } & Pick<WeightSearchResult, 'currentAuc' | 'suggestedAuc' | 'currentHeldOut' | 'suggestedHeldOut' | 'improves' | 'rowCount'>)
  | { ok: false; problem: string };

/**
 * Searches the weights, "higher is worse" where a factor is linear, and points fitted to
 * the outcome where a factor is scored per category, for the best held-out AUC of the CRS
 * as the app shows it (src/core/validation/weightSearch.ts); a logistic fit of the outcome
 * on the factors is one of the starting points.
 */
export function suggestForModel(dataset: Dataset, analysis: Analysis, model: Model): WeightSuggestion {
  const yes = outcomeValues(dataset, model.outcome.column);
  if (!yes) return { ok: false, problem: 'Choose an outcome column first.' };
  if (analysis.factors.length === 0) return { ok: false, problem: 'Map at least one factor first.' };
  const factors = analysis.factors.map((factor) => factor.values);
  const good = goodOutcome(yes, model.outcome.isGood);
  const { known, yes: yesCount } = knownOutcomes(yes);
  if (known === 0) return { ok: false, problem: `“${model.outcome.column}” has no yes/no (1/0) values.` };
  if (yesCount === 0 || yesCount === known) return { ok: false, problem: 'Every customer with a known outcome has the same one: nothing to rank.' };
  const byId = new Map(model.factors.map((factor) => [factor.id, factor]));
  const logistic = logisticWeights(factors, yes, { lambda: SUGGEST_LAMBDA, outcomeIsGood: model.outcome.isGood });
  // A factor scored by points per category may have them fitted to the outcome instead.
  const categoryColumns = analysis.factors.map((factor) => {
    if (byId.get(factor.factorId)?.shape.kind !== 'categories') return null;
    const column = dataset.columns[columnIndex(dataset, factor.column)];
    return column?.categories && column.codes ? { categories: column.categories, codes: column.codes } : null;
  });
  const found = searchWeights({
    factors,
    weights: analysis.weights,
    canFlip: analysis.factors.map((factor) => byId.get(factor.factorId)?.shape.kind === 'linear'),
    extra: analysis.rulePoints,
    good,
    starts: logistic.ok ? [logistic.weights] : [],
    categories: categoryColumns.map((column) => (column ? { codes: column.codes, count: column.categories.length } : null)),
  });
  if (found.rowCount === 0) return { ok: false, problem: 'No customer has a score and a known outcome.' };
  const ids = analysis.factors.map((factor) => factor.factorId);
  return {
    ok: true,
    weights: Object.fromEntries(ids.map((id, f) => [id, found.weights[f]])),
    isHigherBetter: Object.fromEntries(ids.map((id, f) => [id, (byId.get(id)?.isHigherBetter ?? true) !== found.flipped[f]])),
    flipped: ids.filter((_, f) => found.flipped[f]),
    categoryPoints: Object.fromEntries(
      ids.flatMap((id, f) => {
        const points = found.categoryPoints[f];
        const column = categoryColumns[f];
        if (!points || !column) return [];
        return [[id, Object.fromEntries(column.categories.flatMap((category, code) => (Number.isFinite(points[code]) ? [[category, points[code]]] : [])))]];
      }),
    ),
    currentAuc: found.currentAuc,
    suggestedAuc: found.suggestedAuc,
    currentHeldOut: found.currentHeldOut,
    suggestedHeldOut: found.suggestedHeldOut,
    improves: found.improves,
    rowCount: found.rowCount,
  };
}
