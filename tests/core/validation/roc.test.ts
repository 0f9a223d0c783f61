// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc, rocCurve } from '../../../src/core/validation/roc';

/** U / (n₊·n₋) by looking at every (positive, negative) pair: the definition, O(n²). */
function bruteForceAuc(scores: number[], outcomes: number[]): number {
  let twiceU = 0;
  let positives = 0;
  scores.forEach((s, i) => {
    if (Number.isNaN(s) || outcomes[i] !== 1) return;
    positives++;
    scores.forEach((t, j) => {
      if (Number.isNaN(t) || outcomes[j] !== 0) return;
      twiceU += s > t ? 2 : s === t ? 1 : 0;
    });
  });
  const negatives = scores.filter((s, j) => !Number.isNaN(s) && outcomes[j] === 0).length;
  return positives === 0 || negatives === 0 ? NaN : twiceU / (2 * positives * negatives);
}

/** Rows of (score, outcome): integer scores 0..10 for many ties, some NaN, some other values. */
const rows = fc.array(
  fc.tuple(
    fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 2, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(NaN) }),
    fc.constantFrom(0, 1, 1, 0, NaN),
  ),
  { maxLength: 120 },
);

const split = (xs: [number, number][]) => ({ scores: Float64Array.from(xs, (r) => r[0]), outcomes: Float64Array.from(xs, (r) => r[1]) });

/** Trapezoid area under a polyline. */
function trapezoid(x: Float64Array, y: Float64Array): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}

