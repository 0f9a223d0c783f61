// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gainsByDecile, gainsFromRuns } from '../../../src/core/validation/gains';
import { auc, aucFromRuns, rocCurve, rocCurveFromRuns } from '../../../src/core/validation/roc';
import { outcomeRuns, tenthOutcomeCounts, tenthRuns } from '../../../src/core/validation/runs';
import { bandRates } from '../../../src/core/validation/outcome';
import { bandCodes } from '../../../src/core/kpis/breakdown';
import { outcomeRates } from '../../../src/core/validation/outcomeRates';

describe('outcomeRuns', () => {
  it('groups tied scores lowest first, counting outcomes 1 and 0, by hand', () => {
    // Score 1: one negative; score 2: one positive, one negative, one unknown; score 3: one
    // positive; score 4: unknown only (dropped); NaN score: left out.
    const runs = outcomeRuns(Float64Array.from([2, 3, 1, 2, 4, NaN, 2]), Float64Array.from([1, 1, 0, 0, NaN, 1, NaN]));
    expect(Array.from(runs.positives)).toEqual([0, 1, 1]);
    expect(Array.from(runs.negatives)).toEqual([1, 1, 0]);
    expect([runs.totalPositives, runs.totalNegatives]).toEqual([2, 2]);
  });

  it('treats −0 and +0 as one score', () => {
    const runs = outcomeRuns(Float64Array.from([0, -0]), Float64Array.from([1, 0]));
    expect(Array.from(runs.positives)).toEqual([1]);
  });

  it('property: one set of runs serves AUC, ROC and gains alike', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.constantFrom(0, 1, NaN)), { maxLength: 80 }), (xs) => {
        const scores = Float64Array.from(xs, (r) => r[0]);
        const outcomes = Float64Array.from(xs, (r) => r[1]);
        const runs = outcomeRuns(scores, outcomes);
        expect(aucFromRuns(runs)).toEqual(auc(scores, outcomes));
        expect(rocCurveFromRuns(runs, 5)).toEqual(rocCurve(scores, outcomes, 5));
        expect(gainsFromRuns(runs, { higherIsPositive: false })).toEqual(gainsByDecile(scores, outcomes, { higherIsPositive: false }));
      }),
      { seed: 31, numRuns: 100 },
    );
  });
});

describe('tenthRuns: the runs of the scores as shown', () => {
  it('counts each one-decimal score once, ascending, leaving out missing scores and unknown outcomes', () => {
    const scores = Float64Array.from([40.04, 39.96, 40, 70.05, NaN, 12.3, 100]);
    const outcomes = Float64Array.from([1, 0, 0, 1, 1, NaN, 0]);
    // 39.96 and 40.04 are both 40.0 as shown; 70.05 shows as 70.1; 12.3 has no outcome.
    expect(tenthRuns(scores, outcomes)).toEqual({
      positives: Uint32Array.from([1, 1, 0]),
      negatives: Uint32Array.from([2, 0, 1]),
      totalPositives: 2,
      totalNegatives: 3,
    });
  });

  it('property: equals outcomeRuns on the scores rounded to one decimal, so AUC and gains are those of the shown score', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), fc.constantFrom(0, 1, NaN)), { minLength: 1, maxLength: 300 }), (rows) => {
        const scores = Float64Array.from(rows, ([s]) => (s === null ? NaN : s));
        const outcomes = Float64Array.from(rows, ([, o]) => o);
        const rounded = scores.map((s) => Math.round(s * 10) / 10);
        const expected = outcomeRuns(rounded, outcomes);
        const got = tenthRuns(scores, outcomes);
        expect(got).toEqual(expected);
        expect(aucFromRuns(got)).toEqual(auc(rounded, outcomes));
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});

describe('bandRates: outcome rates per band from the tenth counts', () => {
  it('property: equal to outcomeRates over each scored customer’s band', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), fc.constantFrom(0, 1, NaN)), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (rows, a, b) => {
          const bands = { averageFrom: Math.min(a, b) / 10, goodFrom: Math.max(a, b) / 10 };
          const scores = Float64Array.from(rows, ([s]) => (s === null ? NaN : s));
          const outcomes = Float64Array.from(rows, ([, o]) => o);
          expect(bandRates(tenthOutcomeCounts(scores, outcomes), bands)).toEqual(outcomeRates(bandCodes(scores, bands), outcomes, 3));
        },
      ),
      { seed: 23, numRuns: 300 },
    );
  });
});
