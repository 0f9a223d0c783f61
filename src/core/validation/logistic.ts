// L2-regularised logistic regression by Newton–Raphson, for "Suggest weights": which
// mix of factors best ranks customers by an outcome. Typed arrays, one pass per Newton step.
import { MAX_FACTORS } from '../scoring/score';

export interface LogisticOptions {
  /** Penalty λ on the mean log-likelihood: see fitLogistic. 0 = plain maximum likelihood. */
  lambda: number;
  /** Cap on Newton steps (default 50; a fit usually needs 5–10). */
  maxIterations?: number;
  /** Stop once a Newton step moves no standardised parameter by more than this (default 1e-8). */
  tolerance?: number;
  /** Fit on these rows only (cross-validation folds); rows with a missing value are still left out. */
  rows?: Uint32Array;
}

export interface LogisticFit {
  /** Log-odds when every feature is 0, on the original scale. */
  intercept: number;
  /** Change in log-odds per unit of each feature, on the original scale. */
  coefficients: number[];
  /** Change in log-odds per standard deviation of each feature (the penalised ones); 0 for a constant feature. */
  standardized: number[];
  /** Newton steps taken. */
  iterations: number;
  /** False when the cap was hit, the Hessian was singular, or there is no finite optimum (one outcome only). */
  converged: boolean;
  /** Σ y·ln p + (1 − y)·ln(1 − p) over the rows used, at the fitted parameters. */
  logLikelihood: number;
  /** Rows used. */
  rowCount: number;
}

const DEFAULT_MAX_ITERATIONS = 50;
const DEFAULT_TOLERANCE = 1e-8;
/** Halvings of a Newton step that would lower the objective before giving up. */
const MAX_HALVINGS = 30;

/**
 * Maximises (1/m)·Σᵢ [yᵢ·ηᵢ − ln(1 + e^ηᵢ)] − (λ/2)·‖β‖², ηᵢ = β₀ + Σⱼ βⱼ·zᵢⱼ, where zⱼ is
 * feature j standardised over the m rows used (mean 0, population sd 1) and the
 * intercept β₀ is not penalised. The log-likelihood is averaged, not summed, so one λ
 * means the same shrinkage at 1k rows as at 1M, and on a cross-validation fold as on
 * the whole file. A constant feature carries no information and gets coefficient 0.
 *
 * Rows used: those (of `rows`, if given) where every feature is a number and y is 0 or 1.
 * Newton–Raphson from β = 0 (deterministic), solving the (k+1)×(k+1) system by Cholesky;
 * a step that would lower the objective is halved. With λ > 0 the objective is strictly
 * concave, so the optimum is unique and finite even for separable data; with λ = 0 and
 * separable or collinear data it is not, and the fit stops with converged = false. With
 * one outcome only the optimum is at β₀ = ±∞: returned as such, β = 0, converged = false.
 * O(m·k²) per step.
 */
export function fitLogistic(features: readonly Float64Array[], y: Float64Array, options: LogisticOptions): LogisticFit {
  const k = features.length;
  if (k > MAX_FACTORS) throw new RangeError(`A regression can use at most ${MAX_FACTORS} features; it has ${k}.`);
  const rows = usableRows(features, y, options.rows);
  const { means, sds } = columnMoments(features, rows);
  const active: number[] = [];
  for (let j = 0; j < k; j++) if (sds[j] > 0) active.push(j);
  const design = standardizedDesign(features, y, rows, active, means, sds);
  const m = rows.length;
  let positives = 0;
  for (let r = 0; r < m; r++) positives += design.target[r];
  const zeros = new Array<number>(k).fill(0);
  if (positives === 0 || positives === m) {
    const intercept = m === 0 ? NaN : positives === 0 ? -Infinity : Infinity;
    return { intercept, coefficients: zeros, standardized: [...zeros], iterations: 0, converged: false, logLikelihood: 0, rowCount: m };
  }
  const fit = newton(design, options.lambda, options.maxIterations ?? DEFAULT_MAX_ITERATIONS, options.tolerance ?? DEFAULT_TOLERANCE);
  // Back to the original scale: βⱼ·(xⱼ − meanⱼ)/sdⱼ = (βⱼ/sdⱼ)·xⱼ − βⱼ·meanⱼ/sdⱼ.
  const standardized = [...zeros];
  const coefficients = [...zeros];
  let intercept = fit.theta[0];
  active.forEach((j, a) => {
    standardized[j] = fit.theta[a + 1];
    coefficients[j] = fit.theta[a + 1] / sds[j];
    intercept -= (fit.theta[a + 1] * means[j]) / sds[j];
  });
  return { intercept, coefficients, standardized, iterations: fit.iterations, converged: fit.converged, logLikelihood: fit.logLikelihood, rowCount: m };
}

