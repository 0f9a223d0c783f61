// The holdout check as chart rows and as words: the chart's bars and its text alternative
// come from the same list, so what a screen reader hears is what is drawn.
import type { HoldoutBucket } from '../../core/clv/holdout';
import { formatCount } from '../../core/display/format';

export interface HoldoutChartRow {
  /** "0" … "6", "7+": repeat purchases in the calibration period. */
  label: string;
  customerCount: number;
  actual: number;
  predicted: number;
}

/** A bucket's name on the axis and in words: the open-ended last bucket reads "7+". */
export function holdoutBucketLabel(bucket: HoldoutBucket): string {
  return bucket.isOpenEnded ? `${bucket.frequency}+` : String(bucket.frequency);
}

/** A bucket holds something to draw only with customers in it: an empty one has NaN means. */
function isDrawn(bucket: HoldoutBucket): boolean {
  return bucket.customerCount > 0 && Number.isFinite(bucket.actualMean) && Number.isFinite(bucket.expectedMean);
}

/** One row per bucket with customers; empty buckets are left out rather than drawn as 0. */
export function holdoutChartRows(buckets: readonly HoldoutBucket[]): HoldoutChartRow[] {
  return buckets.filter(isDrawn).map((bucket) => ({ label: holdoutBucketLabel(bucket), customerCount: bucket.customerCount, actual: bucket.actualMean, predicted: bucket.expectedMean }));
}

/** A mean number of purchases with two decimals, as in the table; a dash when missing. */
export function formatMeanPurchases(value: number, locale?: string): string {
  return Number.isFinite(value) ? new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value) : '–';
}

/**
 * "0 repeat purchases (1,411 customers): actual 0.24, predicted 0.23; …", then which
 * buckets had no customers, so the gap in the chart is explained in words too.
 */
export function holdoutSummary(buckets: readonly HoldoutBucket[], locale?: string): string {
  const drawn = holdoutChartRows(buckets)
    .map(
      (row) => `${row.label} repeat purchases (${formatCount(row.customerCount, locale)} customers): actual ${formatMeanPurchases(row.actual, locale)}, predicted ${formatMeanPurchases(row.predicted, locale)}`,
    )
    .join('; ');
  const empty = buckets.filter((bucket) => !isDrawn(bucket)).map(holdoutBucketLabel);
  return `${drawn}.${empty.length > 0 ? ` No customers with ${empty.join(', ')} repeat purchases.` : ''}`;
}
