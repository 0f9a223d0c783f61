// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Shape } from '../../../src/core/model/model';
import { applyShape, decayPoints, describeShape, isRawShape, sortedSteps } from '../../../src/core/scoring/shape';

/** Shapes `values` (0..100, already normalised) read against `raw`. */
function shaped(shape: Shape, values: number[], raw: number[] = values, isHigherBetter = true): number[] {
  const out = Float64Array.from(values);
  applyShape(shape, Float64Array.from(raw), isHigherBetter, out);
  return Array.from(out);
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    if (Number.isNaN(expected[i])) expect(a, `index ${i}`).toBeNaN();
    else expect(a, `index ${i}`).toBeCloseTo(expected[i], 9);
  });
}

// tickets 0 → 100, 1–2 → 60, 3+ → 0
const TICKETS: Shape = {
  kind: 'points',
  steps: [
    { from: 0, points: 100 },
    { from: 1, points: 60 },
    { from: 3, points: 0 },
  ],
};

describe('applyShape by hand', () => {
  it('linear leaves the normalised value alone', () => {
    expectClose(shaped({ kind: 'linear' }, [0, 37.5, 100, NaN], [9, 9, 9, 9]), [0, 37.5, 100, NaN]);
  });

  it('saturating with half the gain by 25: 0 → 0, 25 → 50/(1 − 1/16) = 53.3, 50 → 80, 100 → 100', () => {
    // 100·(1 − 2^(−x/25)) / (1 − 2^(−4)): the denominator is 15/16.
    expectClose(shaped({ kind: 'saturating', halfAt: 25 }, [0, 25, 50, 100, NaN]), [0, (50 * 16) / 15, (75 * 16) / 15, 100, NaN]);
  });

  it('saturating with a huge halfAt is linear; a halfAt that is not > 0 is ignored', () => {
    expectClose(shaped({ kind: 'saturating', halfAt: 1e15 }, [0, 30, 100]), [0, 30, 100]);
    expectClose(shaped({ kind: 'saturating', halfAt: 0 }, [0, 30, 100]), [0, 30, 100]);
    expectClose(shaped({ kind: 'saturating', halfAt: -5 }, [10]), [10]);
  });

  it('threshold reads the raw value: 100 from `at` (≥), else 0; missing stays missing', () => {
    expectClose(shaped({ kind: 'threshold', at: 5 }, [0, 50, 50, 100, NaN], [4, 5, 12, 4.99, NaN]), [0, 100, 100, 0, NaN]);
  });

  it('threshold when higher is worse: 100 up to `at` (≤), whatever the inverted value says', () => {
    expectClose(shaped({ kind: 'threshold', at: 2 }, [100, 60, 0], [0, 2, 3], false), [100, 100, 0]);
  });

  it('points table: tickets 0 → 100, 1 → 60, 2 → 60, 3 → 0, 40 → 0, below the first step → 100', () => {
    expectClose(shaped(TICKETS, [0, 0, 0, 0, 0, 0, NaN], [0, 1, 2, 3, 40, -1, NaN]), [100, 60, 60, 0, 0, 100, NaN]);
  });

  it('points table in any order, with points outside 0..100 clamped, ignoring higher-is-worse', () => {
    const shuffled: Shape = {
      kind: 'points',
      steps: [
        { from: 3, points: -10 },
        { from: 0, points: 150 },
        { from: 1, points: 60 },
      ],
    };
    expectClose(shaped(shuffled, [0, 0, 0], [0, 1.5, 3], false), [100, 60, 0]);
  });

  it('an empty points table (or one without usable steps) leaves the value as it is', () => {
    expectClose(shaped({ kind: 'points', steps: [] }, [42], [7]), [42]);
    expectClose(shaped({ kind: 'points', steps: [{ from: NaN, points: 10 }] }, [42], [7]), [42]);
  });
});

describe('describeShape', () => {
  it.each([
    [{ kind: 'linear' }, true, ''],
    [{ kind: 'saturating', halfAt: 25 }, true, 'diminishing returns (half the gain by 25)'],
    [{ kind: 'threshold', at: 5 }, true, '100 points from 5 (raw value), else 0'],
    [{ kind: 'threshold', at: 2 }, false, '100 points up to 2 (raw value), else 0'],
    [TICKETS, false, 'points table on the raw value: from 0 → 100, from 1 → 60, from 3 → 0'],
  ] as const)('%j (higher is better: %s) → %j', (shape, isHigherBetter, text) => {
    expect(describeShape(shape as Shape, isHigherBetter)).toBe(text);
  });

  it('threshold and a non-empty points table read the raw value', () => {
    expect([{ kind: 'linear' }, { kind: 'saturating', halfAt: 5 }, { kind: 'threshold', at: 1 }, TICKETS, { kind: 'points', steps: [] }].map((shape) => isRawShape(shape as Shape))).toEqual([
      false,
      false,
      true,
      true,
      false,
    ]);
  });
});

// ---------------------------------------------------------------- properties --

