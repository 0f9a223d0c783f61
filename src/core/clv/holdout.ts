// Calibration/holdout check for a BG/NBD fit: by calibration-period repeat frequency,
// the purchases the model expects in the holdout period against those that happened.
import { expectedPurchasesConditional, isUsableRow, type BgNbdParams, type RfmColumns } from './bgnbd';

/** Frequency buckets 0, 1 … 6 and "7+" (x ≥ 7), as in FHL 2005's figure 4. */
export const HOLDOUT_BUCKET_COUNT = 8;

export interface HoldoutBucket {
  /** Lowest calibration frequency x in the bucket; the last bucket holds x ≥ this. */
  frequency: number;
  isOpenEnded: boolean;
  customerCount: number;
  /** Mean holdout purchases per customer in the bucket (NaN when empty). */
  actualMean: number;
  /** Mean E[Y(holdoutLength) | x, t_x, T] per customer in the bucket (NaN when empty). */
  expectedMean: number;
}

/**
 * For each frequency bucket, the mean actual and model-expected holdout purchases.
 * holdoutPurchases[i] counts customer i's purchases in (T, T + holdoutLength], in the same
 * time unit as T. Rows that are unusable, or whose holdout count or expectation is missing
 * (NaN), are left out of every bucket.
 */
export function holdoutByFrequency(params: BgNbdParams, data: RfmColumns, holdoutPurchases: Float64Array, holdoutLength: number): HoldoutBucket[] {
  const counts = new Float64Array(HOLDOUT_BUCKET_COUNT);
  const actual = new Float64Array(HOLDOUT_BUCKET_COUNT);
  const expected = new Float64Array(HOLDOUT_BUCKET_COUNT);
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    if (!isUsableRow(x, data.tx[i], data.T[i]) || !(holdoutPurchases[i] >= 0)) continue;
    const e = expectedPurchasesConditional(params, holdoutLength, x, data.tx[i], data.T[i]);
    if (!(e >= 0)) continue;
    const bucket = Math.min(x, HOLDOUT_BUCKET_COUNT - 1);
    counts[bucket]++;
    actual[bucket] += holdoutPurchases[i];
    expected[bucket] += e;
  }
  return Array.from({ length: HOLDOUT_BUCKET_COUNT }, (_, k) => ({
    frequency: k,
    isOpenEnded: k === HOLDOUT_BUCKET_COUNT - 1,
    customerCount: counts[k],
    actualMean: counts[k] > 0 ? actual[k] / counts[k] : NaN,
    expectedMean: counts[k] > 0 ? expected[k] / counts[k] : NaN,
  }));
}
