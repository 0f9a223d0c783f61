// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  bgnbdTotalLogLikelihood,
  expectedPurchasesConditional,
  expectedPurchasesNew,
  fitBgNbd,
  prepareRfm,
  preparedLogLikelihood,
  preparedLogLikelihoodGradient,
  probabilityAlive,
  type BgNbdParams,
} from '../../../src/core/clv/bgnbd';
import { betaVariate, gammaVariate, inverseHessianDiagonal, mulberry32, runProcess, simulateCustomers } from './simulate';

/** FHL 2005's estimates on CDNOW (time in weeks). */
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const { r, alpha, a, b } = CDNOW;

describe('bgnbdLogLikelihood', () => {
  // L = A₁·A₂·(A₃ + [x > 0]·A₄). For whole x the gamma ratios are finite products, so
  // these are pencil-and-calculator values that do not go through lnGamma:
  // Γ(r + x)/Γ(r) = r(r+1)…(r+x−1) and Γ(b + x)Γ(a + b)/(Γ(b)Γ(a + b + x)) = Π (b+j)/(a+b+j).
  it('matches hand-computed values for three customers', () => {
    // x = 0, T = 38.86: A₁ = αʳ, A₂ = 1, A₃ = (α + T)^−r, no A₄.
    const none = r * Math.log(alpha / (alpha + 38.86));
    // x = 1, t_x = 1.71, T = 38.86.
    const once = Math.log(r * alpha ** r * (b / (a + b)) * ((alpha + 38.86) ** -(r + 1) + (a / b) * (alpha + 1.71) ** -(r + 1)));
    // x = 2, t_x = 30.43, T = 38.86.
    const twice = Math.log(r * (r + 1) * alpha ** r * ((b * (b + 1)) / ((a + b) * (a + b + 1))) * ((alpha + 38.86) ** -(r + 2) + (a / (b + 1)) * (alpha + 30.43) ** -(r + 2)));
    // The same three numbers worked in Python's float arithmetic.
    expect(none).toBeCloseTo(-0.5547132764381585, 12);
    expect(once).toBeCloseTo(-4.469093275032588, 12);
    expect(twice).toBeCloseTo(-9.45860630706627, 12);
    expect(bgnbdLogLikelihood(CDNOW, 0, 0, 38.86)).toBeCloseTo(none, 12);
    expect(bgnbdLogLikelihood(CDNOW, 1, 1.71, 38.86)).toBeCloseTo(once, 12);
    expect(bgnbdLogLikelihood(CDNOW, 2, 30.43, 38.86)).toBeCloseTo(twice, 12);
    const columns = { x: Float64Array.of(0, 1, 2), tx: Float64Array.of(0, 1.71, 30.43), T: Float64Array.of(38.86, 38.86, 38.86) };
    expect(bgnbdTotalLogLikelihood(CDNOW, columns)).toBeCloseTo(-14.482412858537018, 11);
    expect(preparedLogLikelihood(CDNOW, prepareRfm(columns))).toBeCloseTo(-14.482412858537018, 11);
  });

  it('stays finite for a long-lived frequent buyer (log-sum-exp, no underflow)', () => {
    const value = bgnbdLogLikelihood(CDNOW, 300, 5000, 5200);
    expect(Number.isFinite(value)).toBe(true);
  });

  it('skips unusable rows in the total and gives NaN for one', () => {
    expect(bgnbdLogLikelihood(CDNOW, 1.5, 1, 2)).toBeNaN();
    expect(bgnbdLogLikelihood(CDNOW, 0, 1, 2)).toBeNaN();
    expect(bgnbdLogLikelihood(CDNOW, 2, 3, 2)).toBeNaN();
    expect(bgnbdLogLikelihood(CDNOW, 1, NaN, 2)).toBeNaN();
    const columns = { x: Float64Array.of(0, 1, NaN, 2), tx: Float64Array.of(0, 1.71, 3, 3), T: Float64Array.of(38.86, 38.86, 10, 2) };
    expect(bgnbdTotalLogLikelihood(CDNOW, columns)).toBeCloseTo(bgnbdLogLikelihood(CDNOW, 0, 0, 38.86) + bgnbdLogLikelihood(CDNOW, 1, 1.71, 38.86), 12);
    expect(prepareRfm(columns).customerCount).toBe(2);
  });

  it('prepared (merged, tabled) and plain totals agree on simulated data with repeats', () => {
    const data = simulateCustomers(CDNOW, 3000, 39, 0, 11);
    const grid = { ...data, tx: data.tx.map((v) => Math.round(v)), T: data.T.map((v, i) => v - (i % 5)) };
    for (let i = 0; i < grid.tx.length; i++) grid.tx[i] = Math.min(grid.tx[i], grid.T[i]);
    const prepared = prepareRfm(grid);
    expect(prepared.count.length).toBeLessThan(3000);
    const params = { r: 0.5, alpha: 3, a: 1.2, b: 4 };
    expect(preparedLogLikelihood(params, prepared)).toBeCloseTo(bgnbdTotalLogLikelihood(params, grid), 8);
  });
});

