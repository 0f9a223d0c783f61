// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedPurchasesColumn, expectedPurchasesConditional, probabilityAlive, probabilityAliveColumn, type BgNbdParams } from '../../../src/core/clv/bgnbd';
import {
  customerLifetimeValue,
  customerLifetimeValueColumn,
  expectedAverageSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  gammaGammaTotalLogLikelihood,
  type GammaGammaParams,
} from '../../../src/core/clv/gammaGamma';
import { gammaVariate, inverseHessianDiagonal, mulberry32, simulateCustomers } from './simulate';

/** FHL's Gamma-Gamma estimates on CDNOW (dollars). */
const SPEND: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** Mean spend of x transactions: z ~ Gamma(p, ν) each, ν ~ Gamma(q, γ) per customer, so m_x ~ Gamma(px, xν). */
function simulateSpend(params: GammaGammaParams, x: Float64Array, seed: number): Float64Array {
  const random = mulberry32(seed);
  return x.map((count) => {
    if (!(count >= 1)) return NaN;
    const nu = gammaVariate(random, params.q) / params.gamma;
    return gammaVariate(random, params.p * count) / (count * nu);
  });
}

describe('gammaGammaLogLikelihood', () => {
  it('matches hand-computed densities', () => {
    // p = 1, q = 2, x = 1: one Exp(ν) value, ν ~ Gamma(2, γ) → f(m) = 2γ²/(γ + m)³ (a Lomax density).
    expect(gammaGammaLogLikelihood({ p: 1, q: 2, gamma: 10 }, 1, 5)).toBeCloseTo(Math.log((2 * 100) / 15 ** 3), 12);
    // x = 2: m ~ Gamma(2, 2ν) → f(m) = Γ(4)/(Γ(2)Γ(2))·γ²·m·2²/(γ + 2m)⁴ = 6·100·5·4/20⁴ = 0.075.
    expect(gammaGammaLogLikelihood({ p: 1, q: 2, gamma: 10 }, 2, 5)).toBeCloseTo(Math.log(0.075), 12);
    expect(gammaGammaLogLikelihood(SPEND, 0, 5)).toBeNaN();
    expect(gammaGammaLogLikelihood(SPEND, 2, 0)).toBeNaN();
  });

  it('integrates to 1 over m_x', () => {
    // Trapezoid on m = e^u, u ∈ [−20, 20] (density·m in u), fine enough for 1e-6.
    for (const [params, x] of [
      [SPEND, 1],
      [SPEND, 4],
      [{ p: 0.8, q: 1.5, gamma: 3 }, 2],
    ] as const) {
      let total = 0;
      const steps = 40_000;
      const du = 40 / steps;
      for (let s = 0; s <= steps; s++) {
        const u = -20 + s * du;
        const value = Math.exp(gammaGammaLogLikelihood(params, x, Math.exp(u)) + u);
        total += (s === 0 || s === steps ? 0.5 : 1) * value * du;
      }
      expect(total).toBeCloseTo(1, 6);
    }
  });
});

describe('fitGammaGamma', () => {
  it('recovers the CDNOW spend parameters from simulated repeat buyers', () => {
    const { x } = simulateCustomers(CDNOW, 50_000, 39, 0, 31);
    const spend = simulateSpend(SPEND, x, 32);
    const fit = fitGammaGamma(x, spend);
    expect(fit.converged).toBe(true);
    expect(fit.customerCount).toBeGreaterThan(15_000);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaTotalLogLikelihood(SPEND, x, spend));
    // As for BG/NBD: within 4 asymptotic standard errors of each log-parameter (observed
    // information at the fit). p, q and γ trade off strongly, so the individual SEs are
    // wide; the population mean spend pγ/(q − 1) is pinned much more tightly.
    const toParams = (v: number[]) => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) });
    const logFit = [fit.params.p, fit.params.q, fit.params.gamma].map(Math.log);
    const variances = inverseHessianDiagonal((v) => -gammaGammaTotalLogLikelihood(toParams(v), x, spend), logFit);
    const logTrue = [SPEND.p, SPEND.q, SPEND.gamma].map(Math.log);
    logFit.forEach((value, i) => expect(Math.abs(value - logTrue[i])).toBeLessThan(4 * Math.sqrt(variances[i])));
    const populationMean = (s: GammaGammaParams) => (s.p * s.gamma) / (s.q - 1);
    expect(populationMean(fit.params) / populationMean(SPEND)).toBeCloseTo(1, 1);
  });
});

