// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NORMALIZATIONS, type Normalization } from '../../../src/core/model/model';
import { chooseAuto, columnStats, describeNormalization, normalizeColumn, resolveNormalization, type ResolvedNormalization } from '../../../src/core/scoring/normalize';
import { median, percentileRanks } from '../../../src/core/stats/rank';

function normalize(values: number[], resolved: ResolvedNormalization, isHigherBetter = true): { out: number[]; clamped: number } {
  const out = new Float64Array(values.length);
  const clamped = normalizeColumn(Float64Array.from(values), resolved, isHigherBetter, out);
  return { out: Array.from(out), clamped };
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    if (Number.isNaN(expected[i])) expect(a, `index ${i}`).toBeNaN();
    else expect(a, `index ${i}`).toBeCloseTo(expected[i], 9);
  });
}

function auto(name: string, values: number[]): ResolvedNormalization {
  return resolveNormalization(name, columnStats(Float64Array.from(values)), 'auto');
}

describe('normalizeColumn by hand', () => {
  it('as-is keeps 0..100, clamps the rest and reports how many were clamped', () => {
    const { out, clamped } = normalize([50, -10, 120, NaN, 0, 100, 99.5], { method: 'as-is' });
    expectClose(out, [50, 0, 100, NaN, 0, 100, 99.5]);
    expect(clamped).toBe(2);
  });

  it('scale 1–5: 1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100', () => {
    expectClose(normalize([1, 2, 3, 4, 5, NaN], { method: 'scale', low: 1, high: 5 }).out, [0, 25, 50, 75, 100, NaN]);
  });

  it('scale 0–10 (NPS answers): 0 → 0, 7 → 70, 10 → 100; 1–7: 4 → 50', () => {
    expectClose(normalize([0, 7, 10], { method: 'scale', low: 0, high: 10 }).out, [0, 70, 100]);
    expectClose(normalize([4, 1, 7], { method: 'scale', low: 1, high: 7 }).out, [50, 0, 100]);
  });

  it('percentile of [10, 20, 20, 30] is [0, 33.33, 33.33, 100] (share of others strictly below)', () => {
    expectClose(normalize([10, 20, 20, 30], { method: 'percentile' }).out, [0, 100 / 3, 100 / 3, 100]);
  });

  it('percentile ignores missing values: [30, NaN, 10, 20] → [100, NaN, 0, 50]', () => {
    expectClose(normalize([30, NaN, 10, 20], { method: 'percentile' }).out, [100, NaN, 0, 50]);
  });

  it('min-max maps min..max to 0..100', () => {
    expectClose(normalize([10, 20, 30, NaN, 25], { method: 'min-max', min: 10, max: 30 }).out, [0, 50, 100, NaN, 75]);
  });

  it.each([
    ['percentile', { method: 'percentile' }],
    ['min-max', { method: 'min-max', min: 7, max: 7 }],
  ] as const)('a constant column gives 50 throughout (%s)', (_label, resolved) => {
    expectClose(normalize([7, 7, NaN, 7], resolved).out, [50, 50, NaN, 50]);
  });

  it('a single customer gets 50 by percentile', () => {
    expectClose(normalize([42], { method: 'percentile' }).out, [50]);
  });

  it('higher-is-worse inverts: 2 support tickets of 0–4 → 50, 0 → 100, 4 → 0', () => {
    expectClose(normalize([0, 2, 4, NaN], { method: 'min-max', min: 0, max: 4 }, false).out, [100, 50, 0, NaN]);
    expectClose(normalize([1, 5], { method: 'scale', low: 1, high: 5 }, false).out, [100, 0]);
    expectClose(normalize([10, 20, 20, 30], { method: 'percentile' }, false).out, [100, 200 / 3, 200 / 3, 0]);
  });

  it('z-score: mean 5, σ 2 → 5 is 50, 2 (−1.5σ) is 25, 9 (+2σ) is 83.3, beyond ±3σ stops at 0 and 100', () => {
    const resolved = { method: 'z-score', mean: 5, sd: 2 } as const;
    expectClose(normalize([5, 2, 9, 4, 11, -1, 20, -30, NaN], resolved).out, [50, 25, 50 + 100 / 3, 50 - 50 / 6, 100, 0, 100, 0, NaN]);
  });

  it('z-score of a column with σ 0 is 50 throughout', () => {
    expectClose(normalize([3, NaN, 3], { method: 'z-score', mean: 3, sd: 0 }).out, [50, NaN, 50]);
  });

  it('log: 0..99 → ln(1 + v) / ln 100, so 9 lands half-way (50) and min → 0, max → 100', () => {
    expectClose(normalize([0, 9, 99, NaN], { method: 'log', min: 0, max: 99 }).out, [0, 50, 100, NaN]);
  });

  it('log shifts by the min, so negative amounts (refunds) work: −10..89 → −1 is 50', () => {
    expectClose(normalize([-10, -1, 89], { method: 'log', min: -10, max: 89 }).out, [0, 50, 100]);
    expectClose(normalize([4, 4], { method: 'log', min: 4, max: 4 }).out, [50, 50]);
  });

  it('all-missing column stays all-missing', () => {
    for (const resolved of [
      { method: 'percentile' },
      { method: 'as-is' },
      { method: 'min-max', min: NaN, max: NaN },
      { method: 'z-score', mean: NaN, sd: NaN },
      { method: 'log', min: NaN, max: NaN },
    ] as const) {
      expectClose(normalize([NaN, NaN], resolved).out, [NaN, NaN]);
    }
  });
});

