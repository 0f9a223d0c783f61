// How well a score ranks customers against a yes/no outcome: AUC and the ROC curve. Each
// takes the scores, or the OutcomeRuns already built for this score change (one sort for all).
import { outcomeRuns, tenthRuns, type OutcomeRuns } from './runs';

/**
 * AUC = U / (n₊·n₋), Mann–Whitney U: over every (positive, negative) pair, 1 when the
 * positive scores higher, ½ on a tie, 0 otherwise — the probability that a random
 * customer with outcome 1 outscores a random one with outcome 0. Swapping the direction
 * of the score (or the meaning of the outcome) gives 1 − AUC.
 *
 * Missing: rows whose score is NaN or whose outcome is not 0 or 1 (NaN = unknown) are
 * left out. NaN when no positive or no negative remains. O(n).
 */
export function auc(scores: Float64Array, outcomes: Float64Array): number {
  return aucFromRuns(outcomeRuns(scores, outcomes));
}

/**
 * The AUC of a CRS as the app shows it (one decimal, as bands take it): the figure every
 * panel reports (validation, suggested weights, scenarios, sensitivity), so they agree. O(n)
 * by counting, no sort. Scores must lie in 0..100.
 */
export function shownAuc(scores: Float64Array, outcomes: Float64Array): number {
  return aucFromRuns(tenthRuns(scores, outcomes));
}

/**
 * auc() over runs of tied scores: each run adds p·(2·(negatives in lower runs) + q) to 2U,
 * with p positives and q negatives in the run. Exact: 2U is a whole number below 2^53
 * for n < ~10^8, so the result is one correctly rounded division.
 */
export function aucFromRuns(runs: OutcomeRuns): number {
  const { positives, negatives } = runs;
  let negativesBelow = 0;
  let twiceU = 0;
  for (let r = 0; r < positives.length; r++) {
    twiceU += positives[r] * (2 * negativesBelow + negatives[r]);
    negativesBelow += negatives[r];
  }
  return aucOf(twiceU, runs);
}

function aucOf(twiceU: number, runs: OutcomeRuns): number {
  const { totalPositives, totalNegatives } = runs;
  return totalPositives === 0 || totalNegatives === 0 ? NaN : twiceU / (2 * totalPositives * totalNegatives);
}

export interface RocCurve {
  /** False-positive rate (share of negatives at or above the threshold), 0 → 1. */
  fpr: Float64Array;
  /** True-positive rate (share of positives at or above the threshold), 0 → 1. */
  tpr: Float64Array;
  /** Same value as auc(scores, outcomes). */
  auc: number;
}

/**
 * The ROC curve: one point per distinct score taken as the threshold, from the highest
 * down, after (0, 0) and ending at (1, 1); tied scores make one diagonal step. Same
 * missing-value rule as auc(); empty arrays and NaN AUC when no positive or no negative.
 *
 * For drawing, at most maxPoints are kept (a curve that has no more is kept whole),
 * spread evenly along the curve: every ROC path from (0, 0) to (1, 1) only moves right
 * or up, so fpr + tpr runs from 0 to 2 like an arc length; a point is kept when it is the
 * first to reach the next of maxPoints evenly spaced marks. Both ends are always kept,
 * and with an odd maxPoints (the default 101) the corner of a perfect score, at
 * fpr + tpr = 1, lies exactly on a mark. Pass Infinity for the full curve. O(n).
 */
export function rocCurve(scores: Float64Array, outcomes: Float64Array, maxPoints = 101): RocCurve {
  return rocCurveFromRuns(outcomeRuns(scores, outcomes), maxPoints);
}

/** rocCurve() over runs of tied scores, walked from the highest. */
export function rocCurveFromRuns(runs: OutcomeRuns, maxPoints = 101): RocCurve {
  if (!(maxPoints >= 2)) throw new RangeError(`A ROC curve needs at least 2 points; asked for ${maxPoints}.`);
  const { positives, negatives, totalPositives, totalNegatives } = runs;
  if (totalPositives === 0 || totalNegatives === 0) return { fpr: new Float64Array(0), tpr: new Float64Array(0), auc: NaN };
  // A point per run, plus (0, 0).
  const isFull = positives.length + 1 <= maxPoints;
  const capacity = isFull ? positives.length + 1 : maxPoints;
  const fpr = new Float64Array(capacity);
  const tpr = new Float64Array(capacity);
  let count = 1; // (0, 0)
  // Marks in units of the spacing 2 / (maxPoints − 1), so (1, 1) sits on the whole number maxPoints − 1.
  const marksPerUnit = isFull ? 0 : (maxPoints - 1) / 2;
  let nextMark = 1;
  let truePositives = 0;
  let falsePositives = 0;
  let twiceU = 0;
  for (let r = positives.length - 1; r >= 0; r--) {
    // The run's positives beat the negatives of every lower run and tie with its own.
    const negativesBelow = totalNegatives - falsePositives - negatives[r];
    twiceU += positives[r] * (2 * negativesBelow + negatives[r]);
    truePositives += positives[r];
    falsePositives += negatives[r];
    const x = falsePositives / totalNegatives;
    const y = truePositives / totalPositives;
    const position = (x + y) * marksPerUnit;
    if (isFull || position >= nextMark) {
      fpr[count] = x;
      tpr[count++] = y;
      nextMark = Math.floor(position) + 1;
    }
  }
  // (1, 1) is the last point; guard against rounding having placed a point just before
  // it on the last mark (then (1, 1) replaces that point, keeping the count ≤ maxPoints).
  if (fpr[count - 1] !== 1 || tpr[count - 1] !== 1) {
    if (count === capacity) count--;
    fpr[count] = 1;
    tpr[count++] = 1;
  }
  return { fpr: fpr.slice(0, count), tpr: tpr.slice(0, count), auc: aucOf(twiceU, runs) };
}
