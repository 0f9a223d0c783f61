// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fittedCategoryPoints, searchWeights } from '../../../src/core/validation/weightSearch';
import { factorMatrix, scoreMatrix } from '../../../src/core/scoring/score';
import { shownAuc } from '../../../src/core/validation/roc';
import { mulberry32 } from '../../../src/core/stats/random';
import { defaultModel } from '../../../src/core/model/model';

/** The shown CRS's AUC as the app computes it: scoreMatrix's scores, then shownAuc. */
function appAuc(factors: Float64Array[], weights: number[], good: Float64Array, extra: Float64Array | null = null): number {
  const n = good.length;
  const scores = new Float64Array(n);
  scoreMatrix(factorMatrix(factors, n), weights, defaultModel().bands, new Uint8Array(n).fill(255), scores, extra);
  return shownAuc(scores, good);
}

/** n customers; the outcome (1 = good) follows a mix of the factors' true signals plus noise. */
function world(seed: number, n: number, signal: number[], missingShare = 0.1) {
  const next = mulberry32(seed);
  const factors = signal.map(() => new Float64Array(n));
  const good = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let logit = 0;
    signal.forEach((s, f) => {
      const v = Math.round(next() * 1000) / 10;
      factors[f][i] = next() < missingShare ? NaN : v;
      logit += (s * (v - 50)) / 25;
    });
    good[i] = next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { factors, good };
}

describe('searchWeights', () => {
  it('scores each try exactly as the app does: its current AUC is the shown AUC, missing factors, rule points and clamping included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }), fc.boolean(), (seed, weights, withRules) => {
        const next = mulberry32(seed);
        const n = 200;
        const factors = weights.map(() => Float64Array.from({ length: n }, () => (next() < 0.2 ? NaN : Math.round(next() * 1000) / 10)));
        const good = Float64Array.from({ length: n }, () => (next() < 0.1 ? NaN : next() < 0.4 ? 1 : 0));
        const extra = withRules ? Float64Array.from({ length: n }, () => (next() < 0.3 ? -20 : next() < 0.2 ? 15 : 0)) : null;
        const found = searchWeights({ factors, weights, canFlip: weights.map(() => false), extra, good });
        const expected = appAuc(factors, weights, good, extra);
        if (Number.isNaN(expected)) return Number.isNaN(found.currentAuc);
        return Math.abs(found.currentAuc - expected) < 1e-12;
      }),
      { numRuns: 60 },
    );
  });

  it('raises the AUC shown when the current weights put the most on the factor that says least, and the app agrees', () => {
    const { factors, good } = world(3, 4000, [2, 0.2, 0]);
    const weights = [10, 50, 40];
    const found = searchWeights({ factors, weights, canFlip: [true, true, true], extra: null, good });
    expect(found.improves).toBe(true);
    expect(found.suggestedHeldOut.mean).toBeGreaterThan(found.currentHeldOut.mean + 0.05);
    expect(found.suggestedHeldOut.folds).toHaveLength(5);
    expect(found.weights[0]).toBeGreaterThan(found.weights[1] + found.weights[2]);
    expect(found.weights.reduce((a, b) => a + b, 0)).toBe(100);
    // Applied as the app would: the same AUC, above the current one.
    expect(appAuc(factors, found.weights, good)).toBeCloseTo(found.suggestedAuc, 12);
    expect(found.suggestedAuc).toBeGreaterThan(appAuc(factors, weights, good));
  });

  it('switches "higher is worse" where the column goes against the outcome', () => {
    const { factors, good } = world(5, 4000, [1.5, -1.5]);
    const found = searchWeights({ factors, weights: [50, 50], canFlip: [true, true], extra: null, good });
    expect(found.flipped).toEqual([false, true]);
    expect(found.improves).toBe(true);
    const flipped = factors[1].map((v) => 100 - v);
    expect(appAuc([factors[0], flipped], found.weights, good)).toBeCloseTo(found.suggestedAuc, 12);
    // A factor that may not switch (a points table, a category) keeps its direction.
    expect(searchWeights({ factors, weights: [50, 50], canFlip: [true, false], extra: null, good }).flipped).toEqual([false, false]);
  });

  it('offers nothing when the current weights already rank best: one factor carries all the signal and all the weight', () => {
    const { factors, good } = world(7, 3000, [2, 0, 0]);
    const found = searchWeights({ factors, weights: [100, 0, 0], canFlip: [false, false, false], extra: null, good });
    expect(found.improves).toBe(false);
    expect(found.suggestedHeldOut.mean).toBeLessThanOrEqual(found.currentHeldOut.mean);
  });

  it('never offers weights that rank all customers worse than the current ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 4 }), (seed, weights) => {
        if (!weights.some((w) => w > 0)) return true;
        const next = mulberry32(seed);
        const { factors, good } = world(
          seed,
          300,
          weights.map(() => next() * 3 - 1),
        );
        const found = searchWeights({ factors, weights, canFlip: weights.map(() => true), extra: null, good });
        return !found.improves || (found.suggestedAuc > found.currentAuc && found.suggestedHeldOut.mean > found.currentHeldOut.mean);
      }),
      { numRuns: 25 },
    );
  });

  it('searches a sample of a large file but scores every held-out customer', () => {
    const { factors, good } = world(9, 20000, [1, 0.5]);
    const found = searchWeights({ factors, weights: [0, 100], canFlip: [false, false], extra: null, good, maxSearchRows: 2000 });
    expect(found.rowCount).toBeGreaterThan(19000);
    expect(found.improves).toBe(true);
    expect(found.weights[0]).toBeGreaterThan(found.weights[1]);
  });
});

