import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascendingOrder, median, percentileRanks } from '../../../src/core/stats/rank';

const values = fc.array(
  fc.oneof(
    fc.double({ noNaN: false }),
    fc.integer({ min: -5, max: 5 }).map((x) => x),
    fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e-300, -1e-300, 5e-324),
  ),
  { maxLength: 200 },
);

describe('ascendingOrder', () => {
  it('orders [3, NaN, -1, 3, 0, -0] as the rows of -1, 0, -0, 3, 3 (stable, NaN left out)', () => {
    expect(Array.from(ascendingOrder(Float64Array.from([3, NaN, -1, 3, 0, -0])))).toEqual([2, 4, 5, 0, 3]);
  });

  it('property: equals a stable comparison sort of the non-NaN rows', () => {
    fc.assert(
      fc.property(values, (xs) => {
        const expected = xs
          .map((v, i) => ({ v, i }))
          .filter(({ v }) => !Number.isNaN(v))
          .sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.i - b.i))
          .map(({ i }) => i);
        expect(Array.from(ascendingOrder(Float64Array.from(xs)))).toEqual(expected);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('percentileRanks', () => {
  it('gives PERCENT_RANK: [10, 20, 20, 30, NaN] → 0, 33.3, 33.3, 100, NaN', () => {
    const out = new Float64Array(5);
    percentileRanks(Float64Array.from([10, 20, 20, 30, NaN]), out);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(100 / 3, 12);
    expect(out[2]).toBeCloseTo(100 / 3, 12);
    expect(out[3]).toBe(100);
    expect(out[4]).toBeNaN();
  });

  it('property: equals the brute-force count of smaller values over n − 1', () => {
    fc.assert(
      fc.property(values, (xs) => {
        const out = new Float64Array(xs.length);
        percentileRanks(Float64Array.from(xs), out);
        const present = xs.filter((v) => !Number.isNaN(v));
        const allSame = present.length > 0 && present.every((v) => v === present[0]);
        xs.forEach((v, i) => {
          if (Number.isNaN(v)) expect(out[i]).toBeNaN();
          else if (allSame) expect(out[i]).toBe(50);
          else expect(out[i]).toBeCloseTo((present.filter((u) => u < v).length / (present.length - 1)) * 100, 9);
        });
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('median', () => {
  it.each([
    [[5], 5],
    [[1, 9], 5],
    [[3, 1, 2], 2],
    [[4, NaN, 1, 3, 2], 2.5],
    [[], NaN],
  ])('median(%j) = %d', (xs, expected) => {
    expect(median(Float64Array.from(xs))).toBe(expected);
  });

  it('property: equals the middle of the sorted values', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true, min: -1e6, max: 1e6 })), { minLength: 1, maxLength: 300 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const mid = sorted.length >> 1;
        const expected = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        expect(median(Float64Array.from(xs))).toBe(expected);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
