// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): repeat
// purchases as a Poisson process with a gamma-distributed rate that stops, after any repeat
// purchase, with a beta-distributed probability. Fit by maximum likelihood; per-customer
// P(alive) and expected purchases. Time is in whatever unit x, t_x and T use (weeks, say).
import { digamma, hyp2f1, lnGamma } from './special';
import { bfgs, nelderMead } from './optimize';

/**
 * Purchase rate λ ~ Gamma(shape r, rate α); dropout probability p ~ Beta(a, b). α is in
 * the time unit of the data (λ's mean r/α is purchases per unit).
 */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Per-customer calibration data, one row each:
 * x = repeat purchases (orders − 1), t_x = time of the last purchase since the first
 * (0 when x = 0), T = time from the first purchase to the end of the calibration period.
 */
export interface RfmColumns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

/** A row is usable when x is a whole number ≥ 0, 0 ≤ t_x ≤ T, T > 0, and t_x = 0 when x = 0. */
export function isUsableRow(x: number, tx: number, T: number): boolean {
  return x >= 0 && Number.isInteger(x) && tx >= 0 && tx <= T && T > 0 && (x > 0 || tx === 0);
}

/**
 * ln L(r, α, a, b | x, t_x, T) = ln A₁ + ln A₂ + ln(A₃ + [x > 0]·A₄), with
 * A₁ = Γ(r + x)·αʳ / Γ(r), A₂ = Γ(a + b)·Γ(b + x) / (Γ(b)·Γ(a + b + x)),
 * A₃ = (α + T)^−(r+x), A₄ = a/(b + x − 1) · (α + t_x)^−(r+x)   (FHL 2005, eq. 6).
 * The last sum is taken as a log-sum-exp so a long-lived customer does not underflow.
 * NaN for an unusable row (isUsableRow) or non-positive parameters.
 */
export function bgnbdLogLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !isUsableRow(x, tx, T)) return NaN;
  const lnA1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const lnA2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  return lnA1 + lnA2 + lnTail(params, x, tx, T);
}

/** ln(A₃ + [x > 0]·A₄), the part of ln L that depends on t_x and T. */
function lnTail(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const lnA3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return lnA3;
  const lnA4 = Math.log(a / (b + x - 1)) - (r + x) * Math.log(alpha + tx);
  const high = Math.max(lnA3, lnA4);
  return high + Math.log1p(Math.exp(Math.min(lnA3, lnA4) - high));
}

/**
 * Σ ln L over the rows; unusable rows are skipped, like missing values elsewhere. The
 * x-only terms ln A₁ + ln A₂ are computed once per distinct x. (The fit uses the faster
 * preparedLogLikelihood; this is the plain reference.)
 */
export function bgnbdTotalLogLikelihood(params: BgNbdParams, data: RfmColumns): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return NaN;
  const { x, tx, T } = data;
  const xTerms = new Map<number, number>();
  const lnAlpha = Math.log(alpha);
  const lnGammaR = lnGamma(r);
  const lnBetaPart = lnGamma(a + b) - lnGamma(b);
  const lnA = Math.log(a);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const txi = tx[i];
    const Ti = T[i];
    if (!isUsableRow(xi, txi, Ti)) continue;
    let xTerm = xTerms.get(xi);
    if (xTerm === undefined) {
      xTerm = lnGamma(r + xi) - lnGammaR + r * lnAlpha + lnBetaPart + lnGamma(b + xi) - lnGamma(a + b + xi);
      xTerms.set(xi, xTerm);
    }
    const power = r + xi;
    const lnA3 = -power * Math.log(alpha + Ti);
    let tail = lnA3;
    if (xi > 0) {
      const lnA4 = lnA - Math.log(b + xi - 1) - power * Math.log(alpha + txi);
      tail = lnA3 > lnA4 ? lnA3 + Math.log1p(Math.exp(lnA4 - lnA3)) : lnA4 + Math.log1p(Math.exp(lnA3 - lnA4));
    }
    total += xTerm + tail;
  }
  return total;
}

