// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { expectedPurchasesConditional, fitBgNbd, type BgNbdParams } from '../../../src/core/clv/bgnbd';
import { HOLDOUT_BUCKET_COUNT, holdoutByFrequency } from '../../../src/core/clv/holdout';
import { simulateCustomers } from './simulate';

const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('holdoutByFrequency', () => {
  it('averages actual and expected holdout purchases per calibration frequency, 7+ pooled', () => {
    const data = { x: Float64Array.of(0, 0, 1, 8, 12, 2), tx: Float64Array.of(0, 0, 5, 30, 35, 50), T: Float64Array.of(39, 39, 39, 39, 39, 39) };
    const holdout = Float64Array.of(1, 0, 2, 3, 5, 1);
    const buckets = holdoutByFrequency(CDNOW, data, holdout, 39);
    expect(buckets).toHaveLength(HOLDOUT_BUCKET_COUNT);
    const e = (x: number, tx: number) => expectedPurchasesConditional(CDNOW, 39, x, tx, 39);
    expect(buckets[0]).toEqual({ frequency: 0, isOpenEnded: false, customerCount: 2, actualMean: 0.5, expectedMean: e(0, 0) });
    expect(buckets[1]).toMatchObject({ customerCount: 1, actualMean: 2 });
    expect(buckets[1].expectedMean).toBeCloseTo(e(1, 5), 14);
    // x = 2 with t_x > T is unusable and left out.
    expect(buckets[2].customerCount).toBe(0);
    expect(buckets[2].actualMean).toBeNaN();
    expect(buckets[7]).toMatchObject({ frequency: 7, isOpenEnded: true, customerCount: 2, actualMean: 4 });
    expect(buckets[7].expectedMean).toBeCloseTo((e(8, 30) + e(12, 35)) / 2, 14);
  });

  it('on data simulated from the model, expected tracks actual in every well-filled bucket', () => {
    const data = simulateCustomers(CDNOW, 20_000, 39, 39, 8);
    const fit = fitBgNbd(data);
    const buckets = holdoutByFrequency(fit.params, data, data.holdout, 39);
    // Sampling error of each bucket's actual mean, from the holdout counts' spread.
    const squares = new Float64Array(HOLDOUT_BUCKET_COUNT);
    data.x.forEach((x, i) => (squares[Math.min(x, HOLDOUT_BUCKET_COUNT - 1)] += data.holdout[i] ** 2));
    buckets.forEach((bucket, k) => {
      const n = bucket.customerCount;
      const standardError = Math.sqrt((squares[k] / n - bucket.actualMean ** 2) / n);
      // 4 SE: the expectation also carries the fitted parameters' own (smaller) error.
      expect(Math.abs(bucket.expectedMean - bucket.actualMean)).toBeLessThan(4 * standardError);
    });
  });
});
