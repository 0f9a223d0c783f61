// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_BANDS } from '../../../src/core/model/model';
import { factorMatrix, scoreMatrix } from '../../../src/core/scoring/score';
import { atRiskFromTally, emptyTally, outcomeCountsFromTally, tallyClasses } from '../../../src/core/scoring/tally';
import { atRiskCount } from '../../../src/core/kpis/kpis';
import { outcomeCodes, tenthCodeCounts } from '../../../src/core/validation/runs';
import { median } from '../../../src/core/stats/rank';
import { NO_GROUP } from '../../../src/core/groups/segment';

/** Scores two factors with the tally on: the scores, and the at-risk count and outcome counts read from the tally. */
function scoredWithTally(factors: [number[], number[]], weights: number[], revenue: number[], outcome: number[] | null, bands = DEFAULT_BANDS) {
  const n = revenue.length;
  const scores = new Float64Array(n);
  const revenueValues = Float64Array.from(revenue);
  const revenueMedian = median(revenueValues);
  const codes = outcome ? outcomeCodes(Float64Array.from(outcome)) : null;
  const tally = emptyTally(tallyClasses(codes, revenueValues, revenueMedian, n));
  const matrix = factorMatrix(
    factors.map((f) => Float64Array.from(f)),
    n,
  );
  scoreMatrix(matrix, weights, bands, new Uint8Array(n).fill(NO_GROUP), scores, null, tally);
  return { scores, revenueValues, revenueMedian, codes, tally };
}

describe('the scoring pass tally', () => {
  it('counts the at-risk customers: poor band, revenue above the median', () => {
    // Scores 20, 30, 39.96 (shown 40.0: average), 80, unscored; revenue median 500.
    const { tally } = scoredWithTally(
      [
        [20, 30, 39.96, 80, NaN],
        [20, 30, 39.96, 80, NaN],
      ],
      [1, 1],
      [100, 900, 500, 500, 300],
      null,
    );
    // 20 has revenue below the median, 39.96 is shown as 40.0 (average), 80 is good, the last is unscored: only the 30.
    expect(atRiskFromTally(tally.counts, DEFAULT_BANDS)).toBe(1);
  });

  it('gives the same at-risk count and outcome counts as the passes it replaces, on any scores', () => {
    const value = fc.oneof({ weight: 1, arbitrary: fc.constant(NaN) }, { weight: 5, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) });
    const customer = fc.record({ e: value, s: value, revenue: fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 50 })), outcome: fc.constantFrom(0, 1, NaN, 2) });
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 80 }), fc.integer({ min: 0, max: 100 }), fc.boolean(), (customers, averageFrom, hasOutcome) => {
        const bands = { averageFrom, goodFrom: Math.max(averageFrom, 70) };
        const { scores, revenueValues, revenueMedian, codes, tally } = scoredWithTally(
          [customers.map((c) => c.e), customers.map((c) => c.s)],
          [3, 2],
          customers.map((c) => c.revenue),
          hasOutcome ? customers.map((c) => c.outcome) : null,
          bands,
        );
        expect(atRiskFromTally(tally.counts, bands)).toBe(atRiskCount(scores, revenueValues, bands, revenueMedian));
        if (codes) expect(outcomeCountsFromTally(tally.counts)).toEqual(tenthCodeCounts(scores, codes));
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});
