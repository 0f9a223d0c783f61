// The one O(n) step every outcome metric shares: customers ordered by score and grouped
// into runs of tied scores. Done once per score change; AUC, ROC and gains then walk the
// runs in order instead of jumping through 1M rows each.
import { ascendingOrder } from '../stats/rank';

/** Customers with a score and a known outcome, grouped by equal score, lowest score first. */
export interface OutcomeRuns {
  /** Customers with outcome 1 in each run. */
  positives: Uint32Array;
  /** Customers with outcome 0 in each run. */
  negatives: Uint32Array;
  totalPositives: number;
  totalNegatives: number;
}

/**
 * Runs of tied scores in ascending order (the radix order of rank.ts, O(n)), counting
 * outcomes 1 and 0 in each. Missing: a NaN score or an outcome other than 0 and 1 (NaN =
 * unknown) leaves the customer out; a run left with no one is dropped.
 */
export function outcomeRuns(scores: Float64Array, outcomes: Float64Array): OutcomeRuns {
  const order = ascendingOrder(scores);
  const positives = new Uint32Array(order.length);
  const negatives = new Uint32Array(order.length);
  let runs = 0;
  let totalPositives = 0;
  let totalNegatives = 0;
  for (let k = 0; k < order.length;) {
    const value = scores[order[k]];
    let runPositives = 0;
    let runNegatives = 0;
    for (; k < order.length && scores[order[k]] === value; k++) {
      const outcome = outcomes[order[k]];
      if (outcome === 1) runPositives++;
      else if (outcome === 0) runNegatives++;
    }
    if (runPositives + runNegatives === 0) continue;
    positives[runs] = runPositives;
    negatives[runs++] = runNegatives;
    totalPositives += runPositives;
    totalNegatives += runNegatives;
  }
  return { positives: positives.slice(0, runs), negatives: negatives.slice(0, runs), totalPositives, totalNegatives };
}

/** Score tenths 0…1000: a CRS of 0.0 to 100.0 as shown, one decimal. */
const TENTHS = 1001;

/** Scored customers per one-decimal score t/10 (t = 0…1000) by outcome: 1, 0, or unknown. */
export interface TenthOutcomeCounts {
  positives: Uint32Array;
  negatives: Uint32Array;
  unknown: Uint32Array;
}

/** An outcome per customer as a byte: 0 = no, 1 = yes, 2 = unknown (the index of its count in a tenth's triple). */
export function outcomeCodes(outcomes: Float64Array): Uint8Array {
  const codes = new Uint8Array(outcomes.length);
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i];
    codes[i] = outcome === 1 ? 1 : outcome === 0 ? 0 : 2;
  }
  return codes;
}

/** One counting pass over the scores as shown (rounded to one decimal); scores must lie in 0..100 (the CRS does). O(n). */
export function tenthOutcomeCounts(scores: Float64Array, outcomes: Float64Array): TenthOutcomeCounts {
  return tenthCodeCounts(scores, outcomeCodes(outcomes));
}

/**
 * tenthOutcomeCounts over outcome codes (outcomeCodes), kept while the outcome column
 * stays: the pass a weight change costs while an outcome is chosen. One increment per
 * customer into a (tenth, outcome) triple, with no branch on the outcome: a random
 * yes/no sequence made the three-way branch mispredict on every other customer.
 */
export function tenthCodeCounts(scores: Float64Array, codes: Uint8Array): TenthOutcomeCounts {
  const triples = new Uint32Array(TENTHS * 3);
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    if (score !== score) continue;
    triples[((score * 10 + 0.5) | 0) * 3 + codes[i]]++;
  }
  const negatives = new Uint32Array(TENTHS);
  const positives = new Uint32Array(TENTHS);
  const unknown = new Uint32Array(TENTHS);
  for (let t = 0; t < TENTHS; t++) {
    negatives[t] = triples[t * 3];
    positives[t] = triples[t * 3 + 1];
    unknown[t] = triples[t * 3 + 2];
  }
  return { positives, negatives, unknown };
}

/** The runs of tenth counts: each one-decimal score with a known outcome, ascending. */
export function runsFromTenths(counts: TenthOutcomeCounts): OutcomeRuns {
  const { positives: pos, negatives: neg } = counts;
  let runs = 0;
  for (let t = 0; t < TENTHS; t++) if (pos[t] + neg[t] > 0) runs++;
  const positives = new Uint32Array(runs);
  const negatives = new Uint32Array(runs);
  let totalPositives = 0;
  let totalNegatives = 0;
  for (let t = 0, r = 0; t < TENTHS; t++) {
    if (pos[t] + neg[t] === 0) continue;
    positives[r] = pos[t];
    negatives[r++] = neg[t];
    totalPositives += pos[t];
    totalNegatives += neg[t];
  }
  return { positives, negatives, totalPositives, totalNegatives };
}

/**
 * outcomeRuns of the scores as shown (rounded to one decimal, as bands and the export take
 * them): a counting pass over the 1,001 possible values instead of a sort, O(n) with no
 * order array, so a weight change can re-validate at a million customers. Scores must lie
 * in 0..100 (the CRS does). Equal to outcomeRuns(scores rounded to tenths, outcomes).
 */
export function tenthRuns(scores: Float64Array, outcomes: Float64Array): OutcomeRuns {
  return runsFromTenths(tenthOutcomeCounts(scores, outcomes));
}
