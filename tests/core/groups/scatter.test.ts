// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisPosition, axisValue, isSkewed, range, scatterBins } from '../../../src/core/groups/scatter';
import { NO_GROUP } from '../../../src/core/groups/segment';

const f64 = (values: number[]) => Float64Array.from(values);

describe('scatterBins', () => {
  it('puts each customer in the cell of its loyalty (column) and profitability (row), by hand', () => {
    // 2 × 2 cells over loyalty 0..10 and profitability 0..100 (so few customers: the axes run to the maximum).
    const loyalty = f64([0, 10, 10, 2, NaN]);
    const profit = f64([0, 100, 100, 90, 50]);
    const groups = Uint8Array.from([0, 3, 3, 1, NO_GROUP]);
    const bins = scatterBins(loyalty, profit, groups, 2);
    expect(bins.plotted).toBe(4);
    expect(bins.x).toEqual({ min: 0, max: 10, clipped: 0, log: false });
    expect(bins.y).toEqual({ min: 0, max: 100, clipped: 0, log: false });
    // Row 0 (low profit): (0,0) → col 0. Row 1 (high): (10,100) ×2 → col 1; (2,90) → col 0.
    expect(Array.from(bins.counts)).toEqual([1, 0, 1, 2]);
    expect(Array.from(bins.dominant)).toEqual([0, NO_GROUP, 1, 3]);
  });

  it('from 200 customers on, the top 1 % is drawn at the edge rather than stretching the axis', () => {
    const values = f64(Array.from({ length: 300 }, (_, i) => (i === 299 ? 1e9 : i)));
    const bins = scatterBins(values, values, new Uint8Array(300), 10);
    expect(bins.x.max).toBe(296); // floor(0.99 · 299) = 296th smallest
    expect(bins.x.clipped).toBe(3);
    expect(bins.counts[99]).toBe(33); // top-right cell: 267 … 296, and the clipped 297, 298 and 1e9
    expect(bins.counts.reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('a large column’s axis comes from a sample: its top lands near the exact 99th percentile, its minimum is exact', () => {
    const n = 300_000;
    const values = f64(Array.from({ length: n }, (_, i) => ((i * 7919) % n) + 5)); // 5 … 300,004, shuffled
    const bins = scatterBins(values, values, new Uint8Array(n), 40);
    expect(bins.x.min).toBe(5);
    expect(Math.abs(bins.x.max - (0.99 * (n - 1) + 5)) / n).toBeLessThan(0.002);
    expect(bins.x.clipped / n).toBeCloseTo(0.01, 2);
    expect(bins.counts.reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('property: each customer lands in the cell its position on the axis gives', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1_000_000 })), { minLength: 1, maxLength: 300 }), (points) => {
        const xs = f64(points.map((p) => p[0]));
        const ys = f64(points.map((p) => p[1]));
        const bins = scatterBins(xs, ys, new Uint8Array(points.length), 10);
        const expected = new Uint32Array(100);
        for (const [x, y] of points) expected[Math.min(9, Math.floor(axisPosition(bins.y, y) * 10)) * 10 + Math.min(9, Math.floor(axisPosition(bins.x, x) * 10))]++;
        expect(Array.from(bins.counts)).toEqual(Array.from(expected));
      }),
      { seed: 9, numRuns: 200 },
    );
  });

  it('range is the minimum and the q-quantile of the known values', () => {
    expect(range(f64([5, NaN, 1, 3, 2, 4]), 0.5)).toEqual({ min: 1, max: 3, median: 3, count: 5 });
    expect(range(f64([5, NaN, 1, 3, 2, 4, 6]), 0.99)).toEqual({ min: 1, max: 5, median: 3, count: 6 }); // median: the lower middle of six
    expect(range(f64([NaN]), 0.99).count).toBe(0);
  });

  it('skewed money is binned on a log scale; tenure-like columns are not', () => {
    expect(isSkewed(0, 5000, 1_270_000)).toBe(true);
    expect(isSkewed(0, 52, 125)).toBe(false);
    expect(isSkewed(-5, 10, 1000)).toBe(false); // negative values: no log
    const revenue = f64(Array.from({ length: 200 }, (_, i) => (i < 190 ? 100 + i : 1e6)));
    const bins = scatterBins(f64(Array.from(revenue, (_, i) => i)), revenue, new Uint8Array(200), 10);
    expect(bins.y.log).toBe(true);
    expect(bins.x.log).toBe(false);
  });

  it('axisValue inverts axisPosition on linear and log axes', () => {
    for (const axis of [
      { min: 10, max: 110, log: false },
      { min: 10, max: 1e6, log: true },
    ]) {
      for (const t of [0, 0.25, 0.5, 1]) expect(axisPosition(axis, axisValue(axis, t))).toBeCloseTo(t, 12);
    }
    expect(axisPosition({ min: 0, max: 99, log: true }, 9)).toBeCloseTo(0.5, 12); // log(10) / log(100)
  });

  it('property: every customer with both values is counted once; values above the 99th percentile land in the last cell', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.constant(NaN)), fc.oneof(fc.double({ min: -50, max: 1e6, noNaN: true }), fc.constant(NaN)), fc.integer({ min: 0, max: 3 })), {
          maxLength: 300,
        }),
        (points) => {
          const bins = scatterBins(f64(points.map((p) => p[0])), f64(points.map((p) => p[1])), Uint8Array.from(points.map((p) => p[2])), 8);
          const both = points.filter(([x, y]) => !Number.isNaN(x) && !Number.isNaN(y));
          expect(bins.plotted).toBe(both.length);
          expect(bins.counts.reduce((a, b) => a + b, 0)).toBe(both.length);
          expect(bins.x.clipped).toBe(both.filter(([x]) => x > bins.x.max).length);
          for (let cell = 0; cell < bins.counts.length; cell++) expect(bins.counts[cell] === 0).toBe(bins.dominant[cell] === NO_GROUP);
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });
});