describe('preparedLogLikelihoodGradient', () => {
  it('returns the same value and matches central differences in the log-parameters', () => {
    const data = simulateCustomers(CDNOW, 2000, 39, 0, 12);
    const prepared = prepareRfm(data);
    const at = { r: 0.4, alpha: 6, a: 1.3, b: 3.1 };
    const gradient = [0, 0, 0, 0];
    expect(preparedLogLikelihoodGradient(at, prepared, gradient)).toBeCloseTo(preparedLogLikelihood(at, prepared), 8);
    const logs = [at.r, at.alpha, at.a, at.b].map(Math.log);
    const f = (v: number[]) => preparedLogLikelihood({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) }, prepared);
    logs.forEach((_, i) => {
      const h = 1e-5;
      const up = logs.map((v, j) => (j === i ? v + h : v));
      const down = logs.map((v, j) => (j === i ? v - h : v));
      const numeric = (f(up) - f(down)) / (2 * h);
      expect(Math.abs(gradient[i] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
    });
  });
});

describe('fitBgNbd', () => {
  it('recovers the CDNOW parameters from 20,000 simulated customers', () => {
    const data = simulateCustomers(CDNOW, 20_000, 39, 0, 2026);
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    expect(fit.customerCount).toBe(20_000);
    // The maximum can only be at least as likely as the truth.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgnbdTotalLogLikelihood(CDNOW, data));
    expect(fit.logLikelihood).toBeCloseTo(bgnbdTotalLogLikelihood(fit.params, data), 6);
    // Tolerance: 4 asymptotic standard errors of each log-parameter, from the observed
    // information (numerical Hessian of −ln L at the fit). A correct MLE lands within 4 SE
    // of the truth with probability ≈ 0.9999 per parameter; a wrong likelihood or a stuck
    // optimiser does not. (For a and b the SE is large: about 8 % and 11 % here.)
    const toParams = (p: number[]) => ({ r: Math.exp(p[0]), alpha: Math.exp(p[1]), a: Math.exp(p[2]), b: Math.exp(p[3]) });
    const logFit = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].map(Math.log);
    const variances = inverseHessianDiagonal((p) => -bgnbdTotalLogLikelihood(toParams(p), data), logFit);
    const logTrue = [r, alpha, a, b].map(Math.log);
    logFit.forEach((value, i) => expect(Math.abs(value - logTrue[i])).toBeLessThan(4 * Math.sqrt(variances[i])));
  });

  it('is deterministic and reports no fit for no usable customers', () => {
    const data = simulateCustomers(CDNOW, 500, 39, 0, 5);
    expect(fitBgNbd(data)).toEqual(fitBgNbd(data));
    const empty = fitBgNbd({ x: new Float64Array(0), tx: new Float64Array(0), T: new Float64Array(0) });
    expect(empty.converged).toBe(false);
    expect(empty.params.r).toBeNaN();
  });
});