/** Rows (of `candidates`, else all) where every feature is a number and y is 0 or 1, ascending. */
export function usableRows(features: readonly Float64Array[], y: Float64Array, candidates?: Uint32Array): Uint32Array {
  const total = candidates ? candidates.length : y.length;
  const out = new Uint32Array(total);
  let count = 0;
  for (let r = 0; r < total; r++) {
    const i = candidates ? candidates[r] : r;
    const outcome = y[i];
    if (outcome !== 0 && outcome !== 1) continue;
    let isComplete = true;
    for (let j = 0; j < features.length && isComplete; j++) isComplete = features[j][i] === features[j][i];
    if (isComplete) out[count++] = i;
  }
  return out.slice(0, count);
}

/** η = intercept + Σⱼ coefficientⱼ·xⱼ (the log-odds) for each of `rows`; NaN where a feature is missing. */
export function linearPredictor(fit: Pick<LogisticFit, 'intercept' | 'coefficients'>, features: readonly Float64Array[], rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length).fill(fit.intercept);
  fit.coefficients.forEach((c, j) => {
    const column = features[j];
    for (let r = 0; r < rows.length; r++) out[r] += c * column[rows[r]];
  });
  return out;
}

/**
 * Mean and population sd of each feature over `rows`, in two passes for accuracy on large
 * means. A column whose values are all equal gets sd exactly 0: its computed mean can
 * miss the value by an ulp (0.1 + 0.1 + 0.1 ≠ 0.3), which would otherwise leave a tiny sd.
 */
function columnMoments(features: readonly Float64Array[], rows: Uint32Array): { means: number[]; sds: number[] } {
  const means: number[] = [];
  const sds: number[] = [];
  for (const column of features) {
    let sum = 0;
    let isConstant = true;
    const first = column[rows[0]];
    for (let r = 0; r < rows.length; r++) {
      const x = column[rows[r]];
      sum += x;
      if (x !== first) isConstant = false;
    }
    const mean = sum / rows.length;
    let squares = 0;
    for (let r = 0; r < rows.length; r++) squares += (column[rows[r]] - mean) ** 2;
    means.push(mean);
    sds.push(isConstant ? 0 : Math.sqrt(squares / rows.length));
  }
  return { means, sds };
}

/** The standardised active features, column by column, and y as 0/1 bytes, over the rows used. */
interface Design {
  columns: Float64Array[];
  target: Uint8Array;
}

function standardizedDesign(features: readonly Float64Array[], y: Float64Array, rows: Uint32Array, active: number[], means: number[], sds: number[]): Design {
  const m = rows.length;
  const columns = active.map((j) => {
    const values = features[j];
    const mean = means[j];
    const sd = sds[j];
    const column = new Float64Array(m);
    for (let r = 0; r < m; r++) column[r] = (values[rows[r]] - mean) / sd;
    return column;
  });
  const target = new Uint8Array(m);
  for (let r = 0; r < m; r++) target[r] = y[rows[r]] === 1 ? 1 : 0;
  return { columns, target };
}

interface NewtonResult {
  /** [β₀, β₁ … βₐ], standardised. */
  theta: Float64Array;
  iterations: number;
  converged: boolean;
  logLikelihood: number;
}

