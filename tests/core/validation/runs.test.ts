// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gainsByDecile, gainsFromRuns } from '../../../src/core/validation/gains';
import { auc, aucFromRuns, rocCurve, rocCurveFromRuns } from '../../../src/core/validation/roc';
import { outcomeRuns } from '../../../src/core/validation/runs';

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