/**
 * The fit's working form of the data: distinct x values and distinct times (t_x and T
 * together) in tables, each row as indices into them, and rows with the same
 * (x, t_x, T) merged with a count. With times on a day or week grid (from date columns)
 * there are few distinct times, so a likelihood pass takes one log per distinct time
 * plus an exp and a log1p per repeat-buyer row; with continuous times it is no slower
 * than the plain pass. Unusable rows are dropped. O(n) with Map look-ups to build.
 */
export interface PreparedRfm {
  xValues: Float64Array;
  timeValues: Float64Array;
  xIndex: Uint32Array;
  txIndex: Uint32Array;
  TIndex: Uint32Array;
  count: Float64Array;
  /** Usable customers (Σ count). */
  customerCount: number;
}

export function prepareRfm(data: RfmColumns): PreparedRfm {
  const { x, tx, T } = data;
  const xIds = new Map<number, number>();
  const timeIds = new Map<number, number>();
  const idOf = (ids: Map<number, number>, value: number) => {
    let id = ids.get(value);
    if (id === undefined) ids.set(value, (id = ids.size));
    return id;
  };
  const rowX: number[] = [];
  const rowTx: number[] = [];
  const rowT: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!isUsableRow(x[i], tx[i], T[i])) continue;
    rowX.push(idOf(xIds, x[i]));
    rowTx.push(idOf(timeIds, tx[i]));
    rowT.push(idOf(timeIds, T[i]));
  }
  // Merge identical triples by a numeric key (exact while xIds·times² < 2^53).
  const times = timeIds.size;
  const canMerge = xIds.size * times * times < Number.MAX_SAFE_INTEGER;
  const rowOf = new Map<number, number>();
  const xIndex: number[] = [];
  const txIndex: number[] = [];
  const TIndex: number[] = [];
  const count: number[] = [];
  for (let i = 0; i < rowX.length; i++) {
    const key = canMerge ? (rowX[i] * times + rowTx[i]) * times + rowT[i] : -1;
    const at = canMerge ? rowOf.get(key) : undefined;
    if (at !== undefined) {
      count[at]++;
      continue;
    }
    if (canMerge) rowOf.set(key, count.length);
    xIndex.push(rowX[i]);
    txIndex.push(rowTx[i]);
    TIndex.push(rowT[i]);
    count.push(1);
  }
  return {
    xValues: Float64Array.from(xIds.keys()),
    timeValues: Float64Array.from(timeIds.keys()),
    xIndex: Uint32Array.from(xIndex),
    txIndex: Uint32Array.from(txIndex),
    TIndex: Uint32Array.from(TIndex),
    count: Float64Array.from(count),
    customerCount: rowX.length,
  };
}

/** bgnbdTotalLogLikelihood on prepared data: the same sum, computed as described at PreparedRfm. */
export function preparedLogLikelihood(params: BgNbdParams, data: PreparedRfm, scratch?: { lnTime: Float64Array; xTerm: Float64Array; lnA4Constant: Float64Array }): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return NaN;
  const { xValues, timeValues, xIndex, txIndex, TIndex, count } = data;
  const lnTime = scratch?.lnTime ?? new Float64Array(timeValues.length);
  const xTerm = scratch?.xTerm ?? new Float64Array(xValues.length);
  const lnA4Constant = scratch?.lnA4Constant ?? new Float64Array(xValues.length);
  for (let v = 0; v < timeValues.length; v++) lnTime[v] = Math.log(alpha + timeValues[v]);
  const head = r * Math.log(alpha) - lnGamma(r) + lnGamma(a + b) - lnGamma(b);
  const lnA = Math.log(a);
  for (let k = 0; k < xValues.length; k++) {
    const xk = xValues[k];
    xTerm[k] = head + lnGamma(r + xk) + lnGamma(b + xk) - lnGamma(a + b + xk);
    lnA4Constant[k] = xk > 0 ? lnA - Math.log(b + xk - 1) : NaN;
  }
  let total = 0;
  for (let i = 0; i < count.length; i++) {
    const k = xIndex[i];
    const power = r + xValues[k];
    const lnA3 = -power * lnTime[TIndex[i]];
    let tail = lnA3;
    if (xValues[k] > 0) {
      const lnA4 = lnA4Constant[k] - power * lnTime[txIndex[i]];
      tail = lnA3 > lnA4 ? lnA3 + Math.log1p(Math.exp(lnA4 - lnA3)) : lnA4 + Math.log1p(Math.exp(lnA3 - lnA4));
    }
    total += count[i] * (xTerm[k] + tail);
  }
  return total;
}

