import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countTicks, linearScale, stepAreaPath, stepLinePath } from '../../../src/core/display/scale';

describe('linearScale', () => {
  it('maps the domain onto the range, reversed ranges included (y grows down)', () => {
    const y = linearScale(0, 200, 250, 10);
    expect(y(0)).toBe(250);
    expect(y(200)).toBe(10);
    expect(y(100)).toBe(130);
  });
});

describe('countTicks', () => {
  it('gives whole-number 1-2-5 steps whose last tick covers the maximum', () => {
    expect(countTicks(523)).toEqual([0, 200, 400, 600]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(10_000)).toEqual([0, 2500, 5000, 7500, 10_000]);
    expect(countTicks(0)).toEqual([0, 1]);
  });

  it('always starts at 0, steps evenly, covers the max and keeps to a handful of ticks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000_000 }), (max) => {
        const ticks = countTicks(max);
        expect(ticks[0]).toBe(0);
        expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(7);
        const step = ticks[1] - ticks[0];
        expect(Number.isInteger(step)).toBe(true);
        ticks.forEach((tick, k) => expect(tick).toBe(k * step));
      }),
      { seed: 14 },
    );
  });
});

describe('step paths', () => {
  const x = (bin: number) => bin * 10;
  const y = (count: number) => 100 - count;

  it('outlines the bins of one band and closes along the baseline', () => {
    expect(stepAreaPath([5, 7, 2, 9], 1, 3, x, y)).toBe('M10,100V93H20V98H30V100Z');
    expect(stepAreaPath([5, 7], 1, 1, x, y)).toBe('');
  });

  it('draws a pinned histogram as its top edge', () => {
    expect(stepLinePath([5, 7], x, y)).toBe('M0,95H10V93H20');
  });
});