const valueArb = fc.oneof({ weight: 1, arbitrary: fc.constant(NaN) }, { weight: 5, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) });
const rawArb = fc.oneof({ weight: 1, arbitrary: fc.constant(NaN) }, { weight: 5, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }) });
const halfAtArb = fc.double({ min: 0.01, max: 1e6, noNaN: true });
const stepsArb = fc.array(fc.record({ from: fc.integer({ min: -20, max: 20 }), points: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 6 });

describe('shape properties', () => {
  it('property: saturating is monotone, stays in 0..100, and never below the linear value', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 40 }), halfAtArb, (values, halfAt) => {
        const out = shaped({ kind: 'saturating', halfAt }, values);
        values.forEach((x, i) => {
          if (Number.isNaN(x)) return expect(out[i]).toBeNaN();
          expect(out[i]).toBeGreaterThanOrEqual(0);
          expect(out[i]).toBeLessThanOrEqual(100);
          expect(out[i]).toBeGreaterThanOrEqual(x - 1e-9);
          values.forEach((y, j) => {
            if (x <= y) expect(out[i]).toBeLessThanOrEqual(out[j]);
          });
        });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('property: saturating keeps 0 at 0 and 100 at 100', () => {
    fc.assert(
      fc.property(halfAtArb, (halfAt) => {
        expect(shaped({ kind: 'saturating', halfAt }, [0, 100])).toEqual([0, 100]);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('property: threshold gives only 0 or 100, NaN exactly where the raw value is missing, and is monotone in the raw value', () => {
    fc.assert(
      fc.property(fc.array(rawArb, { minLength: 1, maxLength: 40 }), fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.boolean(), (raw, at, isHigherBetter) => {
        const out = shaped(
          { kind: 'threshold', at },
          raw.map(() => 50),
          raw,
          isHigherBetter,
        );
        raw.forEach((v, i) => {
          if (Number.isNaN(v)) return expect(out[i]).toBeNaN();
          expect([0, 100]).toContain(out[i]);
          raw.forEach((w, j) => {
            if (!Number.isNaN(w) && v <= w) expect(isHigherBetter ? out[i] <= out[j] : out[i] >= out[j]).toBe(true);
          });
        });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("property: a points table gives only its steps' points, the step at or below the raw value", () => {
    fc.assert(
      fc.property(fc.array(rawArb, { minLength: 1, maxLength: 40 }), stepsArb, (raw, steps) => {
        const out = shaped(
          { kind: 'points', steps },
          raw.map(() => 50),
          raw,
        );
        const sorted = sortedSteps(steps);
        raw.forEach((v, i) => {
          if (Number.isNaN(v)) return expect(out[i]).toBeNaN();
          expect(steps.map((step) => step.points)).toContain(out[i]);
          const at = sorted.filter((step) => step.from <= v);
          expect(out[i]).toBe((at.length > 0 ? at[at.length - 1] : sorted[0]).points);
        });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('property: a long table (binary-searched) gives what a walk would: the last step at or below the value, of two equal "from"s the later', () => {
    const longSteps = fc.array(fc.record({ from: fc.integer({ min: -50, max: 50 }), points: fc.integer({ min: 0, max: 100 }) }), { minLength: 17, maxLength: 200 });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 1, maxLength: 40 }), longSteps, (raw, steps) => {
        const out = shaped(
          { kind: 'points', steps },
          raw.map(() => 50),
          raw,
        );
        const sorted = sortedSteps(steps);
        raw.forEach((v, i) => {
          const at = sorted.filter((step) => step.from <= v);
          expect(out[i]).toBe((at.length > 0 ? at[at.length - 1] : sorted[0]).points);
        });
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('points per value (categories)', () => {
  const shape: Shape = { kind: 'categories', points: { Basic: 0, Pro: 100 } };
  it('reads the raw value (no normalisation), says its table, and leaves applyShape values alone (analysis reads the codes)', () => {
    expect(isRawShape(shape)).toBe(true);
    expect(describeShape(shape, false)).toBe('points per value: Basic → 0, Pro → 100');
    expect(shaped(shape, [10, NaN])).toEqual([10, NaN]);
  });
});

describe('decay (recency of a date column)', () => {
  const AS_OF = 20_000;
  const points = (days: number[], halfLifeDays = 30) => {
    const out = new Float64Array(days.length);
    decayPoints(Float64Array.from(days), halfLifeDays, AS_OF, out);
    return Array.from(out);
  };

  it('by hand: age 0 → 100, one half-life → 50, two → 25, in the future → 100, missing → NaN', () => {
    expect(points([AS_OF, AS_OF - 30, AS_OF - 60, AS_OF + 5, NaN])).toEqual([100, 50, 25, 100, NaN]);
    expect(points([AS_OF - 0.5], 1)[0]).toBeCloseTo(100 / Math.SQRT2, 12);
  });

  it('never rises as the date gets older, and stays in (0, 100]', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0.01, max: 1e4, noNaN: true }), (day, older, halfLife) => {
        const [newer, elder] = points([day, day - older], halfLife);
        expect(elder).toBeLessThanOrEqual(newer);
        expect(newer).toBeLessThanOrEqual(100);
        expect(elder).toBeGreaterThanOrEqual(0);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('applyShape leaves it to the analysis; it reads the raw days, described with its half-life and date', () => {
    expect(shaped({ kind: 'decay', halfLifeDays: 30, asOf: null }, [10, 20])).toEqual([10, 20]);
    expect(isRawShape({ kind: 'decay', halfLifeDays: 30, asOf: null })).toBe(true);
    expect(describeShape({ kind: 'decay', halfLifeDays: 30, asOf: '2026-11-01' }, true)).toBe('recency: half-life 30 days, as of 2026-11-01');
    expect(describeShape({ kind: 'decay', halfLifeDays: 90, asOf: null }, false)).toBe('recency: half-life 90 days, as of the latest date');
  });
});
