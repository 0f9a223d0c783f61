// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note
// "The Gamma-Gamma model of monetary value") and the discounted lifetime value that
// combines it with BG/NBD's expected purchases.
import { expectedPurchasesIfAlive, isUsableRow, memoByXAndT, probabilityAlive, type BgNbdParams, type RfmColumns } from './bgnbd';
import { digamma, lnGamma } from './special';
import { bfgs, nelderMead } from './optimize';

/**
 * Each transaction's value z ~ Gamma(shape p, rate ν), ν ~ Gamma(shape q, rate γ) per
 * customer. γ is in money units; the population mean spend per transaction is pγ/(q − 1) (q > 1).
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/**
 * ln f(m_x | x; p, q, γ) for a customer with x ≥ 1 transactions of mean value m_x > 0:
 * ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q·ln γ + (px − 1)·ln m_x + px·ln x − (px + q)·ln(γ + x·m_x).
 * (The mean of x Gamma(p, ν) values is Gamma(px, xν); integrate ν out.) NaN when x < 1 or m_x ≤ 0.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, x: number, meanSpend: number): number {
  const { p, q, gamma } = params;
  if (!(x >= 1 && meanSpend > 0 && p > 0 && q > 0 && gamma > 0)) return NaN;
  const px = p * x;
  return lnGamma(px + q) - lnGamma(px) - lnGamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(meanSpend) + px * Math.log(x) - (px + q) * Math.log(gamma + x * meanSpend);
}

/** Σ gammaGammaLogLikelihood over customers with x ≥ 1 and m_x > 0; other rows are skipped. */
export function gammaGammaTotalLogLikelihood(params: GammaGammaParams, x: Float64Array, meanSpend: Float64Array): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return NaN;
  const xTerms = new Map<number, number>();
  const lnGammaQ = lnGamma(q);
  const qLnGamma = q * Math.log(gamma);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const m = meanSpend[i];
    if (!(xi >= 1 && m > 0)) continue;
    const px = p * xi;
    let xTerm = xTerms.get(xi);
    if (xTerm === undefined) {
      xTerm = lnGamma(px + q) - lnGamma(px) - lnGammaQ + qLnGamma + px * Math.log(xi);
      xTerms.set(xi, xTerm);
    }
    total += xTerm + (px - 1) * Math.log(m) - (px + q) * Math.log(gamma + xi * m);
  }
  return total;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  /** BFGS iterations plus Nelder–Mead polish iterations. */
  iterations: number;
  converged: boolean;
  /** Customers used (x ≥ 1 and m_x > 0). */
  customerCount: number;
}

/** The fit's working form: per used customer x·m_x and its x's index; sums that do not depend on the parameters. */
interface PreparedSpend {
  xValues: Float64Array;
  xCounts: Float64Array;
  xIndex: Uint32Array;
  xm: Float64Array;
  /** Σ x·ln m_x and Σ ln m_x over used customers. */
  sumXLnM: number;
  sumLnM: number;
}

function prepareSpend(x: Float64Array, meanSpend: Float64Array): PreparedSpend {
  const ids = new Map<number, number>();
  const counts: number[] = [];
  const index: number[] = [];
  const xm: number[] = [];
  let sumXLnM = 0;
  let sumLnM = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const m = meanSpend[i];
    if (!(xi >= 1 && m > 0 && m < Infinity)) continue;
    let id = ids.get(xi);
    if (id === undefined) {
      ids.set(xi, (id = counts.length));
      counts.push(0);
    }
    counts[id]++;
    index.push(id);
    xm.push(xi * m);
    const lnM = Math.log(m);
    sumXLnM += xi * lnM;
    sumLnM += lnM;
  }
  return { xValues: Float64Array.from(ids.keys()), xCounts: Float64Array.from(counts), xIndex: Uint32Array.from(index), xm: Float64Array.from(xm), sumXLnM, sumLnM };
}