describe('fitted category points', () => {
  it('scores each category by its smoothed good-outcome rate, worst 0 and best 100, on the rows given only', () => {
    // Codes 0, 1, 2 with 1/4, 3/4 and 2/2 good; code 3 unseen; code 9 is missing.
    const codes = Uint16Array.from([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 9]);
    const good = Float64Array.from([1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1]);
    const points = fittedCategoryPoints(
      codes,
      4,
      good,
      Uint32Array.from({ length: 11 }, (_, i) => i),
    );
    // (1+1)/(4+2) = 1/3, (3+1)/6 = 2/3, (2+1)/4 = 3/4: 0, round(100·(1/3)/(5/12)) = 80, 100.
    expect(points).toEqual([0, 80, 100, NaN]);
    expect(fittedCategoryPoints(codes, 4, good, [0, 1, 2])).toBeNull(); // one category seen
  });

  it("fits the points when the user's put the categories in the wrong order, and the app scores the fitted points as the search did", () => {
    const next = mulberry32(21);
    const n = 3000;
    // Plan A churns least, C most; the user gave A 0 and C 100.
    const codes = Uint16Array.from({ length: n }, () => Math.floor(next() * 3));
    const good = Float64Array.from(codes, (code) => (next() < [0.8, 0.5, 0.2][code] ? 1 : 0));
    const userPoints = [0, 50, 100];
    const other = Float64Array.from({ length: n }, () => Math.round(next() * 100));
    const factors = [Float64Array.from(codes, (code) => userPoints[code]), other];
    const found = searchWeights({ factors, weights: [50, 50], canFlip: [false, true], extra: null, good, categories: [{ codes, count: 3 }, null] });
    expect(found.improves).toBe(true);
    expect(found.categoryPoints[1]).toBeNull();
    const fitted = found.categoryPoints[0];
    expect(fitted).not.toBeNull();
    expect(fitted![0]).toBeGreaterThan(fitted![1]);
    expect(fitted![1]).toBeGreaterThan(fitted![2]);
    const applied = Float64Array.from(codes, (code) => fitted![code]);
    expect(appAuc([applied, found.flipped[1] ? other.map((v) => 100 - v) : other], found.weights, good)).toBeCloseTo(found.suggestedAuc, 12);
    expect(found.suggestedHeldOut.mean).toBeGreaterThan(found.currentHeldOut.mean + 0.1);
  });
});