describe('resolveNormalization', () => {
  it.each([
    ['csat', [1, 2, 3, 4, 5, 4, NaN], { method: 'scale', low: 1, high: 5 }],
    ['support_rating', [2, 3, 4], { method: 'scale', low: 1, high: 5 }],
    ['effort', [1, 3, 6, 7], { method: 'scale', low: 1, high: 7 }],
    ['nps', [0, 3, 8, 10], { method: 'scale', low: 0, high: 10 }],
    ['likelihood', [1, 4, 9], { method: 'scale', low: 0, high: 10 }],
    ['engagement_score', [0, 35, 55, 100, 72], { method: 'as-is' }],
    ['Engagement Score', [12.5, 88.25], { method: 'as-is' }],
    ['health index', [20, 60, 95], { method: 'as-is' }],
    ['renewal %', [20, 60, 95], { method: 'as-is' }],
    ['churned', [0, 1, 1, 0], { method: 'percentile' }],
    ['total_revenue', [409199.93, 28395.47, 1200, 55000], { method: 'percentile' }],
    ['orders_12m', [0, 3, 19, 42], { method: 'percentile' }],
    ['engagement_score', [-20, 50, 150], { method: 'percentile' }],
    // A score stays a score: any column whose values lie on 0–100 and reach its upper half.
    ['Purchase History', [1, 65, 100, 33], { method: 'as-is' }],
    ['Support Quality', [55, 12.5, 99], { method: 'as-is' }],
    // …unless its values say "how many" or "how much".
    ['Open Cases', [0, 3, 60, 12], { method: 'percentile' }],
    ['tenure_months', [3, 40, 72, 66], { method: 'percentile' }],
    ['Discount ($)', [5, 60, 90], { method: 'percentile' }],
    ['meetings_held', [0, 1, 2, 0, 3, 60], { method: 'percentile' }],
    ['loyalty', [2, 10, 30, 45], { method: 'percentile' }],
  ] as const)('auto for %j %j → %j', (name, values, expected) => {
    expect(auto(name, [...values])).toEqual(expected);
  });

  it('one value outside 0..100 in a small file does not change how the column is scored', () => {
    expect(auto('engagement_score', [55, 62, 140, 71, 48, 90, 33, 67, 80, 59])).toEqual({ method: 'as-is' });
    expect(auto('Purchase History', [55, 62, -4, 71, 48, 90, 33, 67, 80, 59])).toEqual({ method: 'as-is' });
    expect(auto('Purchase History', [55, 62, -4, 171, 48, 90, 33, 67, 80, 59])).toEqual({ method: 'percentile' });
  });

  it.each([
    ['csat', [1, 5, 4], 'whole numbers from 1 to 5: answers on a 1–5 scale'],
    ['avg_rating', [3.5, 4.6], 'named like a rating, averages on a 1–5 scale'],
    ['engagement_score', [0, 50, 100], 'named like a score, values on 0–100'],
    ['Support Quality', [10, 60, 99], 'values on a 0–100 scale'],
    ['total_revenue', [100, 2500.5], 'a count, amount or duration (values from 100 to 2,500.5)'],
    ['visits_per_week', [0, 2, 1, 4], 'a count, amount or duration (values from 0 to 4)'],
    ['widgets', [0, 2, 1, 4], 'small whole numbers, like counts (values from 0 to 4)'],
    ['loyalty', [2, 10, 30, 45], 'values from 2 to 45, below the upper half of 0–100'],
    ['balance', [-20, 3000], 'a count, amount or duration (values from -20 to 3,000)'],
    ['health', [-20.5, 3000.25], 'values from -20.5 to 3,000.25, not a 0–100 score'],
  ] as const)('says why Automatic chose its method for %j %j: %j', (name, values, why) => {
    expect(chooseAuto(name, columnStats(Float64Array.from(values))).why).toBe(why);
  });

  it('a score column with ≤ 1 % of values outside 0..100 is still used as-is; with more it is ranked', () => {
    const base = Array.from({ length: 198 }, (_, i) => i % 101);
    expect(auto('engagement_score', [...base, 105, -3])).toEqual({ method: 'as-is' });
    expect(auto('engagement_score', [...base, 105, -3, 140])).toEqual({ method: 'percentile' });
  });

  it.each([
    ['as-is', [1000, 2000], { method: 'as-is' }],
    ['percentile', [1, 2, 3, 4, 5], { method: 'percentile' }],
    ['min-max', [3, 9, 6], { method: 'min-max', min: 3, max: 9 }],
    ['scale', [1, 5, 3], { method: 'scale', low: 1, high: 5 }],
    ['scale', [10, 40], { method: 'min-max', min: 10, max: 40 }],
    ['z-score', [2, 4, 4, 4, 5, 5, 7, 9], { method: 'z-score', mean: 5, sd: 2 }],
    ['log', [3, 9, 6], { method: 'log', min: 3, max: 9 }],
  ] as const)('an explicit %s on %j → %j', (requested, values, expected) => {
    expect(resolveNormalization('x', columnStats(Float64Array.from(values)), requested)).toEqual(expected);
  });

  it.each([
    [{ method: 'as-is' }, 'used as-is (0–100)'],
    [{ method: 'scale', low: 1, high: 5 }, 'rescaled from its 1–5 scale'],
    [{ method: 'percentile' }, 'percentile rank'],
    [{ method: 'min-max', min: 0, max: 9 }, 'min–max rescaled'],
    [{ method: 'z-score', mean: 5, sd: 2 }, 'z-score (mean → 50, ±3σ → 0–100)'],
    [{ method: 'log', min: 0, max: 9 }, 'log-scaled, then min–max rescaled'],
  ] as const)('describes %j as %j', (resolved, text) => {
    expect(describeNormalization(resolved)).toBe(text);
  });
});