describe('expectedAverageSpend', () => {
  it('is the population mean for no repeat purchase and a hand-computable weighted mean otherwise', () => {
    expect(expectedAverageSpend(SPEND, 0, NaN)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    // (γ + x·m)·p/(px + q − 1) = (15.44 + 3·40)·6.25/(18.75 + 2.74)
    expect(expectedAverageSpend(SPEND, 3, 40)).toBeCloseTo((135.44 * 6.25) / 21.49, 12);
  });

  it('lies between the population mean and the customer’s own mean', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.01, max: 1e4, noNaN: true }), (x, m) => {
        const value = expectedAverageSpend(SPEND, x, m);
        const population = expectedAverageSpend(SPEND, 0, NaN);
        expect(value).toBeGreaterThanOrEqual(Math.min(population, m) * (1 - 1e-12));
        expect(value).toBeLessThanOrEqual(Math.max(population, m) * (1 + 1e-12));
      }),
    );
  });
});

describe('customerLifetimeValue', () => {
  const month = 52 / 12;

  it('for one undiscounted period is E[Y(L)]·E[M]', () => {
    const value = customerLifetimeValue(CDNOW, SPEND, 2, 30.43, 38.86, 25, { horizonPeriods: 1, periodLength: month, discountRatePerPeriod: 0 });
    expect(value).toBeCloseTo(expectedPurchasesConditional(CDNOW, month, 2, 30.43, 38.86) * expectedAverageSpend(SPEND, 2, 25), 12);
  });

  it('undiscounted over H periods telescopes to E[Y(H·L)]·E[M]', () => {
    const value = customerLifetimeValue(CDNOW, SPEND, 4, 20, 39, 30, { horizonPeriods: 12, periodLength: month, discountRatePerPeriod: 0 });
    expect(value).toBeCloseTo(expectedPurchasesConditional(CDNOW, 12 * month, 4, 20, 39) * expectedAverageSpend(SPEND, 4, 30), 10);
  });

  it('discounting lowers it and a longer horizon raises it; a never-repeat customer uses the population spend', () => {
    const options = { horizonPeriods: 12, periodLength: month, discountRatePerPeriod: 0.01 };
    const discounted = customerLifetimeValue(CDNOW, SPEND, 4, 20, 39, 30, options);
    expect(discounted).toBeLessThan(customerLifetimeValue(CDNOW, SPEND, 4, 20, 39, 30, { ...options, discountRatePerPeriod: 0 }));
    expect(customerLifetimeValue(CDNOW, SPEND, 4, 20, 39, 30, { ...options, horizonPeriods: 24 })).toBeGreaterThan(discounted);
    const newcomer = customerLifetimeValue(CDNOW, SPEND, 0, 0, 39, NaN, { ...options, horizonPeriods: 1, discountRatePerPeriod: 0 });
    expect(newcomer).toBeCloseTo(expectedPurchasesConditional(CDNOW, month, 0, 0, 39) * expectedAverageSpend(SPEND, 0, NaN), 12);
    expect(customerLifetimeValue(CDNOW, SPEND, 2, 50, 39, 30, options)).toBeNaN();
  });
});

describe('column forms', () => {
  it('equal the per-customer functions row by row (the per-(x, T) cache changes nothing)', () => {
    const data = simulateCustomers(CDNOW, 400, 39, 0, 3);
    data.T.forEach((_, i) => (data.T[i] = 39 - (i % 3)));
    data.tx.forEach((v, i) => (data.tx[i] = Math.min(v, data.T[i])));
    data.x[5] = NaN;
    const spend = simulateSpend(SPEND, data.x, 4);
    const options = { horizonPeriods: 6, periodLength: 52 / 12, discountRatePerPeriod: 0.02 };
    const clv = customerLifetimeValueColumn(CDNOW, SPEND, data, spend, options);
    const purchases = expectedPurchasesColumn(CDNOW, 26, data);
    const alive = probabilityAliveColumn(CDNOW, data);
    for (let i = 0; i < 400; i++) {
      const [x, tx, T] = [data.x[i], data.tx[i], data.T[i]];
      expect(clv[i]).toBe(customerLifetimeValue(CDNOW, SPEND, x, tx, T, spend[i], options));
      expect(purchases[i]).toBe(expectedPurchasesConditional(CDNOW, 26, x, tx, T));
      expect(alive[i]).toBe(probabilityAlive(CDNOW, x, tx, T));
    }
    expect(clv[5]).toBeNaN();
  });
});