/**
 * preparedLogLikelihood and its gradient with respect to (ln r, ln α, ln a, ln b), written
 * into `gradient`. With w₃ = A₃/(A₃ + A₄) and w₄ = 1 − w₃ (w₄ = 0 for x = 0), per row:
 * ∂/∂r = ψ(r+x) − ψ(r) + ln α − w₃·ln(α+T) − w₄·ln(α+t_x);
 * ∂/∂α = r/α − (r+x)·(w₃/(α+T) + w₄/(α+t_x));
 * ∂/∂a = ψ(a+b) − ψ(a+b+x) + w₄/a;
 * ∂/∂b = ψ(a+b) − ψ(b) + ψ(b+x) − ψ(a+b+x) − w₄/(b+x−1);
 * then ∂/∂ln θ = θ·∂/∂θ. About twice the cost of the value alone.
 */
export function preparedLogLikelihoodGradient(params: BgNbdParams, data: PreparedRfm, gradient: number[]): number {
  const { r, alpha, a, b } = params;
  gradient.fill(NaN);
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return NaN;
  const { xValues, timeValues, xIndex, txIndex, TIndex, count } = data;
  const lnTime = new Float64Array(timeValues.length);
  const inverseTime = new Float64Array(timeValues.length);
  for (let v = 0; v < timeValues.length; v++) {
    lnTime[v] = Math.log(alpha + timeValues[v]);
    inverseTime[v] = 1 / (alpha + timeValues[v]);
  }
  const lnAlpha = Math.log(alpha);
  const head = r * lnAlpha - lnGamma(r) + lnGamma(a + b) - lnGamma(b);
  const lnA = Math.log(a);
  const kCount = xValues.length;
  const xTerm = new Float64Array(kCount);
  const lnA4Constant = new Float64Array(kCount);
  const dR = new Float64Array(kCount);
  const dA = new Float64Array(kCount);
  const dB = new Float64Array(kCount);
  const psiAB = digamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  for (let k = 0; k < kCount; k++) {
    const xk = xValues[k];
    xTerm[k] = head + lnGamma(r + xk) + lnGamma(b + xk) - lnGamma(a + b + xk);
    lnA4Constant[k] = xk > 0 ? lnA - Math.log(b + xk - 1) : NaN;
    const psiABX = digamma(a + b + xk);
    dR[k] = digamma(r + xk) - psiR + lnAlpha;
    dA[k] = psiAB - psiABX;
    dB[k] = psiAB - psiB + digamma(b + xk) - psiABX;
  }
  let total = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  for (let i = 0; i < count.length; i++) {
    const k = xIndex[i];
    const xk = xValues[k];
    const power = r + xk;
    const c = count[i];
    const t = TIndex[i];
    const lnA3 = -power * lnTime[t];
    let tail = lnA3;
    let w4 = 0;
    let rSlope = -lnTime[t];
    let alphaSlope = inverseTime[t];
    if (xk > 0) {
      const u = txIndex[i];
      const lnA4 = lnA4Constant[k] - power * lnTime[u];
      let w3: number;
      if (lnA3 > lnA4) {
        const e = Math.exp(lnA4 - lnA3);
        tail = lnA3 + Math.log1p(e);
        w4 = e / (1 + e);
        w3 = 1 - w4;
      } else {
        const e = Math.exp(lnA3 - lnA4);
        tail = lnA4 + Math.log1p(e);
        w3 = e / (1 + e);
        w4 = 1 - w3;
      }
      rSlope = -w3 * lnTime[t] - w4 * lnTime[u];
      alphaSlope = w3 * inverseTime[t] + w4 * inverseTime[u];
    }
    total += c * (xTerm[k] + tail);
    gR += c * (dR[k] + rSlope);
    gAlpha += c * (r / alpha - power * alphaSlope);
    gA += c * (dA[k] + w4 / a);
    gB += c * (dB[k] - (xk > 0 ? w4 / (b + xk - 1) : 0));
  }
  gradient[0] = r * gR;
  gradient[1] = alpha * gAlpha;
  gradient[2] = a * gA;
  gradient[3] = b * gB;
  return total;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** Σ ln L over the usable customers at the fitted parameters. */
  logLikelihood: number;
  /** BFGS iterations plus Nelder–Mead simplex iterations. */
  iterations: number;
  /** Likelihood passes over the merged rows (a gradient pass counts once; it costs about two). */
  evaluations: number;
  /** False when the Nelder–Mead evaluation cap was hit first, or there were no usable customers. */
  converged: boolean;
  /** Usable customers (rows passing isUsableRow). */
  customerCount: number;
}

