// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bandOf, BANDS, DEFAULT_BANDS, roundScore, type BandThresholds } from '../../../src/core/model/model';
import { factorMatrix, bandBinStarts, HISTOGRAM_BINS, MAX_FACTORS, medianOfTenths, scoreCustomers, scoreMatrix, scoreView } from '../../../src/core/scoring/score';
import { MAX_GROUPS, NO_GROUP, NO_GROUP_SLOT } from '../../../src/core/groups/segment';

const f64 = (values: number[]) => Float64Array.from(values);

function score(factors: number[][], weights: number[], groups?: number[], bands: BandThresholds = DEFAULT_BANDS) {
  const n = factors[0]?.length ?? groups?.length ?? 0;
  const out = new Float64Array(n);
  const agg = scoreCustomers(factors.map(f64), weights, bands, Uint8Array.from(groups ?? new Array<number>(n).fill(NO_GROUP)), out);
  return { scores: Array.from(out), agg };
}

describe('scoreCustomers by hand (default weights 30/30/20/20)', () => {
  // engagement, satisfaction, purchase, support — already on 0..100.
  const ada = [80, 60, 50, 100]; // (30·80 + 30·60 + 20·50 + 20·100) / 100 = 72
  const bo = [40, NaN, 70, 10]; // satisfaction missing: (30·40 + 20·70 + 20·10) / 70 = 40
  const cy = [NaN, NaN, NaN, NaN]; // nothing known: unscored
  const di = [0, 0, 0, 0]; // all zero: 0, a real score
  const customers = [ada, bo, cy, di];
  const factors = [0, 1, 2, 3].map((f) => customers.map((c) => c[f]));
  const weights = [30, 30, 20, 20];

  it('scores each customer as the weighted mean of the factors they have', () => {
    const { scores } = score(factors, weights);
    expect(scores[0]).toBeCloseTo(72, 12);
    expect(scores[1]).toBeCloseTo(40, 12);
    expect(scores[2]).toBeNaN();
    expect(scores[3]).toBe(0);
  });

  it('counts scored and unscored customers, their sum, bands and histogram bins', () => {
    const { agg } = score(factors, weights);
    expect(agg.scored).toBe(3);
    expect(agg.unscored).toBe(1);
    expect(agg.sum).toBeCloseTo(112, 9);
    expect(Array.from(agg.bandCounts)).toEqual([1, 1, 1]); // Di poor, Bo average (40 is average), Ada good
    expect(agg.histogram[72]).toBe(1);
    expect(agg.histogram[40]).toBe(1);
    expect(agg.histogram[0]).toBe(1);
    expect(agg.histogram.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('counts every customer in its relationship group, and sums scores of the scored ones', () => {
    const { agg } = score(factors, weights, [0, 3, NO_GROUP, 1]);
    // Codes 0..8 (a 3×3 grid's cells), then the no-group slot.
    expect(Array.from(agg.groupCounts)).toEqual([1, 1, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(agg.groupScored)).toEqual([1, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
    const sums = Array.from(agg.groupScoreSums);
    expect(sums[0]).toBeCloseTo(72, 9);
    expect(sums[3]).toBeCloseTo(40, 9);
    expect(sums[1]).toBe(0);
  });

  it('a weight of 0 removes a factor; when only zero-weight factors are present the customer is unscored', () => {
    const { scores } = score(factors, [30, 30, 20, 0]);
    expect(scores[0]).toBeCloseTo((30 * 80 + 30 * 60 + 20 * 50) / 80, 12);
    const onlySupport = score([[NaN], [NaN], [NaN], [100]], [30, 30, 20, 0]);
    expect(onlySupport.scores[0]).toBeNaN();
    expect(onlySupport.agg.unscored).toBe(1);
  });

  // Bug: Σw·x / Σw is not clamped, so rounding can push a perfect customer 1 ulp above
  // 100 when the weights are not integers (0.1 and 0.7 here): 100.00000000000001.
  it('a perfect customer scores exactly 100 whatever the weights', () => {
    expect(score([[100], [100]], [0.1, 0.7]).scores[0]).toBeLessThanOrEqual(100);
    expect(score([[100]], [0.69]).scores[0]).toBeLessThanOrEqual(100);
  });

  it('negative weights count as 0', () => {
    expect(score([[100], [0]], [50, -50]).scores[0]).toBe(100);
  });

  it(`refuses more than ${MAX_FACTORS} factors with a clear error`, () => {
    const many = Array.from({ length: MAX_FACTORS + 1 }, () => f64([50]));
    expect(() =>
      scoreCustomers(
        many,
        many.map(() => 1),
        DEFAULT_BANDS,
        Uint8Array.from([NO_GROUP]),
        new Float64Array(1),
      ),
    ).toThrow(RangeError);
    const most = many.slice(0, MAX_FACTORS);
    const out = new Float64Array(1);
    scoreCustomers(
      most,
      most.map(() => 1),
      DEFAULT_BANDS,
      Uint8Array.from([NO_GROUP]),
      out,
    );
    expect(out[0]).toBe(50);
  });

  it('with no factors everyone is unscored', () => {
    const { scores, agg } = score([], [], [NO_GROUP, NO_GROUP]);
    expect(scores.every(Number.isNaN)).toBe(true);
    expect(agg.scored).toBe(0);
    expect(agg.unscored).toBe(2);
    expect(agg.groupCounts[NO_GROUP_SLOT]).toBe(2);
  });
});

describe('rule points (extra) by hand', () => {
  // One factor at weight 1, so the weighted mean is the factor value itself.
  const run = (values: number[], extra: number[]) => {
    const out = new Float64Array(values.length);
    const agg = scoreCustomers([f64(values)], [1], DEFAULT_BANDS, new Uint8Array(values.length).fill(NO_GROUP), out, f64(extra));
    return { scores: Array.from(out), agg };
  };

  it('adds each customer its rule points: 50 + 10 = 60, 50 − 15 = 35, 72 + 0 = 72', () => {
    const { scores, agg } = run([50, 50, 72], [10, -15, 0]);
    expect(scores).toEqual([60, 35, 72]);
    expect(Array.from(agg.bandCounts)).toEqual([1, 1, 1]); // 35 poor, 60 average, 72 good
    expect(agg.sum).toBe(167);
  });

  it('clamps at 0 and at 100: 10 − 30 → 0, 95 + 20 → 100', () => {
    const { scores, agg } = run([10, 95], [-30, 20]);
    expect(scores).toEqual([0, 100]);
    expect(agg.histogram[0]).toBe(1);
    expect(agg.histogram[99]).toBe(1);
  });

  it('rules alone do not score: a customer with no factor value stays unscored', () => {
    const { scores, agg } = run([NaN, 40], [25, 25]);
    expect(scores[0]).toBeNaN();
    expect(scores[1]).toBe(65);
    expect(agg.unscored).toBe(1);
  });

  it('hand-scored with weights 30/30/20/20: Ada 72 + 10 = 82, Bo 40 − 50 → 0', () => {
    const factors = [
      [80, 40],
      [60, NaN],
      [50, 70],
      [100, 10],
    ];
    const out = new Float64Array(2);
    scoreCustomers(factors.map(f64), [30, 30, 20, 20], DEFAULT_BANDS, Uint8Array.from([NO_GROUP, NO_GROUP]), out, f64([10, -50]));
    expect(out[0]).toBeCloseTo(82, 12);
    expect(out[1]).toBe(0);
  });
});

describe('bands and bins follow the score as shown (one decimal)', () => {
  it.each([
    [39.9, 0, 39],
    [39.96, 1, 40], // shown as 40.0: average, bin 40
    [40, 1, 40],
    [69.94, 1, 69],
    [69.95, 2, 70],
    [70, 2, 70],
    [99.5, 2, 99],
    [100, 2, 99], // bin 99 also holds 100
    [0, 0, 0],
    [0.04, 0, 0],
  ])('score %d → band %d, histogram bin %d', (value, band, bin) => {
    const { agg } = score([[value]], [1]);
    expect(agg.bandCounts[band]).toBe(1);
    expect(agg.histogram[bin]).toBe(1);
  });

  it('custom thresholds move the bands', () => {
    const { agg } = score([[10, 30, 50, 80]], [1], undefined, { averageFrom: 25, goodFrom: 50 });
    expect(Array.from(agg.bandCounts)).toEqual([1, 1, 2]);
  });
});

describe('bandBinStarts', () => {
  it('gives each band the bins whose lower edge it holds', () => {
    expect(bandBinStarts(HISTOGRAM_BINS, DEFAULT_BANDS)).toEqual([0, 40, 70, 100]);
    // A threshold inside a bin: bin 40 (40.0–40.9) is still below 40.5, so poor.
    expect(bandBinStarts(HISTOGRAM_BINS, { averageFrom: 40.5, goodFrom: 100 })).toEqual([0, 41, 100, 100]);
    expect(bandBinStarts(HISTOGRAM_BINS, { averageFrom: 0, goodFrom: 0 })).toEqual([0, 0, 0, 100]);
  });
});

// ---------------------------------------------------------------- properties --

const factorValue = fc.oneof({ weight: 1, arbitrary: fc.constant(NaN) }, { weight: 4, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) });
const problemArb = fc.integer({ min: 1, max: 5 }).chain((k) =>
  fc.integer({ min: 1, max: 40 }).chain((n) =>
    fc.record({
      factors: fc.array(fc.array(factorValue, { minLength: n, maxLength: n }), { minLength: k, maxLength: k }),
      // Weights as users set them: 0–100 (sliders give integers; fractions are allowed).
      weights: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.01, max: 100, noNaN: true })), { minLength: k, maxLength: k }),
      groups: fc.array(fc.constantFrom(0, 1, 2, 3, 4, 8, NO_GROUP), { minLength: n, maxLength: n }),
    }),
  ),
);

/** The CRS formula written out plainly, customer by customer. */
function reference(factors: number[][], weights: number[], bands: BandThresholds) {
  const n = factors[0].length;
  const scores: number[] = [];
  const bandCounts = [0, 0, 0];
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (let i = 0; i < n; i++) {
    let num = 0;
    let den = 0;
    factors.forEach((column, f) => {
      if (!Number.isNaN(column[i]) && weights[f] > 0) {
        num += weights[f] * column[i];
        den += weights[f];
      }
    });
    const crs = den === 0 ? NaN : Math.min(100, Math.max(0, num / den));
    scores.push(crs);
    if (Number.isNaN(crs)) continue;
    const shown = roundScore(crs);
    bandCounts[BANDS.indexOf(bandOf(shown, bands))]++;
    histogram[Math.min(99, Math.floor(shown))]++;
  }
  return { scores, bandCounts, histogram };
}

describe('score properties', () => {
  it('property: the optimised kernel agrees with the plain formula (scores, bands, bins), for 1 to 20 factors', () => {
    const wide = fc.integer({ min: 1, max: 20 }).chain((k) =>
      fc.integer({ min: 1, max: 30 }).chain((n) =>
        fc.record({
          factors: fc.array(fc.array(factorValue, { minLength: n, maxLength: n }), { minLength: k, maxLength: k }),
          weights: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.01, max: 100, noNaN: true })), { minLength: k, maxLength: k }),
          bands: fc.constantFrom(DEFAULT_BANDS, { averageFrom: 25, goodFrom: 50 }, { averageFrom: 0, goodFrom: 100 }, { averageFrom: 55.5, goodFrom: 55.5 }),
        }),
      ),
    );
    fc.assert(
      fc.property(wide, ({ factors, weights, bands }) => {
        const expected = reference(factors, weights, bands);
        const { scores, agg } = score(factors, weights, undefined, bands);
        scores.forEach((s, i) => {
          if (Number.isNaN(expected.scores[i])) expect(s).toBeNaN();
          else expect(Math.abs(s - expected.scores[i])).toBeLessThanOrEqual(1e-9);
        });
        expect(Array.from(agg.bandCounts)).toEqual(expected.bandCounts);
        expect(Array.from(agg.histogram)).toEqual(expected.histogram);
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('property: a factor matrix built once and re-scored with new weights equals scoring from scratch', () => {
    fc.assert(
      fc.property(problemArb, fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }), ({ factors, weights, groups }, newWeights) => {
        const n = factors[0].length;
        const matrix = factorMatrix(factors.map(f64), n);
        const g = Uint8Array.from(groups);
        scoreMatrix(matrix, weights, DEFAULT_BANDS, g, new Float64Array(n));
        const reused = new Float64Array(n);
        const reusedAgg = scoreMatrix(matrix, newWeights.slice(0, factors.length), DEFAULT_BANDS, g, reused);
        const fresh = score(factors, newWeights.slice(0, factors.length), groups);
        expect(Array.from(reused)).toEqual(fresh.scores);
        expect(reusedAgg).toEqual(fresh.agg);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('property: every CRS is in [0, 100] and between the lowest and highest factor it used', () => {
    fc.assert(
      fc.property(problemArb, ({ factors, weights, groups }) => {
        const { scores } = score(factors, weights, groups);
        scores.forEach((s, i) => {
          const used = factors.map((f) => f[i]).filter((x, f) => !Number.isNaN(x) && weights[f] > 0);
          if (used.length === 0) {
            expect(s).toBeNaN();
            return;
          }
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(100);
          expect(s).toBeGreaterThanOrEqual(Math.min(...used) - 1e-9);
          expect(s).toBeLessThanOrEqual(Math.max(...used) + 1e-9);
        });
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('property: scaling all weights by k > 0 changes nothing (to 1e-9)', () => {
    fc.assert(
      fc.property(problemArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ({ factors, weights, groups }, k) => {
        const a = score(factors, weights, groups).scores;
        const b = score(
          factors,
          weights.map((w) => w * k),
          groups,
        ).scores;
        a.forEach((s, i) => {
          if (Number.isNaN(s)) expect(b[i]).toBeNaN();
          else expect(Math.abs(b[i] - s)).toBeLessThanOrEqual(1e-9);
        });
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it("property: all weight on one factor returns that factor's value (unscored where it is missing)", () => {
    fc.assert(
      fc.property(problemArb, fc.nat(), fc.double({ min: 0.01, max: 100, noNaN: true }), ({ factors, groups }, pick, w) => {
        const only = pick % factors.length;
        const weights = factors.map((_, f) => (f === only ? w : 0));
        const { scores } = score(factors, weights, groups);
        scores.forEach((s, i) => {
          const x = factors[only][i];
          if (Number.isNaN(x)) expect(s).toBeNaN();
          else expect(Math.abs(s - x)).toBeLessThanOrEqual(1e-9);
        });
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('property: raising one factor value never lowers a CRS', () => {
    fc.assert(
      fc.property(problemArb, fc.nat(), fc.nat(), fc.double({ min: 0, max: 100, noNaN: true }), ({ factors, weights, groups }, f0, i0, bump) => {
        const f = f0 % factors.length;
        const i = i0 % factors[0].length;
        fc.pre(!Number.isNaN(factors[f][i]));
        const before = score(factors, weights, groups).scores[i];
        const raised = factors.map((column) => [...column]);
        raised[f][i] = Math.min(100, raised[f][i] + bump);
        const after = score(raised, weights, groups).scores[i];
        if (Number.isNaN(before)) expect(after).toBeNaN();
        else expect(after).toBeGreaterThanOrEqual(before - 1e-9);
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('property: the aggregates add up (histogram = bands = scored; groups = n; sums agree)', () => {
    fc.assert(
      fc.property(problemArb, ({ factors, weights, groups }) => {
        const { scores, agg } = score(factors, weights, groups);
        const n = scores.length;
        const total = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
        const scored = scores.filter((s) => !Number.isNaN(s));
        expect(agg.scored).toBe(scored.length);
        expect(agg.scored + agg.unscored).toBe(n);
        expect(total(agg.histogram)).toBe(agg.scored);
        expect(total(agg.bandCounts)).toBe(agg.scored);
        expect(total(agg.groupCounts)).toBe(n);
        expect(total(agg.groupScored)).toBe(agg.scored);
        expect(agg.sum).toBeCloseTo(total(scored), 6);
        expect(total(agg.groupScoreSums)).toBeCloseTo(agg.sum, 6);
        for (let g = 0; g < MAX_GROUPS; g++) expect(agg.groupCounts[g]).toBe(groups.filter((x) => x === g).length);
        expect(agg.groupCounts[NO_GROUP_SLOT]).toBe(groups.filter((x) => x === NO_GROUP).length);
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('property: each group view is what scoring that group alone gives (histogram, bands, mean, median)', () => {
    fc.assert(
      fc.property(problemArb, ({ factors, weights, groups }) => {
        const { scores, agg } = score(factors, weights, groups);
        for (const g of [0, 1, 2, 3, 4, 8, NO_GROUP_SLOT]) {
          const code = g === NO_GROUP_SLOT ? NO_GROUP : g;
          const rows = groups.map((x, i) => (x === code ? i : -1)).filter((i) => i >= 0);
          const alone = score(
            factors.map((column) => rows.map((i) => column[i])),
            weights,
            rows.map(() => NO_GROUP),
          );
          const view = scoreView(agg, g);
          expect(Array.from(view.histogram)).toEqual(Array.from(alone.agg.histogram));
          expect(Array.from(view.bandCounts)).toEqual(Array.from(alone.agg.bandCounts));
          expect(view.scored).toBe(alone.agg.scored);
          expect(view.unscored).toBe(alone.agg.unscored);
          if (view.scored > 0) expect(view.mean).toBeCloseTo(alone.agg.sum / alone.agg.scored, 6);
          else expect(view.mean).toBeNaN();
          expect(Object.is(view.median, alone.agg.median) || Math.abs(view.median - alone.agg.median) < 1e-9).toBe(true);
        }
        const all = scoreView(agg, null);
        expect(all.scored).toBe(scores.filter((s) => !Number.isNaN(s)).length);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('property: the median is the median of the scores as shown (one decimal)', () => {
    fc.assert(
      fc.property(problemArb, ({ factors, weights, groups }) => {
        const { scores, agg } = score(factors, weights, groups);
        const shown = scores
          .filter((s) => !Number.isNaN(s))
          .map(roundScore)
          .sort((a, b) => a - b);
        if (shown.length === 0) {
          expect(agg.median).toBeNaN();
          return;
        }
        const m = shown.length;
        const expected = m % 2 ? shown[(m - 1) / 2] : (shown[m / 2 - 1] + shown[m / 2]) / 2;
        expect(agg.median).toBeCloseTo(expected, 9);
      }),
      { seed: 11, numRuns: 400 },
    );
  });
});

describe('rule points properties', () => {
  const extraArb = (n: number) => fc.array(fc.integer({ min: -100, max: 100 }), { minLength: n, maxLength: n });

  it('property: no rules (null) and zero rule points for everyone give the same scores and aggregates', () => {
    fc.assert(
      fc.property(problemArb, ({ factors, weights, groups }) => {
        const n = factors[0].length;
        const g = Uint8Array.from(groups);
        const without = new Float64Array(n);
        const zeros = new Float64Array(n);
        const a = scoreCustomers(factors.map(f64), weights, DEFAULT_BANDS, g, without);
        const b = scoreCustomers(factors.map(f64), weights, DEFAULT_BANDS, g, zeros, new Float64Array(n));
        expect(Array.from(zeros)).toEqual(Array.from(without));
        expect(b).toEqual(a);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('property: with rules, CRS = clamp(CRS without rules + points, 0, 100), and unscored stays unscored', () => {
    fc.assert(
      fc.property(
        problemArb.chain((problem) => extraArb(problem.factors[0].length).map((extra) => ({ ...problem, extra }))),
        ({ factors, weights, groups, extra }) => {
          const base = score(factors, weights, groups).scores;
          const out = new Float64Array(base.length);
          scoreCustomers(factors.map(f64), weights, DEFAULT_BANDS, Uint8Array.from(groups), out, f64(extra));
          base.forEach((s, i) => {
            if (Number.isNaN(s)) expect(out[i]).toBeNaN();
            else expect(Math.abs(out[i] - Math.min(100, Math.max(0, s + extra[i])))).toBeLessThanOrEqual(1e-9);
          });
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('medianOfTenths', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    const counts = new Uint32Array(1001);
    counts[100] = 1; // 10.0
    counts[305] = 1; // 30.5
    counts[900] = 1; // 90.0
    expect(medianOfTenths(counts, 3)).toBe(30.5);
    counts[1000] = 1; // 100.0: middle pair 30.5 and 90.0
    expect(medianOfTenths(counts, 4)).toBe(60.25);
    expect(medianOfTenths(new Uint32Array(1001), 0)).toBeNaN();
  });
});