describe('columnStats and median', () => {
  it('counts present values, min, max, integers and values outside 0..100', () => {
    expect(columnStats(Float64Array.from([5, NaN, -1, 120, 3]))).toMatchObject({ count: 4, min: -1, max: 120, mean: 31.75, isInteger: true, outsideScoreRange: 2 });
    expect(columnStats(Float64Array.from([1.5, 2]))).toMatchObject({ isInteger: false });
    const empty = columnStats(Float64Array.from([NaN]));
    expect(empty.count).toBe(0);
    expect(empty.min).toBeNaN();
    expect(empty.max).toBeNaN();
    expect(empty.mean).toBeNaN();
    expect(empty.sd).toBeNaN();
  });

  it('mean and population σ: [2, 4, 4, 4, 5, 5, 7, 9] has mean 5 and σ 2, also a billion higher', () => {
    expect(columnStats(Float64Array.from([2, 4, 4, 4, 5, 5, 7, NaN, 9]))).toMatchObject({ mean: 5, sd: 2 });
    const shifted = columnStats(Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9], (v) => v + 1e9));
    expect(shifted.mean).toBe(1e9 + 5);
    expect(shifted.sd).toBeCloseTo(2, 9);
    expect(columnStats(Float64Array.from([7, 7, 7])).sd).toBe(0);
  });

  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[NaN, 7, NaN], 7],
    [[-5, 10], 2.5],
  ])('median(%j) = %d', (values, expected) => {
    expect(median(Float64Array.from(values))).toBe(expected);
  });

  it('median of nothing is NaN', () => {
    expect(median(Float64Array.from([NaN, NaN]))).toBeNaN();
    expect(median(new Float64Array(0))).toBeNaN();
  });
});

// ---------------------------------------------------------------- properties --

const valueArb = fc.oneof({ weight: 1, arbitrary: fc.constant(NaN) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 3, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) });
const columnArb = fc.array(valueArb, { minLength: 1, maxLength: 80 }).map((values) => Float64Array.from(values));
const requestArb = fc.constantFrom<Normalization>(...NORMALIZATIONS);
const nameArb = fc.constantFrom('csat', 'engagement_score', 'total_revenue', 'support_tickets');