/**
 * Σ ln f over the prepared customers and its gradient in (ln p, ln q, ln γ):
 * ∂/∂p = Σ x·[ψ(px+q) − ψ(px) + ln x + ln m − ln(γ + x·m)], ∂/∂q = Σ [ψ(px+q) − ψ(q) + ln γ − ln(γ + x·m)],
 * ∂/∂γ = Σ [q/γ − (px + q)/(γ + x·m)]. One log per customer; the rest per distinct x.
 */
function preparedSpendLogLikelihood(params: GammaGammaParams, data: PreparedSpend, gradient: number[]): number {
  const { p, q, gamma } = params;
  const { xValues, xCounts, xIndex, xm } = data;
  const lnGammaValue = Math.log(gamma);
  const psiQ = digamma(q);
  const power = new Float64Array(xValues.length);
  let total = p * data.sumXLnM - data.sumLnM;
  let gP = data.sumXLnM;
  let gQ = 0;
  let gGamma = 0;
  for (let k = 0; k < xValues.length; k++) {
    const xk = xValues[k];
    const px = p * xk;
    power[k] = px + q;
    const c = xCounts[k];
    const psiPXQ = digamma(px + q);
    total += c * (lnGamma(px + q) - lnGamma(px) - lnGamma(q) + q * lnGammaValue + px * Math.log(xk));
    gP += c * xk * (psiPXQ - digamma(px) + Math.log(xk));
    gQ += c * (psiPXQ - psiQ + lnGammaValue);
    gGamma += (c * q) / gamma;
  }
  for (let i = 0; i < xm.length; i++) {
    const k = xIndex[i];
    const sum = gamma + xm[i];
    const lnSum = Math.log(sum);
    total -= power[k] * lnSum;
    gP -= xValues[k] * lnSum;
    gQ -= lnSum;
    gGamma -= power[k] / sum;
  }
  gradient[0] = p * gP;
  gradient[1] = q * gQ;
  gradient[2] = gamma * gGamma;
  return total;
}

/**
 * Maximum likelihood on (ln p, ln q, ln γ) from p = 1, q = 2, γ = mean m_x (deterministic):
 * BFGS on the analytic gradient, then a small Nelder–Mead polish (a full run if BFGS
 * stopped early), as fitBgNbd. x is the number of transactions the mean spend is over:
 * for CDNOW-style data, the repeat purchases (the first purchase left out, as FHL do).
 */
export function fitGammaGamma(x: Float64Array, meanSpend: Float64Array): GammaGammaFit {
  const prepared = prepareSpend(x, meanSpend);
  const customerCount = prepared.xm.length;
  if (customerCount === 0) return { params: { p: NaN, q: NaN, gamma: NaN }, logLikelihood: NaN, iterations: 0, converged: false, customerCount };
  let sumSpend = 0;
  for (let i = 0; i < customerCount; i++) sumSpend += prepared.xm[i] / prepared.xValues[prepared.xIndex[i]];
  const toParams = (v: readonly number[]): GammaGammaParams => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) });
  const scratch = [0, 0, 0];
  const meanNegative = (v: readonly number[], gradient: number[]) => {
    const value = -preparedSpendLogLikelihood(toParams(v), prepared, gradient) / customerCount;
    for (let i = 0; i < gradient.length; i++) gradient[i] /= -customerCount;
    return value;
  };
  // The likelihood sums large terms that cancel (p·Σx·ln m against Σ(px+q)·ln(γ + x·m)), so
  // its rounding floor is higher than BG/NBD's: a gradient below 1e-7 cannot be resolved by
  // the line search; the polish takes it from there.
  const quasiNewton = bfgs(meanNegative, [0, Math.log(2), Math.log(sumSpend / customerCount)], { maxIterations: 200, gradientTolerance: 1e-7 });
  const polish = nelderMead((v) => meanNegative(v, scratch), quasiNewton.point, {
    maxEvaluations: 3000,
    step: quasiNewton.converged ? 1e-3 : 0.5,
    restarts: quasiNewton.converged ? 0 : 1,
    functionTolerance: 1e-10,
    pointTolerance: 1e-6,
  });
  return { params: toParams(polish.point), logLikelihood: -polish.value * customerCount, iterations: quasiNewton.iterations + polish.iterations, converged: polish.converged, customerCount };
}