export interface BgNbdFitOptions {
  /** Cap on likelihood evaluations (default 3,000). */
  maxEvaluations?: number;
  /** Cap on BFGS iterations before the Nelder–Mead polish (default 200). */
  maxIterations?: number;
}

/**
 * Maximum-likelihood BG/NBD on (ln r, ln α, ln a, ln b), which keeps every parameter
 * positive: BFGS on the analytic gradient, then a Nelder–Mead polish from its point (a
 * full Nelder–Mead run if BFGS stopped early). Works on prepareRfm's merged rows.
 * Deterministic start: r = 1, α = Σ T / max(Σ x, 0.1·n) (so the start's
 * mean rate r/α is the data's repeat-purchase rate), a = 1, b = 1; fixed tolerances and caps.
 */
export function fitBgNbd(data: RfmColumns, options: BgNbdFitOptions = {}): BgNbdFit {
  const prepared = prepareRfm(data);
  const { customerCount } = prepared;
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < prepared.count.length; i++) {
    sumX += prepared.count[i] * prepared.xValues[prepared.xIndex[i]];
    sumT += prepared.count[i] * prepared.timeValues[prepared.TIndex[i]];
  }
  const failed = { r: NaN, alpha: NaN, a: NaN, b: NaN };
  if (customerCount === 0) return { params: failed, logLikelihood: NaN, iterations: 0, evaluations: 0, converged: false, customerCount: 0 };
  const rate = Math.max(sumX, 0.1 * customerCount) / sumT;
  const toParams = (p: readonly number[]): BgNbdParams => ({ r: Math.exp(p[0]), alpha: Math.exp(p[1]), a: Math.exp(p[2]), b: Math.exp(p[3]) });
  const scratch = { lnTime: new Float64Array(prepared.timeValues.length), xTerm: new Float64Array(prepared.xValues.length), lnA4Constant: new Float64Array(prepared.xValues.length) };
  // Minimise the mean negative log-likelihood so the tolerances mean the same at 1k and 1M customers.
  const meanNegative = (p: readonly number[], gradient: number[]) => {
    const value = -preparedLogLikelihoodGradient(toParams(p), prepared, gradient) / customerCount;
    for (let i = 0; i < gradient.length; i++) gradient[i] /= -customerCount;
    return value;
  };
  // BFGS with the analytic gradient needs ~30 passes where Nelder–Mead needs ~400; then a
  // Nelder–Mead polish with a small simplex confirms the optimum (or finishes the job if
  // BFGS stopped early, e.g. on a ridge) without derivatives.
  const quasiNewton = bfgs(meanNegative, [0, Math.log(1 / rate), 0, 0], { maxIterations: options.maxIterations ?? 200, gradientTolerance: 1e-9 });
  const objective = (p: readonly number[]) => -preparedLogLikelihood(toParams(p), prepared, scratch) / customerCount;
  const polish = nelderMead(objective, quasiNewton.point, {
    maxEvaluations: options.maxEvaluations ?? 3000,
    step: quasiNewton.converged ? 1e-3 : 0.5,
    restarts: quasiNewton.converged ? 0 : 1,
    functionTolerance: 1e-9,
    // 1e-5 on log-parameters is a relative precision of 1e-5, far inside any standard error.
    pointTolerance: 1e-5,
  });
  const result = { point: polish.point, value: polish.value, iterations: quasiNewton.iterations + polish.iterations, evaluations: quasiNewton.evaluations + polish.evaluations, converged: polish.converged };
  return {
    params: toParams(result.point),
    logLikelihood: -result.value * customerCount,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    customerCount,
  };
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + [x > 0]·a/(b + x − 1)·((α + T)/(α + t_x))^(r+x))
 * (FHL 2005, eq. 11). A customer with no repeat purchase is alive for sure: in BG/NBD
 * dropout can only follow a repeat purchase. NaN for an unusable row.
 */
