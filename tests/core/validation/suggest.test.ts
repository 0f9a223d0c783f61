// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { auc } from '../../../src/core/validation/roc';
import { crossValidatedAuc, largestRemainder, suggestWeights } from '../../../src/core/validation/suggest';
import { mulberry32 } from '../../../src/core/stats/random';

/**
 * n customers with factors uniform on 0..100 and a good outcome drawn with
 * P(good) = sigmoid((CRS − 50) / 8), CRS = Σ wᵢxᵢ / Σ wᵢ under the true weights; `y` is
 * that outcome (1 = good) or its opposite (1 = bad), as `outcomeIsGood` says.
 */
function simulate(trueWeights: number[], n: number, seed: number, outcomeIsGood = true) {
  const random = mulberry32(seed);
  const factors = trueWeights.map(() => new Float64Array(n));
  const y = new Float64Array(n);
  const weightSum = trueWeights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) {
    let crs = 0;
    trueWeights.forEach((w, f) => {
      factors[f][i] = random() * 100;
      crs += (w * factors[f][i]) / weightSum;
    });
    const isGood = random() < 1 / (1 + Math.exp(-(crs - 50) / 8));
    y[i] = isGood === outcomeIsGood ? 1 : 0;
  }
  return { factors, y };
}

describe('suggestWeights', () => {
  it('recovers known weights 50 / 30 / 20 / 0 within a few points (20k simulated customers)', () => {
    const { factors, y } = simulate([50, 30, 20, 0], 20_000, 2024);
    const suggestion = suggestWeights(factors, y, { lambda: 1e-4, folds: 5, outcomeIsGood: true });
    if (!suggestion.ok) throw new Error(suggestion.problem);
    expect(suggestion.weights.reduce((a, b) => a + b, 0)).toBe(100);
    [50, 30, 20, 0].forEach((w, f) => expect(Math.abs(suggestion.weights[f] - w), `factor ${f}`).toBeLessThanOrEqual(3));
    expect(Math.abs(suggestion.heldOutAuc - suggestion.inSampleAuc)).toBeLessThan(0.02);
    expect(suggestion.foldAucs).toHaveLength(5);
    expect(suggestion.rowCount).toBe(20_000);
    expect(suggestion.converged).toBe(true);
    // The coefficients are per factor point: (wᵢ / Σw) / 8 under the simulation.
    expect(suggestion.coefficients[0]).toBeCloseTo(0.5 / 8, 2);
  });

  it('reads a bad outcome (churned) the other way round: same weights as the good one', () => {
    const good = simulate([60, 40], 5000, 7, true);
    const bad = simulate([60, 40], 5000, 7, false);
    const fromGood = suggestWeights(good.factors, good.y, { lambda: 1e-3, outcomeIsGood: true });
    const fromBad = suggestWeights(bad.factors, bad.y, { lambda: 1e-3, outcomeIsGood: false });
    expect(fromGood.ok && fromBad.ok).toBe(true);
    if (fromGood.ok && fromBad.ok) {
      expect(fromBad.weights).toEqual(fromGood.weights);
      expect(fromBad.heldOutAuc).toBeCloseTo(fromGood.heldOutAuc, 9);
    }
  });

  it('gives weight 0 to a factor that goes with the bad outcome and lists it in `dropped`', () => {
    const { factors, y } = simulate([70, 30], 10_000, 99);
    const hurting = Float64Array.from(factors[0], (x) => 100 - x); // higher = worse
    const suggestion = suggestWeights([hurting, factors[1]], y, { lambda: 1e-3, outcomeIsGood: true });
    if (!suggestion.ok) throw new Error(suggestion.problem);
    expect(suggestion.dropped).toEqual([0]);
    expect(suggestion.weights).toEqual([0, 100]);
    expect(suggestion.coefficients[0]).toBeLessThan(0);
  });

  it('fits complete customers only: missing factors and unknown outcomes are left out', () => {
    const { factors, y } = simulate([50, 50], 2000, 3);
    factors[0][0] = NaN;
    y[1] = NaN;
    const suggestion = suggestWeights(factors, y, { lambda: 1e-3, outcomeIsGood: true });
    expect(suggestion.ok && suggestion.rowCount).toBe(1998);
  });

  it('says why when no weights can be suggested', () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => i * 2);
    expect(suggestWeights([x], new Float64Array(50).fill(NaN), { lambda: 0.01, outcomeIsGood: true })).toEqual({ ok: false, problem: 'no-complete-rows' });
    expect(suggestWeights([x], new Float64Array(50).fill(1), { lambda: 0.01, outcomeIsGood: true })).toEqual({ ok: false, problem: 'one-outcome-only' });
    // Good outcomes only among low values: the one factor runs the wrong way.
    const y = x.map((v) => (v < 40 ? 1 : 0));
    expect(suggestWeights([x], y, { lambda: 0.01, outcomeIsGood: true })).toEqual({ ok: false, problem: 'no-positive-weight' });
  });

  it('is deterministic', () => {
    const { factors, y } = simulate([20, 80], 3000, 5);
    expect(suggestWeights(factors, y, { lambda: 0.01, outcomeIsGood: true })).toStrictEqual(suggestWeights(factors, y, { lambda: 0.01, outcomeIsGood: true }));
  });
});

describe('crossValidatedAuc', () => {
  it('deals usable rows into folds by position (r mod k) and scores each on a fit of the others', () => {
    const { factors, y } = simulate([50, 50], 4000, 11);
    const result = crossValidatedAuc(factors, y, { folds: 4, lambda: 1e-3 });
    expect(result.foldAucs).toHaveLength(4);
    expect(result.meanAuc).toBeCloseTo(result.foldAucs.reduce((a, b) => a + b, 0) / 4, 14);
    // Every fold is a fair sample: its AUC is near the true score's AUC on the whole data.
    const crs = Float64Array.from(factors[0], (x, i) => (x + factors[1][i]) / 2);
    for (const foldAuc of result.foldAucs) expect(Math.abs(foldAuc - auc(crs, y))).toBeLessThan(0.05);
  });

  it('has NaN for a fold with one outcome only, and leaves it out of the mean', () => {
    // 6 usable rows, 3 folds: fold 0 = rows 0 and 3, both outcome 1.
    const x = Float64Array.from([5, 1, 9, 6, 8, 2]);
    const y = Float64Array.from([1, 0, 1, 1, 1, 0]);
    const result = crossValidatedAuc([x], y, { folds: 3, lambda: 0.1 });
    expect(result.foldAucs[0]).toBeNaN();
    const defined = result.foldAucs.slice(1);
    expect(result.meanAuc).toBeCloseTo((defined[0] + defined[1]) / 2, 14);
  });

  it('rejects fewer than 2 folds (a caller bug)', () => {
    expect(() => crossValidatedAuc([], new Float64Array(0), { folds: 1, lambda: 0 })).toThrow(RangeError);
  });
});

describe('largestRemainder', () => {
  it.each([
    [
      [33.3, 33.3, 33.4],
      [33, 33, 34],
    ],
    [
      [100 / 3, 100 / 3, 100 / 3],
      [34, 33, 33],
    ],
    [
      [12.5, 12.5, 75],
      [13, 12, 75],
    ],
    [
      [0, 100, 0],
      [0, 100, 0],
    ],
    [
      [49.6, 50.4],
      [50, 50],
    ],
  ])('rounds %j to %j (sum 100, ties to the earlier factor)', (shares, expected) => {
    expect(largestRemainder(shares, 100)).toEqual(expected);
  });
});
