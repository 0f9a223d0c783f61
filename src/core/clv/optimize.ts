// A deterministic Nelder–Mead minimiser for the few-parameter likelihood fits (BG/NBD,
// Gamma-Gamma): fixed start, fixed step, fixed caps, so the same data always gives the same fit.

export interface NelderMeadOptions {
  /** Initial simplex: start plus `step` along each axis (default 0.5; the fits work on log-parameters). */
  step?: number;
  /** Cap on objective evaluations (default 2,000). */
  maxEvaluations?: number;
  /** Stop when the simplex's objective values span at most this, relative to 1 + |best| (default 1e-11)… */
  functionTolerance?: number;
  /** …and its vertices lie within this of the best one in every coordinate (default 1e-7). */
  pointTolerance?: number;
  /** Restarts from the best point with a fresh simplex, to undo a collapsed simplex (default 1)… */
  restarts?: number;
  /** …whose step is this (default step / 10: the point is near the optimum already). */
  restartStep?: number;
}

export interface NelderMeadResult {
  point: number[];
  value: number;
  /** Objective evaluations over all restarts. */
  evaluations: number;
  /** Simplex iterations over all restarts. */
  iterations: number;
  /** False when the evaluation cap was hit before both tolerances were met. */
  converged: boolean;
}

/**
 * Minimises f from `start` by Nelder–Mead with the standard coefficients (reflection 1,
 * expansion 2, contraction ½, shrink ½). A non-finite f(x) counts as +∞, so the objective
 * can reject a region by returning NaN. After converging it restarts from the best point
 * (`restarts` times) with a fresh simplex, as is usual: a single run can stall on a
 * degenerate simplex.
 */