describe('closed forms against Monte Carlo of the model (CDNOW parameters, weeks)', () => {
  it('E[X(t)] equals the mean repeat purchases of simulated new customers', () => {
    const n = 200_000;
    const { x } = simulateCustomers(CDNOW, n, 39, 0, 77);
    let sum = 0;
    let squares = 0;
    for (const v of x) {
      sum += v;
      squares += v * v;
    }
    const mean = sum / n;
    const standardError = Math.sqrt((squares / n - mean * mean) / n);
    expect(Math.abs(mean - expectedPurchasesNew(CDNOW, 39))).toBeLessThan(3 * standardError);
  });

  it('E[Y(t) | x = 0, T] by rejection: simulate customers, keep those with no repeat purchase, run their future', () => {
    // x = 0 pins t_x = 0 exactly, so conditioning by rejection is exact (no binning).
    // In BG/NBD such a customer is alive for sure: dropout only follows a repeat purchase.
    const random = mulberry32(99);
    const T = 30;
    const t = 39;
    let kept = 0;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < 300_000; i++) {
      const lambda = gammaVariate(random, r) / alpha;
      const p = betaVariate(random, a, b);
      const calibration = runProcess(random, lambda, p, 0, T);
      if (calibration.count > 0) continue;
      expect(calibration.isAlive).toBe(true);
      const future = runProcess(random, lambda, p, T, T + t).count;
      kept++;
      sum += future;
      squares += future * future;
    }
    const mean = sum / kept;
    const standardError = Math.sqrt((squares / kept - mean * mean) / kept);
    expect(probabilityAlive(CDNOW, 0, 0, T)).toBe(1);
    expect(Math.abs(mean - expectedPurchasesConditional(CDNOW, t, 0, 0, T))).toBeLessThan(3 * standardError);
  });

  // For x > 0 the event "t_x equals a given value" has probability 0, so rejection would
  // need bins and carry their bias. Instead, importance sampling of the posterior of (λ, p):
  // draw λ from the proposal Gamma(r + x, rate α + t_x) and p from its prior Beta(a, b), and
  // weight each draw by prior(λ)·L(λ, p)/proposal(λ), where L is the individual-level
  // likelihood read straight off the process (FHL 2005, eq. 3):
  //   L = λˣ·(1 − p)ˣ·e^(−λT) + λˣ·p·(1 − p)^(x−1)·e^(−λ·t_x)   (alive at T / died at t_x).
  // The λ-dependent factors cancel to w = (1 − p)ˣ·e^(−λ(T − t_x)) + p·(1 − p)^(x−1) ≤ 1, so
  // weights are bounded and the self-normalised estimator is well behaved. Given (λ, p) the
  // customer is alive with probability (1 − p)ˣe^(−λT)/L; we draw that, and an alive
  // customer's purchases in (T, T + t] are simulated by running the process (the Poisson
  // clock is memoryless, so the time since t_x does not matter). Nothing here uses the
  // integrated closed forms or ₂F₁. Standard error of Σwf/Σw: √(Σw²(f − μ)²)/Σw (delta method).
  it.each([
    [1, 1.71, 38.86],
    [2, 30.43, 38.86],
    [4, 36, 39],
    [7, 12, 39],
  ])('P(alive) and E[Y(39) | x = %i, t_x = %f, T = %f] within 3 standard errors', (x, tx, T) => {
    const random = mulberry32(1000 + x);
    const t = 39;
    const draws = 200_000;
    const w = new Float64Array(draws);
    const alive = new Float64Array(draws);
    const future = new Float64Array(draws);
    for (let i = 0; i < draws; i++) {
      const lambda = gammaVariate(random, r + x) / (alpha + tx);
      const p = betaVariate(random, a, b);
      const aliveTerm = (1 - p) ** x * Math.exp(-lambda * (T - tx));
      const deadTerm = p * (1 - p) ** (x - 1);
      w[i] = aliveTerm + deadTerm;
      alive[i] = aliveTerm / (aliveTerm + deadTerm);
      future[i] = random() < alive[i] ? runProcess(random, lambda, p, T, T + t).count : 0;
    }
    const estimate = (f: Float64Array) => {
      let sumW = 0;
      let sumWF = 0;
      for (let i = 0; i < draws; i++) {
        sumW += w[i];
        sumWF += w[i] * f[i];
      }
      const mean = sumWF / sumW;
      let spread = 0;
      for (let i = 0; i < draws; i++) spread += (w[i] * (f[i] - mean)) ** 2;
      return { mean, standardError: Math.sqrt(spread) / sumW };
    };
    const pAlive = estimate(alive);
    const purchases = estimate(future);
    expect(Math.abs(pAlive.mean - probabilityAlive(CDNOW, x, tx, T))).toBeLessThan(3 * pAlive.standardError);
    expect(Math.abs(purchases.mean - expectedPurchasesConditional(CDNOW, t, x, tx, T))).toBeLessThan(3 * purchases.standardError);
  });
});

describe('properties', () => {
  const params = fc
    .record({
      r: fc.double({ min: 0.05, max: 5, noNaN: true }),
      alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
      a: fc.double({ min: 0.1, max: 5, noNaN: true }).filter((v) => Math.abs(v - 1) > 1e-3),
      b: fc.double({ min: 0.1, max: 10, noNaN: true }),
    })
    .filter(({ a, b }) => Math.abs(a + b - 1) > 1e-6); // a + b = 1 puts ₂F₁ at c = 0 for x = 0 (documented NaN)
  const history = fc
    .record({ x: fc.integer({ min: 0, max: 60 }), T: fc.double({ min: 0.5, max: 100, noNaN: true }), share: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : share * T }));

  it('P(alive) is in [0, 1], 1 when x = 0, and falls as silence since the last purchase grows', () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.1, max: 50, noNaN: true }), (p, { x, tx, T }, extra) => {
        const value = probabilityAlive(p, x, tx, T);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        if (x === 0) expect(value).toBe(1);
        else expect(probabilityAlive(p, x, tx, T + extra)).toBeLessThanOrEqual(value);
      }),
    );
  });

  it('E[Y(t) | …] is ≥ 0, rises with t, and for x = 0, T → 0 equals a new customer’s E[X(t)]', () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.1, max: 60, noNaN: true }), (p, { x, tx, T }, t) => {
        const value = expectedPurchasesConditional(p, t, x, tx, T);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(expectedPurchasesConditional(p, t * 1.5, x, tx, T)).toBeGreaterThanOrEqual(value * (1 - 1e-12));
        const fresh = expectedPurchasesConditional(p, t, 0, 0, 1e-9);
        expect(Math.abs(fresh - expectedPurchasesNew(p, t))).toBeLessThanOrEqual(1e-6 * Math.max(1, fresh));
      }),
    );
  });

  it('the log-likelihood is finite on usable rows and never positive-infinite', () => {
    fc.assert(
      fc.property(params, history, (p, { x, tx, T }) => {
        expect(Number.isFinite(bgnbdLogLikelihood(p, x, tx, T))).toBe(true);
      }),
    );
  });
});
