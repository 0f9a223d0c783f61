// Outcome rate per segment (band or relationship group): the table that shows whether
// the churn, renewal or win rate really moves with the CRS segments.

export interface OutcomeRates {
  /** Customers with the segment code. */
  count: number[];
  /** Of those, customers whose outcome is known (0 or 1). */
  known: number[];
  /** Of those, customers with outcome 1. */
  positives: number[];
  /** positives / known; NaN where no outcome is known. */
  rate: number[];
}

/**
 * Per segment s in 0..segments−1: count of codes[i] = s, known outcomes among them,
 * positives (outcome 1) and rate = positives / known. Codes ≥ segments (NO_GROUP, an
 * unscored customer) are ignored; outcomes other than 0 and 1 (NaN) are unknown: counted
 * in `count` but not in `known`. O(n).
 */
export function outcomeRates(codes: Uint8Array, outcomes: Float64Array, segments: number): OutcomeRates {
  const count = new Float64Array(segments);
  const known = new Float64Array(segments);
  const positives = new Float64Array(segments);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code >= segments) continue;
    count[code]++;
    const outcome = outcomes[i];
    if (outcome === 0 || outcome === 1) known[code]++;
    if (outcome === 1) positives[code]++;
  }
  const rate = Array.from(known, (k, s) => (k === 0 ? NaN : positives[s] / k));
  return { count: Array.from(count), known: Array.from(known), positives: Array.from(positives), rate };
}