export function nelderMead(f: (x: readonly number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const step = options.step ?? 0.5;
  const maxEvaluations = options.maxEvaluations ?? 2000;
  const functionTolerance = options.functionTolerance ?? 1e-11;
  const pointTolerance = options.pointTolerance ?? 1e-7;
  const restarts = options.restarts ?? 1;
  const restartStep = options.restartStep ?? step / 10;
  let evaluations = 0;
  const value = (x: readonly number[]) => {
    evaluations++;
    const y = f(x);
    return Number.isFinite(y) ? y : Infinity;
  };
  let best = { point: [...start], value: value(start) };
  let iterations = 0;
  let converged = false;
  for (let run = 0; run <= restarts; run++) {
    const result = simplexRun(value, best.point, best.value, run === 0 ? step : restartStep, () => evaluations < maxEvaluations, functionTolerance, pointTolerance);
    iterations += result.iterations;
    converged = result.converged;
    best = { point: result.point, value: result.value };
    if (!converged) break;
  }
  return { point: best.point, value: best.value, evaluations, iterations, converged };
}

function simplexRun(value: (x: readonly number[]) => number, start: number[], startValue: number, step: number, hasBudget: () => boolean, functionTolerance: number, pointTolerance: number) {
  const n = start.length;
  const points: number[][] = [start];
  const values: number[] = [startValue];
  for (let i = 0; i < n; i++) {
    const p = [...start];
    p[i] += step;
    points.push(p);
    values.push(value(p));
  }
  let iterations = 0;
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  while (true) {
    order.sort((i, j) => values[i] - values[j] || i - j);
    const bestIndex = order[0];
    const worstIndex = order[n];
    const secondWorst = values[order[n - 1]];
    if (isConverged(points, values, bestIndex, functionTolerance, pointTolerance)) {
      return { point: points[bestIndex], value: values[bestIndex], iterations, converged: true };
    }
    if (!hasBudget()) return { point: points[bestIndex], value: values[bestIndex], iterations, converged: false };
    iterations++;
    const centroid = new Array<number>(n).fill(0);
    for (const i of order.slice(0, n)) for (let d = 0; d < n; d++) centroid[d] += points[i][d] / n;
    const worst = points[worstIndex];
    const along = (t: number) => centroid.map((c, d) => c + t * (c - worst[d]));
    const reflected = along(1);
    const reflectedValue = value(reflected);
    if (reflectedValue < values[bestIndex]) {
      const expanded = along(2);
      const expandedValue = value(expanded);
      const isExpansionBetter = expandedValue < reflectedValue;
      points[worstIndex] = isExpansionBetter ? expanded : reflected;
      values[worstIndex] = isExpansionBetter ? expandedValue : reflectedValue;
      continue;
    }
    if (reflectedValue < secondWorst) {
      points[worstIndex] = reflected;
      values[worstIndex] = reflectedValue;
      continue;
    }
    // Contract outside when the reflection beat the worst vertex, inside otherwise.
    const isOutside = reflectedValue < values[worstIndex];
    const contracted = along(isOutside ? 0.5 : -0.5);
    const contractedValue = value(contracted);
    if (contractedValue < (isOutside ? reflectedValue : values[worstIndex])) {
      points[worstIndex] = contracted;
      values[worstIndex] = contractedValue;
      continue;
    }
    const anchor = points[bestIndex];
    for (const i of order.slice(1)) {
      points[i] = points[i].map((x, d) => anchor[d] + 0.5 * (x - anchor[d]));
      values[i] = value(points[i]);
    }
  }
}

function isConverged(points: number[][], values: number[], bestIndex: number, functionTolerance: number, pointTolerance: number): boolean {
  const best = values[bestIndex];
  if (!Number.isFinite(best)) return false;
  let spread = 0;
  for (const v of values) spread = Math.max(spread, v - best);
  if (spread > functionTolerance * (1 + Math.abs(best))) return false;
  const anchor = points[bestIndex];
  return points.every((p) => p.every((x, d) => Math.abs(x - anchor[d]) <= pointTolerance));
}

export interface BfgsOptions {
  /** Cap on iterations (default 200). */
  maxIterations?: number;
  /** Converged once every gradient component is at most this in absolute value (default 1e-9). */
  gradientTolerance?: number;
}

export interface BfgsResult {
  point: number[];
  value: number;
  /** Objective-and-gradient evaluations (line-search trials included). */
  evaluations: number;
  iterations: number;
  /** False when the cap was hit, or the line search could not decrease f (e.g. a kink or NaN region). */
  converged: boolean;
}

/** Armijo sufficient-decrease constant and the most step halvings tried. */
const ARMIJO = 1e-4;
const MAX_HALVINGS = 50;

/**
 * Minimises f by BFGS with a backtracking (Armijo) line search, given f and its gradient
 * together: `fg(x, gradient)` returns f(x) and writes ∇f(x) into `gradient`. Starts from the
 * identity, rescaled after the first step by sᵀy/yᵀy (Nocedal & Wright, eq. 6.20); an update
 * with sᵀy ≤ 0 is skipped so the inverse Hessian stays positive definite. Deterministic.
 * A non-finite f counts as a failed trial step.
 */
export function bfgs(fg: (x: readonly number[], gradient: number[]) => number, start: readonly number[], options: BfgsOptions = {}): BfgsResult {
  const maxIterations = options.maxIterations ?? 200;
  const gradientTolerance = options.gradientTolerance ?? 1e-9;
  const n = start.length;
  let x = [...start];
  let gradient = new Array<number>(n).fill(0);
  let value = fg(x, gradient);
  let evaluations = 1;
  let inverse = identity(n);
  const isSmall = (g: number[]) => g.every((v) => Math.abs(v) <= gradientTolerance);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (!Number.isFinite(value)) return { point: x, value, evaluations, iterations: iteration, converged: false };
    if (isSmall(gradient)) return { point: x, value, evaluations, iterations: iteration, converged: true };
    let direction = inverse.map((row) => -dot(row, gradient));
    let slope = dot(direction, gradient);
    if (!(slope < 0)) {
      // Not a descent direction (rounding): fall back to steepest descent.
      inverse = identity(n);
      direction = gradient.map((g) => -g);
      slope = dot(direction, gradient);
    }
    const trialGradient = new Array<number>(n).fill(0);
    let accepted: { x: number[]; value: number } | null = null;
    for (let halvings = 0, t = 1; halvings <= MAX_HALVINGS; halvings++, t /= 2) {
      const trial = x.map((v, i) => v + t * direction[i]);
      const trialValue = fg(trial, trialGradient);
      evaluations++;
      if (Number.isFinite(trialValue) && trialValue <= value + ARMIJO * t * slope) {
        accepted = { x: trial, value: trialValue };
        break;
      }
    }
    if (accepted === null) return { point: x, value, evaluations, iterations: iteration, converged: false };
    const s = accepted.x.map((v, i) => v - x[i]);
    const y = trialGradient.map((g, i) => g - gradient[i]);
    const sy = dot(s, y);
    if (sy > 1e-300) {
      if (iteration === 0) inverse = identity(n).map((row) => row.map((v) => (v * sy) / dot(y, y)));
      inverse = updateInverse(inverse, s, y, sy);
    }
    x = accepted.x;
    value = accepted.value;
    gradient = [...trialGradient];
  }
  return { point: x, value, evaluations, iterations: maxIterations, converged: isSmall(gradient) };
}

const dot = (u: readonly number[], v: readonly number[]) => u.reduce((sum, ui, i) => sum + ui * v[i], 0);
const identity = (n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(sᵀy). */
function updateInverse(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const rho = 1 / sy;
  const n = s.length;
  const hy = h.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => h[i][j] - rho * (s[i] * hy[j] + hy[i] * s[j]) + (rho * rho * yhy + rho) * s[i] * s[j]));
}
