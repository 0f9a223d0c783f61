// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECILES, gainsByDecile } from '../../../src/core/validation/gains';

// Twenty customers scored 1..20 (listed from 20 down); outcome 1 for scores 20, 19, 18, 15, 12, 9, 3.
const HAND_SCORES = Float64Array.from({ length: 20 }, (_, i) => 20 - i);
const POSITIVE_SCORES = new Set([20, 19, 18, 15, 12, 9, 3]);
const HAND_OUTCOMES = HAND_SCORES.map((s) => (POSITIVE_SCORES.has(s) ? 1 : 0));

const rows = fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(NaN)), fc.constantFrom(0, 1, NaN)), { maxLength: 150 });

describe('gainsByDecile', () => {
  it('ranks 20 customers highest first into deciles of 2, by hand', () => {
    const gains = gainsByDecile(HAND_SCORES, HAND_OUTCOMES, { higherIsPositive: true });
    // Deciles: {20,19} {18,17} {16,15} {14,13} {12,11} {10,9} {8,7} {6,5} {4,3} {2,1}.
    expect(gains.count).toEqual(new Array(10).fill(2));
    expect(gains.positives).toEqual([2, 1, 1, 0, 1, 1, 0, 0, 1, 0]);
    expect(gains.rate).toEqual([1, 0.5, 0.5, 0, 0.5, 0.5, 0, 0, 0.5, 0]);
    expect(gains.overallRate).toBe(7 / 20);
    expect(gains.gains).toEqual([2 / 7, 3 / 7, 4 / 7, 4 / 7, 5 / 7, 6 / 7, 6 / 7, 6 / 7, 1, 1]);
    expect(gains.lift[0]).toBeCloseTo(1 / 0.35, 12);
    expect(gains.lift[1]).toBeCloseTo(0.5 / 0.35, 12);
    expect(gains.lift[3]).toBe(0);
  });

  it('ranks lowest first when the positive outcome goes with low scores', () => {
    const gains = gainsByDecile(HAND_SCORES, HAND_OUTCOMES, { higherIsPositive: false });
    // Deciles: {1,2} {3,4} {5,6} {7,8} {9,10} {11,12} {13,14} {15,16} {17,18} {19,20}.
    expect(gains.positives).toEqual([0, 1, 0, 0, 1, 1, 0, 1, 1, 2]);
    expect(gains.gains).toEqual([0, 1 / 7, 1 / 7, 1 / 7, 2 / 7, 3 / 7, 3 / 7, 4 / 7, 5 / 7, 1]);
  });

  it('shares a tied run cut by a decile boundary pro rata', () => {
    // Three customers tie at the top (two positives); the first decile of 2 takes 2/3 of the run.
    const scores = Float64Array.from([9, 9, 9, ...Array.from({ length: 17 }, (_, i) => i / 10)]);
    const outcomes = Float64Array.from([1, 0, 1, ...new Array(17).fill(0)]);
    const gains = gainsByDecile(scores, outcomes, { higherIsPositive: true });
    expect(gains.count[0]).toBe(2);
    expect(gains.positives[0]).toBeCloseTo(4 / 3, 14);
    expect(gains.positives[1]).toBeCloseTo(2 / 3, 14);
    expect(gains.gains[1]).toBe(1);
  });

  it('leaves out missing scores and unknown outcomes; fewer than 10 customers leave deciles empty', () => {
    const gains = gainsByDecile(Float64Array.from([3, NaN, 2, 1, 5]), Float64Array.from([1, 1, 0, 0, NaN]), { higherIsPositive: true });
    expect(gains.count).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 0, 1]);
    expect(gains.positives).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(gains.rate[0]).toBeNaN();
    expect(gains.rate[3]).toBe(1);
    expect(gains.gains).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('gives NaN ratios and zero counts with no usable customer', () => {
    const gains = gainsByDecile(Float64Array.from([NaN, 1]), Float64Array.from([1, NaN]), { higherIsPositive: true });
    expect(gains.count).toEqual(new Array(10).fill(0));
    expect(gains.overallRate).toBeNaN();
    expect(gains.gains.every(Number.isNaN)).toBe(true);
  });

  it('property: counts add to n, positives to all positives, gains rise to exactly 1', () => {
    fc.assert(
      fc.property(rows, fc.boolean(), (xs, higherIsPositive) => {
        const scores = Float64Array.from(xs, (r) => r[0]);
        const outcomes = Float64Array.from(xs, (r) => r[1]);
        const gains = gainsByDecile(scores, outcomes, { higherIsPositive });
        const usable = xs.filter(([s, y]) => !Number.isNaN(s) && !Number.isNaN(y));
        const positives = usable.filter(([, y]) => y === 1).length;
        expect(gains.count.length).toBe(DECILES);
        expect(gains.count.reduce((a, b) => a + b, 0)).toBe(usable.length);
        expect(Math.max(...gains.count) - Math.min(...gains.count)).toBeLessThanOrEqual(1);
        expect(gains.positives.reduce((a, b) => a + b, 0)).toBeCloseTo(positives, 9);
        if (positives === 0) return;
        expect(gains.gains[DECILES - 1]).toBe(1);
        for (let d = 1; d < DECILES; d++) expect(gains.gains[d]).toBeGreaterThanOrEqual(gains.gains[d - 1] - 1e-12);
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('property: the row order of the file does not matter, ties included', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (xs, salt) => {
        // A deterministic permutation: sort by a hash of the index.
        const permuted = xs
          .map((r, i) => ({ r, key: Math.imul(i + 1, 2654435761) ^ salt }))
          .sort((a, b) => a.key - b.key)
          .map(({ r }) => r);
        const of = (list: [number, number][]) =>
          gainsByDecile(
            Float64Array.from(list, (r) => r[0]),
            Float64Array.from(list, (r) => r[1]),
            { higherIsPositive: true },
          );
        expect(of(permuted)).toEqual(of(xs));
      }),
      { seed: 23, numRuns: 200 },
    );
  });

  it('property: with distinct scores, each decile holds exactly the customers of its ranks', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 120 }), fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }), (scoreList, flags) => {
        const outcomes = scoreList.map((_, i) => (flags[i] ? 1 : 0));
        const gains = gainsByDecile(Float64Array.from(scoreList), Float64Array.from(outcomes), { higherIsPositive: false });
        const ranked = scoreList.map((s, i) => ({ s, y: outcomes[i] })).sort((a, b) => a.s - b.s);
        const n = ranked.length;
        for (let d = 0; d < DECILES; d++) {
          const slice = ranked.slice(Math.floor((d * n) / 10), Math.floor(((d + 1) * n) / 10));
          expect(gains.positives[d]).toBe(slice.filter((c) => c.y === 1).length);
        }
      }),
      { seed: 29, numRuns: 200 },
    );
  });
});
