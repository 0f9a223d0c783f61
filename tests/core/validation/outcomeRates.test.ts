// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { NO_GROUP } from '../../../src/core/groups/segment';
import { outcomeRates } from '../../../src/core/validation/outcomeRates';

describe('outcomeRates', () => {
  it('counts customers, known outcomes and positives per segment, by hand', () => {
    // Segment 0: outcomes 1, 0, NaN → 1 of 2 known. Segment 1: 1, 1 → 2 of 2. Segment 2: none.
    const codes = Uint8Array.from([0, 1, 0, 0, 1, NO_GROUP, 3]);
    const outcomes = Float64Array.from([1, 1, 0, NaN, 1, 1, 0]);
    const rates = outcomeRates(codes, outcomes, 3);
    expect(rates.count).toEqual([3, 2, 0]);
    expect(rates.known).toEqual([2, 2, 0]);
    expect(rates.positives).toEqual([1, 2, 0]);
    expect(rates.rate.slice(0, 2)).toEqual([0.5, 1]);
    expect(rates.rate[2]).toBeNaN();
  });

  it('ignores codes at or above `segments` (no group, other segments)', () => {
    const rates = outcomeRates(Uint8Array.from([NO_GROUP, 2, 1]), Float64Array.from([1, 1, 0]), 2);
    expect(rates.count).toEqual([0, 1]);
    expect(rates.positives).toEqual([0, 0]);
    expect(rates.rate[1]).toBe(0);
  });

  it('counts a segment whose outcomes are all unknown, with rate NaN', () => {
    const rates = outcomeRates(Uint8Array.from([0, 0]), Float64Array.from([NaN, 7]), 1);
    expect(rates.count).toEqual([2]);
    expect(rates.known).toEqual([0]);
    expect(rates.rate[0]).toBeNaN();
  });
});