/**
 * E[M | x, m_x] = (γ + x·m_x)·p / (px + q − 1): a weighted mean of the population mean
 * pγ/(q − 1) and the customer's own m_x, the weight on m_x growing with x. For x = 0 (or a
 * missing m_x) the population mean. NaN when q ≤ 1 and x = 0 (no finite population mean).
 */
export function expectedAverageSpend(params: GammaGammaParams, x: number, meanSpend: number): number {
  const { p, q, gamma } = params;
  if (!(x >= 1 && meanSpend > 0)) return q > 1 ? (p * gamma) / (q - 1) : NaN;
  return ((gamma + x * meanSpend) * p) / (p * x + q - 1);
}

export interface ClvOptions {
  /** Periods to sum over (H, e.g. 12 months). */
  horizonPeriods: number;
  /** Length of one period in the time unit of t_x and T (e.g. 52/12 weeks for a month). */
  periodLength: number;
  /** Discount rate per period (d, e.g. 0.01 a month); cash flows of period k are divided by (1 + d)ᵏ. */
  discountRatePerPeriod: number;
}

/**
 * CLV = Σₖ₌₁..H (E[Y(k·L)] − E[Y((k − 1)·L)]) · E[M | x, m_x] / (1 + d)ᵏ, with E[Y(t)] the
 * BG/NBD conditional expected purchases (expectedPurchasesConditional) and L the period
 * length. Approximation: each period's purchases are discounted as if they all fell at
 * the period's end (slightly understates value, more so for long periods and high d);
 * spend is assumed independent of the purchase process, as Gamma-Gamma requires.
 * Computed as P(alive)·E[M]·Σₖ (g(k·L) − g((k − 1)·L))/(1 + d)ᵏ with g =
 * expectedPurchasesIfAlive, the same thing since P(alive) does not depend on t.
 * NaN for an unusable row or any NaN expectation.
 */
export function customerLifetimeValue(bgnbd: BgNbdParams, spend: GammaGammaParams, x: number, tx: number, T: number, meanSpend: number, options: ClvOptions): number {
  return probabilityAlive(bgnbd, x, tx, T) * expectedAverageSpend(spend, x, meanSpend) * discountedPurchasesIfAlive(bgnbd, x, T, options);
}

/** Σₖ₌₁..H (g(k·L) − g((k − 1)·L))/(1 + d)ᵏ, g = expectedPurchasesIfAlive: discounted purchases of a customer alive at T. */
export function discountedPurchasesIfAlive(bgnbd: BgNbdParams, x: number, T: number, options: ClvOptions): number {
  let total = 0;
  let previous = 0;
  let discount = 1;
  for (let k = 1; k <= options.horizonPeriods; k++) {
    const cumulative = expectedPurchasesIfAlive(bgnbd, k * options.periodLength, x, T);
    discount /= 1 + options.discountRatePerPeriod;
    total += (cumulative - previous) * discount;
    previous = cumulative;
  }
  return total;
}

/** customerLifetimeValue for each row into a new array; the horizon sum is computed once per distinct (x, T). */
export function customerLifetimeValueColumn(bgnbd: BgNbdParams, spend: GammaGammaParams, data: RfmColumns, meanSpend: Float64Array, options: ClvOptions): Float64Array {
  const out = new Float64Array(data.x.length);
  const discounted = memoByXAndT((x, T) => discountedPurchasesIfAlive(bgnbd, x, T, options));
  for (let i = 0; i < out.length; i++) {
    const x = data.x[i];
    const T = data.T[i];
    out[i] = isUsableRow(x, data.tx[i], T) ? probabilityAlive(bgnbd, x, data.tx[i], T) * expectedAverageSpend(spend, x, meanSpend[i]) * discounted(x, T) : NaN;
  }
  return out;
}