function newton(design: Design, lambda: number, maxIterations: number, tolerance: number): NewtonResult {
  const size = design.columns.length + 1;
  const scratch = new Scratch();
  let theta = new Float64Array(size);
  let state = evaluate(design, theta, lambda, scratch);
  let iterations = 0;
  while (iterations < maxIterations) {
    const step = solveCholesky(state.hessian, state.gradient, size);
    if (step === null) break;
    let largest = 0;
    for (let p = 0; p < size; p++) largest = Math.max(largest, Math.abs(step[p]));
    if (largest <= tolerance) {
      // Newton converges quadratically: after this last small step θ is at the optimum to
      // about tolerance², without another pass. ℓ is not recomputed: it moves by less still.
      for (let p = 0; p < size; p++) theta[p] += step[p];
      return { theta, iterations: iterations + 1, converged: true, logLikelihood: state.logLikelihood };
    }
    const next = acceptedStep(design, theta, step, lambda, state.objective, scratch);
    if (next === null) break;
    theta = next.theta;
    state = next.state;
    iterations++;
  }
  return { theta, iterations, converged: false, logLikelihood: state.logLikelihood };
}

/** θ + t·step for the largest t in 1, ½, ¼ … whose objective is not lower than the current one. */
function acceptedStep(design: Design, theta: Float64Array, step: Float64Array, lambda: number, objective: number, scratch: Scratch) {
  // Rounding in a sum over 1M rows can make an exact optimum look a hair worse.
  const slack = 1e-12 * (1 + Math.abs(objective));
  for (let halvings = 0, t = 1; halvings <= MAX_HALVINGS; halvings++, t /= 2) {
    const candidate = theta.map((value, p) => value + t * step[p]);
    const state = evaluate(design, candidate, lambda, scratch);
    if (state.objective >= objective - slack) return { theta: candidate, state };
  }
  return null;
}

interface Evaluation {
  /** (1/m)·ℓ − (λ/2)·‖β‖². */
  objective: number;
  logLikelihood: number;
  /** Gradient of the objective. */
  gradient: Float64Array;
  /** Minus its Hessian, (1/m)·Xᵀ·W·X + λ·I (no λ on the intercept), lower triangle, row-major size×size. */
  hessian: Float64Array;
}

/** Rows per block of a pass: the block's columns and weights stay in cache between the sums. */
const BLOCK_ROWS = 2048;

/** Per-block buffers, allocated once per fit. */
class Scratch {
  eta = new Float64Array(BLOCK_ROWS);
  residual = new Float64Array(BLOCK_ROWS);
  weight = new Float64Array(BLOCK_ROWS);
  /** wᵢ·zᵢⱼ for the column j being summed. */
  weighted = new Float64Array(BLOCK_ROWS);
}

/**
 * One pass over the rows at θ: pᵢ = 1/(1 + e^−ηᵢ), wᵢ = pᵢ(1 − pᵢ), gradient Σ (yᵢ − pᵢ)·xᵢ
 * and information Σ wᵢ·xᵢ·xᵢᵀ with xᵢ = (1, zᵢ), then averaged and penalised. Block by
 * block: η, then p, w and ℓ per row, then each gradient and Hessian entry as a dot product
 * over the block's columns (tight loops the JIT keeps in registers).
 */
function evaluate(design: Design, theta: Float64Array, lambda: number, scratch: Scratch): Evaluation {
  const { columns, target } = design;
  const m = target.length;
  const size = columns.length + 1;
  const { eta, residual, weight } = scratch;
  const gradient = new Float64Array(size);
  const hessian = new Float64Array(size * size);
  let logLikelihood = 0;
  for (let start = 0; start < m; start += BLOCK_ROWS) {
    const end = Math.min(m, start + BLOCK_ROWS);
    const length = end - start;
    eta.fill(theta[0]);
    for (let j = 0; j < columns.length; j++) {
      const column = columns[j];
      const beta = theta[j + 1];
      for (let i = 0; i < length; i++) eta[i] += beta * column[start + i];
    }
    logLikelihood += residualsAndWeights(eta, target, start, length, residual, weight);
    addBlockSums(columns, start, length, scratch, gradient, hessian);
  }
  let penalty = 0;
  for (let p = 0; p < size; p++) {
    gradient[p] /= m;
    for (let q = 0; q <= p; q++) hessian[p * size + q] /= m;
    if (p === 0) continue;
    gradient[p] -= lambda * theta[p];
    hessian[p * size + p] += lambda;
    penalty += theta[p] * theta[p];
  }
  return { objective: logLikelihood / m - (lambda / 2) * penalty, logLikelihood, gradient, hessian };
}