describe('normalize properties', () => {
  it('property: every output is in [0, 100], and NaN exactly where the input is NaN', () => {
    fc.assert(
      fc.property(columnArb, requestArb, nameArb, fc.boolean(), (values, requested, name, higherBetter) => {
        const resolved = resolveNormalization(name, columnStats(values), requested);
        const out = new Float64Array(values.length);
        normalizeColumn(values, resolved, higherBetter, out);
        for (let i = 0; i < values.length; i++) {
          if (Number.isNaN(values[i])) expect(out[i]).toBeNaN();
          else {
            expect(out[i]).toBeGreaterThanOrEqual(0);
            expect(out[i]).toBeLessThanOrEqual(100);
          }
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('property: percentile rank is monotone (a ≤ b ⇒ p(a) ≤ p(b)) and equal values tie', () => {
    fc.assert(
      fc.property(columnArb, (values) => {
        const out = new Float64Array(values.length);
        percentileRanks(values, out);
        for (let i = 0; i < values.length; i++) {
          for (let j = 0; j < values.length; j++) {
            if (Number.isNaN(values[i]) || Number.isNaN(values[j])) continue;
            if (values[i] <= values[j]) expect(out[i]).toBeLessThanOrEqual(out[j]);
            if (values[i] === values[j]) expect(out[i]).toBe(out[j]);
          }
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('property: the lowest present value ranks 0; the highest ranks (count − ties) / (count − 1)', () => {
    fc.assert(
      fc.property(columnArb, (values) => {
        const stats = columnStats(values);
        fc.pre(stats.count > 1 && stats.min < stats.max);
        const out = new Float64Array(values.length);
        percentileRanks(values, out);
        const ties = values.filter((v) => v === stats.max).length;
        values.forEach((v, i) => {
          if (v === stats.min) expect(out[i]).toBe(0);
          if (v === stats.max) expect(out[i]).toBeCloseTo(((stats.count - ties) / (stats.count - 1)) * 100, 9);
        });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('property: inverting maps x to 100 − x for every method', () => {
    fc.assert(
      fc.property(columnArb, requestArb, nameArb, (values, requested, name) => {
        const resolved = resolveNormalization(name, columnStats(values), requested);
        const up = new Float64Array(values.length);
        const down = new Float64Array(values.length);
        const clampedUp = normalizeColumn(values, resolved, true, up);
        const clampedDown = normalizeColumn(values, resolved, false, down);
        expect(clampedDown).toBe(clampedUp);
        for (let i = 0; i < values.length; i++) {
          if (Number.isNaN(up[i])) expect(down[i]).toBeNaN();
          else expect(down[i]).toBeCloseTo(100 - up[i], 9);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('property: min-max, scale, z-score and log preserve order (higher raw value, higher factor value)', () => {
    fc.assert(
      fc.property(columnArb, fc.constantFrom<Normalization>('min-max', 'scale', 'z-score', 'log'), (values, requested) => {
        const resolved = resolveNormalization('x', columnStats(values), requested);
        const out = new Float64Array(values.length);
        normalizeColumn(values, resolved, true, out);
        for (let i = 0; i < values.length; i++) {
          for (let j = 0; j < values.length; j++) {
            if (values[i] <= values[j]) expect(out[i]).toBeLessThanOrEqual(out[j]);
          }
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('z-score and log properties', () => {
  const spreadArb = columnArb.filter((values) => {
    const stats = columnStats(values);
    return stats.count > 1 && stats.min < stats.max;
  });

  it('property: z-score of the column mean is 50', () => {
    fc.assert(
      fc.property(spreadArb, (values) => {
        const stats = columnStats(values);
        const out = new Float64Array(1);
        normalizeColumn(Float64Array.of(stats.mean), resolveNormalization('x', stats, 'z-score'), true, out);
        expect(out[0]).toBe(50);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('property: log maps the min to 0 and the max to 100', () => {
    fc.assert(
      fc.property(spreadArb, (values) => {
        const stats = columnStats(values);
        const out = new Float64Array(values.length);
        normalizeColumn(values, resolveNormalization('x', stats, 'log'), true, out);
        values.forEach((v, i) => {
          if (v === stats.min) expect(out[i]).toBe(0);
          if (v === stats.max) expect(out[i]).toBe(100);
        });
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('huge values (issue 16)', () => {
  it('values near 1e300 keep a finite mean and spread, so z-scores still tell customers apart (not 50 for everyone)', () => {
    const values = Float64Array.from([1e300, 2e300, 3e300, 4e300, 5e300]);
    const stats = columnStats(values);
    expect(stats.mean).toBeCloseTo(3e300, -290);
    expect(stats.sd / 1e300).toBeCloseTo(Math.SQRT2, 9); // the population sd of 1…5 is √2
    const out = new Float64Array(values.length);
    normalizeColumn(values, resolveNormalization('x', stats, 'z-score'), true, out);
    expect(Array.from(out).map((v) => Math.round(v * 1000) / 1000)).toEqual(
      [50 - (50 * Math.SQRT2) / 3, 50 - (50 * Math.SQRT1_2) / 3, 50, 50 + (50 * Math.SQRT1_2) / 3, 50 + (50 * Math.SQRT2) / 3].map((v) => Math.round(v * 1000) / 1000),
    );
  });
});
