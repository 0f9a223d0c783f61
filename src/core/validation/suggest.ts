// "Suggest weights": the factor weights a logistic regression on the outcome would pick,
// with the AUC it reaches on customers it was not fitted on (k-fold cross-validation).
import { fitLogistic, linearPredictor, usableRows, type LogisticFit } from './logistic';
import { auc } from './roc';

export interface CrossValidatedAuc {
  /** Mean of the fold AUCs that are defined; NaN when none is. */
  meanAuc: number;
  /** Held-out AUC per fold; NaN for a fold with no positive or no negative. */
  foldAucs: number[];
}

/**
 * k-fold cross-validated AUC of fitLogistic. The usable rows (every feature a number, y 0
 * or 1) are dealt into folds in row order: the r-th usable row goes to fold r mod k.
 * Dealing needs no seed, and a file sorted by date or by outcome still gives each fold a
 * slice of every part of it. Fold f is scored by the linear predictor of a fit on the
 * other k − 1 folds; AUC as auc(), of η against y (the model orients itself, so a model
 * that ranks well gives > ½ whatever the outcome means).
 */
export function crossValidatedAuc(features: readonly Float64Array[], y: Float64Array, options: { folds?: number; lambda: number }): CrossValidatedAuc {
  const folds = options.folds ?? 5;
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`Cross-validation needs a whole number of folds ≥ 2; got ${folds}.`);
  const usable = usableRows(features, y);
  const foldAucs: number[] = [];
  for (let f = 0; f < folds; f++) {
    const { training, heldOut } = splitFold(usable, folds, f);
    const fit = fitLogistic(features, y, { lambda: options.lambda, rows: training });
    const outcomes = Float64Array.from(heldOut, (i) => y[i]);
    foldAucs.push(auc(linearPredictor(fit, features, heldOut), outcomes));
  }
  const defined = foldAucs.filter((value) => !Number.isNaN(value));
  const meanAuc = defined.length === 0 ? NaN : defined.reduce((sum, value) => sum + value, 0) / defined.length;
  return { meanAuc, foldAucs };
}

/** Rows r-th of `usable` with r mod folds ≠ fold (training) and = fold (held out). */
function splitFold(usable: Uint32Array, folds: number, fold: number): { training: Uint32Array; heldOut: Uint32Array } {
  const heldOutCount = Math.floor((usable.length - fold - 1) / folds) + 1;
  const training = new Uint32Array(usable.length - heldOutCount);
  const heldOut = new Uint32Array(heldOutCount);
  for (let r = 0, t = 0, h = 0; r < usable.length; r++) {
    if (r % folds === fold) heldOut[h++] = usable[r];
    else training[t++] = usable[r];
  }
  return { training, heldOut };
}

export type SuggestProblem =
  /** No customer has every factor and a known outcome. */
  | 'no-complete-rows'
  /** Every complete customer has the same outcome: nothing to tell good from bad. */
  | 'one-outcome-only'
  /** No factor goes with the good outcome, so no non-negative weights can follow the model. */
  | 'no-positive-weight';

export type WeightSuggestion =
  | {
      ok: true;
      /** One per factor: whole numbers ≥ 0 summing to 100. */
      weights: number[];
      /** Fitted change in the log-odds of the good outcome per factor point (0..100 scale). */
      coefficients: number[];
      /** Cross-validated AUC of the fitted model (good vs bad outcome). */
      heldOutAuc: number;
      foldAucs: number[];
      /** AUC of the fitted model on the customers it was fitted on. */
      inSampleAuc: number;
      /** Factors whose coefficient was negative (worse outcome with a higher value): weight 0. */
      dropped: number[];
      /** Customers with every factor and a known outcome: the ones fitted. */
      rowCount: number;
      converged: boolean;
    }
  | { ok: false; problem: SuggestProblem };