export function probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (!isUsableRow(x, tx, T)) return NaN;
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const odds = Math.exp(Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx)));
  return 1 / (1 + odds);
}

/**
 * E[X(t)], expected repeat purchases in (0, t] of a new customer (FHL 2005, eq. 7):
 * (a + b − 1)/(a − 1) · [1 − (α/(α + t))ʳ · ₂F₁(r, b; a + b − 1; t/(α + t))].
 * Undefined at a = 1 exactly (a removable singularity; returned as NaN).
 */
export function expectedPurchasesNew(params: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = params;
  if (t === 0) return 0;
  if (!(t > 0) || a === 1) return NaN;
  const hyper = hyp2f1(r, b, a + b - 1, t / (alpha + t));
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyper);
}

/**
 * E[Y(t) | x, t_x, T], expected purchases in (T, T + t] (FHL 2005, eq. 10), written as
 * P(alive | x, t_x, T) · expectedPurchasesIfAlive(t, x, T). NaN for an unusable row, t < 0,
 * a = 1, or a ₂F₁ outside its domain (see expectedPurchasesIfAlive).
 */
export function expectedPurchasesConditional(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  return probabilityAlive(params, x, tx, T) * expectedPurchasesIfAlive(params, t, x, T);
}

/**
 * Expected purchases in (T, T + t] of a customer known to be alive at T with x repeat
 * purchases (it does not depend on t_x):
 * (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) · ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))].
 * NaN when t < 0, a = 1 (a removable singularity), or ₂F₁ is outside its domain: t very
 * large against α + T, or x = 0 with a + b = 1 exactly (see hyp2f1).
 */
export function expectedPurchasesIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = params;
  if (t === 0) return 0;
  if (!(t > 0) || a === 1) return NaN;
  const hyper = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const factor = Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t)));
  return ((a + b + x - 1) / (a - 1)) * (1 - factor * hyper);
}

/** probabilityAlive for each row into a new array (NaN for unusable rows). */
export function probabilityAliveColumn(params: BgNbdParams, data: RfmColumns): Float64Array {
  const out = new Float64Array(data.x.length);
  for (let i = 0; i < out.length; i++) out[i] = probabilityAlive(params, data.x[i], data.tx[i], data.T[i]);
  return out;
}

/**
 * expectedPurchasesConditional(t) for each row into a new array (NaN for unusable rows).
 * The ₂F₁ part depends on (x, T) only, so it is computed once per distinct pair.
 */
export function expectedPurchasesColumn(params: BgNbdParams, t: number, data: RfmColumns): Float64Array {
  const out = new Float64Array(data.x.length);
  const ifAlive = memoByXAndT((x, T) => expectedPurchasesIfAlive(params, t, x, T));
  for (let i = 0; i < out.length; i++) {
    const x = data.x[i];
    const T = data.T[i];
    const alive = probabilityAlive(params, x, data.tx[i], T);
    out[i] = alive === alive ? alive * ifAlive(x, T) : NaN;
  }
  return out;
}

/** f(x, T) cached per distinct pair: customers share (x, T) far more often than (x, t_x, T). */
export function memoByXAndT(f: (x: number, T: number) => number): (x: number, T: number) => number {
  const byX = new Map<number, Map<number, number>>();
  return (x, T) => {
    let byT = byX.get(x);
    if (byT === undefined) byX.set(x, (byT = new Map()));
    let value = byT.get(T);
    if (value === undefined) byT.set(T, (value = f(x, T)));
    return value;
  };
}