/**
 * For rows start … start + length − 1: residual yᵢ − pᵢ and weight pᵢ(1 − pᵢ) into the
 * block buffers; returns Σ ℓᵢ, ℓᵢ = yᵢ·ηᵢ − ln(1 + e^ηᵢ). Overflow-free with e = e^−|η|:
 * ln(1 + e^η) = max(η, 0) + ln(1 + e), and p is 1/(1 + e) or e/(1 + e) by the sign of η.
 */
function residualsAndWeights(eta: Float64Array, target: Uint8Array, start: number, length: number, residual: Float64Array, weight: Float64Array): number {
  let logLikelihood = 0;
  for (let i = 0; i < length; i++) {
    const value = eta[i];
    const e = Math.exp(-Math.abs(value));
    const q = 1 / (1 + e);
    const p = value >= 0 ? q : e * q;
    const y = target[start + i];
    logLikelihood += y * value - ((value > 0 ? value : 0) + Math.log1p(e));
    residual[i] = y - p;
    weight[i] = p * (1 - p);
  }
  return logLikelihood;
}

/** Adds the block's Σ rᵢ·xᵢ to the gradient and Σ wᵢ·xᵢ·xᵢᵀ (lower triangle) to the Hessian. */
function addBlockSums(columns: Float64Array[], start: number, length: number, scratch: Scratch, gradient: Float64Array, hessian: Float64Array): void {
  const { residual, weight, weighted } = scratch;
  const size = columns.length + 1;
  let residualSum = 0;
  let weightSum = 0;
  for (let i = 0; i < length; i++) {
    residualSum += residual[i];
    weightSum += weight[i];
  }
  gradient[0] += residualSum;
  hessian[0] += weightSum;
  for (let j = 0; j < columns.length; j++) {
    const zj = columns[j].subarray(start, start + length);
    let g = 0;
    let h = 0;
    for (let i = 0; i < length; i++) {
      const z = zj[i];
      const wz = weight[i] * z;
      weighted[i] = wz;
      g += residual[i] * z;
      h += wz;
    }
    gradient[j + 1] += g;
    hessian[(j + 1) * size] += h;
    for (let l = 0; l <= j; l++) hessian[(j + 1) * size + l + 1] += dot(weighted, columns[l].subarray(start, start + length), length);
  }
}

/** Σ x[i]·y[i] for i < length, in two running sums: half the chain of dependent additions, ~1.5× faster. */
function dot(x: Float64Array, y: Float64Array, length: number): number {
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < length; i += 2) {
    even += x[i] * y[i];
    odd += x[i + 1] * y[i + 1];
  }
  if (i < length) even += x[i] * y[i];
  return even + odd;
}

/**
 * Solves H·x = b for a symmetric positive-definite H given by its lower triangle
 * (row-major size×size), by Cholesky H = L·Lᵀ. Null when H is not numerically positive
 * definite (a pivot at or below 1e-13 of its diagonal entry): the step is undefined.
 */
export function solveCholesky(hessian: Float64Array, b: Float64Array, size: number): Float64Array | null {
  const lower = new Float64Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c <= r; c++) {
      let sum = hessian[r * size + c];
      for (let q = 0; q < c; q++) sum -= lower[r * size + q] * lower[c * size + q];
      if (r === c) {
        if (!(sum > 1e-13 * hessian[r * size + r])) return null;
        lower[r * size + r] = Math.sqrt(sum);
      } else lower[r * size + c] = sum / lower[c * size + c];
    }
  }
  // L·u = b, then Lᵀ·x = u.
  const x = Float64Array.from(b);
  for (let r = 0; r < size; r++) {
    for (let q = 0; q < r; q++) x[r] -= lower[r * size + q] * x[q];
    x[r] /= lower[r * size + r];
  }
  for (let r = size - 1; r >= 0; r--) {
    for (let q = r + 1; q < size; q++) x[r] -= lower[q * size + r] * x[q];
    x[r] /= lower[r * size + r];
  }
  return x;
}