/**
 * Weights for the factors (0..100 arrays, NaN = missing) that follow the logistic
 * regression of the good outcome — y when outcomeIsGood, else 1 − y — on them.
 *
 * Why proportional to the coefficients: the CRS is Σ wᵢxᵢ / Σ wᵢ with wᵢ ≥ 0. For a
 * customer with every factor the denominator is the same constant for everyone, so the
 * CRS orders customers exactly as Σ wᵢxᵢ does; the model orders them by its log-odds
 * β₀ + Σ βᵢxᵢ, i.e. by Σ βᵢxᵢ. Weights wᵢ ∝ βᵢ (per point of the 0..100 scale, not the
 * standardised β) therefore give the model's ranking. A negative βᵢ cannot be written
 * with wᵢ ≥ 0: it is clamped to 0 and reported in `dropped`. Weights are scaled to sum
 * to 100 and rounded to whole numbers by largest remainder, to fit the 0–100 sliders.
 *
 * Fitted on complete customers only (every factor present): the model has no term for a
 * missing factor, while the CRS re-weights over the factors present.
 *
 * λ is fitLogistic's: on the mean log-likelihood, standardised features. About 1e-3
 * barely shrinks; by 0.1–1 the penalty pulls correlated factors toward equal weights
 * (simulated 50/30/20/0 with correlated factors came out 26/25/25/24 at λ = 1).
 */
export function suggestWeights(factors: readonly Float64Array[], y: Float64Array, options: { lambda: number; folds?: number; outcomeIsGood: boolean }): WeightSuggestion {
  const fitted = logisticWeights(factors, y, options);
  if (!fitted.ok) return fitted;
  const { fit, good, rows } = fitted;
  const outcomes = Float64Array.from(rows, (i) => good[i]);
  const inSampleAuc = auc(linearPredictor(fit, factors, rows), outcomes);
  const { meanAuc, foldAucs } = crossValidatedAuc(factors, good, { folds: options.folds, lambda: options.lambda });
  return {
    ok: true,
    weights: fitted.weights,
    coefficients: fit.coefficients,
    heldOutAuc: meanAuc,
    foldAucs,
    inSampleAuc,
    dropped: fitted.dropped,
    rowCount: fit.rowCount,
    converged: fit.converged,
  };
}

/**
 * suggestWeights' weights alone, without its AUCs: what the weight search (weightSearch.ts)
 * starts from. It judges itself held out, so neither the in-sample AUC nor the five
 * cross-validation fits would be read.
 */
export function logisticWeights(
  factors: readonly Float64Array[],
  y: Float64Array,
  options: { lambda: number; outcomeIsGood: boolean },
): { ok: true; weights: number[]; dropped: number[]; fit: LogisticFit; good: Float64Array; rows: Uint32Array } | { ok: false; problem: SuggestProblem } {
  const good = options.outcomeIsGood ? y : Float64Array.from(y, (v) => (v === 0 || v === 1 ? 1 - v : NaN));
  const rows = usableRows(factors, good);
  if (rows.length === 0) return { ok: false, problem: 'no-complete-rows' };
  const fit = fitLogistic(factors, good, { lambda: options.lambda });
  if (!Number.isFinite(fit.intercept)) return { ok: false, problem: 'one-outcome-only' };
  const positive = fit.coefficients.map((c) => (c > 0 ? c : 0));
  const total = positive.reduce((sum, c) => sum + c, 0);
  if (total === 0) return { ok: false, problem: 'no-positive-weight' };
  return {
    ok: true,
    weights: largestRemainder(
      positive.map((c) => (c / total) * 100),
      100,
    ),
    dropped: fit.coefficients.flatMap((c, i) => (c < 0 ? [i] : [])),
    fit,
    good,
    rows,
  };
}

/**
 * Whole numbers summing to `total`, each the floor of its share or one more (Hamilton's
 * largest-remainder method): the units left after flooring go to the largest fractional
 * parts, ties to the earlier index. `shares` must be ≥ 0 and sum to `total` (up to rounding).
 */
export function largestRemainder(shares: readonly number[], total: number): number[] {
  const floors = shares.map(Math.floor);
  const left = total - floors.reduce((sum, value) => sum + value, 0);
  const byRemainder = Array.from(shares, (_, i) => i).sort((a, b) => shares[b] - floors[b] - (shares[a] - floors[a]) || a - b);
  for (let u = 0; u < left && u < byRemainder.length; u++) floors[byRemainder[u]]++;
  return floors;
}
