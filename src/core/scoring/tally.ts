// Counts the scoring pass takes on the side, so a weight change needs no second pass over
// the scores: each customer's one-decimal score counted under a class byte that combines
// its outcome (no / yes / unknown) and whether its revenue is above the median. The at-risk
// tile (poor band, revenue above the median) and the AUC beside the sliders are then sums
// over 6 × 1,001 counts instead of a pass over a million scores each (8 + 4 ms at 1M).
import { bandTenths, type BandThresholds } from '../model/model';

/** One-decimal scores 0.0 … 100.0. */
export const TALLY_TENTHS = 1001;
/** Outcome code (0 no, 1 yes, 2 unknown) × 2 + revenue above the median (0 or 1). */
export const TALLY_CLASSES = 6;

/** The class byte of every customer, and the counts the scoring pass fills (TALLY_CLASSES × TALLY_TENTHS). */
export interface ScoreTally {
  classes: Uint8Array;
  counts: Uint32Array;
}

/**
 * Each customer's class: outcome code × 2 + (revenue > median). Without an outcome column
 * every outcome is unknown; without revenue (or a median), no one is above it.
 */
export function tallyClasses(outcomeCodes: Uint8Array | null, revenue: Float64Array | null, revenueMedian: number, n: number): Uint8Array {
  const classes = new Uint8Array(n);
  const hasRevenue = revenue !== null && revenueMedian === revenueMedian;
  for (let i = 0; i < n; i++) {
    const outcome = outcomeCodes === null ? 2 : outcomeCodes[i];
    // NaN revenue compares false: not above the median, as atRiskCount takes it.
    classes[i] = outcome * 2 + (hasRevenue && revenue[i] > revenueMedian ? 1 : 0);
  }
  return classes;
}

export function emptyTally(classes: Uint8Array): ScoreTally {
  return { classes, counts: new Uint32Array(TALLY_CLASSES * TALLY_TENTHS) };
}

/** Customers in the poor band (the score shown below averageFrom) whose revenue is above the median: atRiskCount from the counts. */
export function atRiskFromTally(counts: Uint32Array, bands: BandThresholds): number {
  const { averageFrom } = bandTenths(bands);
  let count = 0;
  for (let outcome = 0; outcome < 3; outcome++) {
    const base = (outcome * 2 + 1) * TALLY_TENTHS;
    for (let t = 0; t < averageFrom && t < TALLY_TENTHS; t++) count += counts[base + t];
  }
  return count;
}

/** Scored customers per one-decimal score by outcome: tenthCodeCounts from the counts. */
export function outcomeCountsFromTally(counts: Uint32Array): { negatives: Uint32Array; positives: Uint32Array; unknown: Uint32Array } {
  const of = (outcome: number) => {
    const out = new Uint32Array(TALLY_TENTHS);
    const below = outcome * 2 * TALLY_TENTHS;
    const above = below + TALLY_TENTHS;
    for (let t = 0; t < TALLY_TENTHS; t++) out[t] = counts[below + t] + counts[above + t];
    return out;
  };
  return { negatives: of(0), positives: of(1), unknown: of(2) };
}