describe('auc', () => {
  it('counts pairs by hand: scores 1, 2, 2, 3 with outcomes 0, 1, 0, 1 → (1 + ½ + 1 + 1) / 4 = 0.875', () => {
    // Positives score 2 and 3; negatives 1 and 2. Pairs: (2,1) 1, (2,2) ½, (3,1) 1, (3,2) 1.
    expect(auc(Float64Array.from([1, 2, 2, 3]), Float64Array.from([0, 1, 0, 1]))).toBe(0.875);
  });

  it('leaves out rows with a NaN score or an outcome other than 0 and 1', () => {
    expect(auc(Float64Array.from([1, NaN, 2, 5, 0]), Float64Array.from([0, 0, 1, NaN, 2]))).toBe(1);
  });

  it('is NaN with no positive or no negative', () => {
    expect(auc(Float64Array.from([1, 2]), Float64Array.from([1, 1]))).toBeNaN();
    expect(auc(Float64Array.from([1, 2]), Float64Array.from([0, NaN]))).toBeNaN();
    expect(auc(new Float64Array(0), new Float64Array(0))).toBeNaN();
  });

  it('gives 1 for a perfect score, ½ for a constant one', () => {
    expect(auc(Float64Array.from([10, 20, 30, 40]), Float64Array.from([0, 0, 1, 1]))).toBe(1);
    expect(auc(Float64Array.from([7, 7, 7, 7]), Float64Array.from([0, 1, 0, 1]))).toBe(0.5);
  });

  it('property: equals the brute-force pair count exactly, ties counting ½', () => {
    fc.assert(
      fc.property(rows, (xs) => {
        const { scores, outcomes } = split(xs);
        expect(auc(scores, outcomes)).toBe(bruteForceAuc(Array.from(scores), Array.from(outcomes)));
      }),
      { seed: 20240501, numRuns: 400 },
    );
  });

  it('property: a perfect score (every positive above every negative) gives 1', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 100 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 100, maxLength: 100 }), (isPositive, noise) => {
        fc.pre(isPositive.some(Boolean) && isPositive.some((b) => !b));
        // Positives in [2, 3], negatives in [0, 1].
        const scores = Float64Array.from(isPositive, (b, i) => (b ? 2 : 0) + noise[i]);
        expect(auc(scores, Float64Array.from(isPositive, Number))).toBe(1);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('property: inverting the direction (score → −score) maps AUC to 1 − AUC', () => {
    fc.assert(
      fc.property(rows, (xs) => {
        const { scores, outcomes } = split(xs);
        const value = auc(scores, outcomes);
        const inverted = auc(
          scores.map((s) => -s),
          outcomes,
        );
        if (Number.isNaN(value)) expect(inverted).toBeNaN();
        else expect(inverted).toBeCloseTo(1 - value, 14);
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it('property: swapping the outcomes (y → 1 − y) also maps AUC to 1 − AUC', () => {
    fc.assert(
      fc.property(rows, (xs) => {
        const { scores, outcomes } = split(xs);
        const value = auc(scores, outcomes);
        const swapped = auc(
          scores,
          outcomes.map((y) => 1 - y),
        );
        if (Number.isNaN(value)) expect(swapped).toBeNaN();
        else expect(swapped).toBeCloseTo(1 - value, 14);
      }),
      { seed: 6, numRuns: 300 },
    );
  });
});

describe('rocCurve', () => {
  it('walks thresholds from the top by hand: scores 1, 2, 2, 3 with outcomes 0, 1, 0, 1', () => {
    // ≥ 3: 1 of 2 positives, 0 negatives; ≥ 2: both positives, 1 negative (a diagonal step); ≥ 1: all.
    const curve = rocCurve(Float64Array.from([1, 2, 2, 3]), Float64Array.from([0, 1, 0, 1]));
    expect(Array.from(curve.fpr)).toEqual([0, 0, 0.5, 1]);
    expect(Array.from(curve.tpr)).toEqual([0, 0.5, 1, 1]);
    expect(curve.auc).toBe(0.875);
  });

  it('is empty with NaN AUC when there is no negative', () => {
    const curve = rocCurve(Float64Array.from([1, 2]), Float64Array.from([1, 1]));
    expect(curve.fpr.length).toBe(0);
    expect(curve.auc).toBeNaN();
  });

  it('rejects fewer than 2 points (a caller bug)', () => {
    expect(() => rocCurve(Float64Array.from([1]), Float64Array.from([1]), 1)).toThrow(RangeError);
  });

  it('goes through (0, 1) for a perfect score, also when downsampled', () => {
    const n = 1000;
    const scores = Float64Array.from({ length: n }, (_, i) => i);
    const outcomes = Float64Array.from({ length: n }, (_, i) => (i >= 700 ? 1 : 0));
    for (const maxPoints of [101, 11, 3, Infinity]) {
      const curve = rocCurve(scores, outcomes, maxPoints);
      const corner = Array.from(curve.fpr).findIndex((x, i) => x === 0 && curve.tpr[i] === 1);
      expect(corner, `maxPoints ${maxPoints}`).toBeGreaterThan(0);
      expect(curve.auc).toBe(1);
    }
  });

  it('property: the full curve runs monotonically from (0, 0) to (1, 1) and its trapezoid area is auc()', () => {
    fc.assert(
      fc.property(rows, (xs) => {
        const { scores, outcomes } = split(xs);
        const curve = rocCurve(scores, outcomes, Infinity);
        const value = auc(scores, outcomes);
        if (Number.isNaN(value)) {
          expect(curve.auc).toBeNaN();
          return;
        }
        expect(curve.auc).toBe(value);
        expect([curve.fpr[0], curve.tpr[0], curve.fpr.at(-1), curve.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
        for (let i = 1; i < curve.fpr.length; i++) {
          expect(curve.fpr[i]).toBeGreaterThanOrEqual(curve.fpr[i - 1]);
          expect(curve.tpr[i]).toBeGreaterThanOrEqual(curve.tpr[i - 1]);
        }
        expect(trapezoid(curve.fpr, curve.tpr)).toBeCloseTo(value, 12);
      }),
      { seed: 99, numRuns: 300 },
    );
  });

  it('property: downsampling keeps both ends, at most maxPoints, and only points of the full curve', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 2, max: 30 }), (xs, maxPoints) => {
        const { scores, outcomes } = split(xs);
        const full = rocCurve(scores, outcomes, Infinity);
        const curve = rocCurve(scores, outcomes, maxPoints);
        if (full.fpr.length === 0) {
          expect(curve.fpr.length).toBe(0);
          return;
        }
        expect(curve.fpr.length).toBeLessThanOrEqual(maxPoints);
        expect([curve.fpr[0], curve.tpr[0], curve.fpr.at(-1), curve.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
        const points = new Set(Array.from(full.fpr, (x, i) => `${x},${full.tpr[i]}`));
        curve.fpr.forEach((x, i) => expect(points.has(`${x},${curve.tpr[i]}`)).toBe(true));
        if (full.fpr.length <= maxPoints) expect(curve).toEqual(full);
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
