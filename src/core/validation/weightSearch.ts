// "Suggest weights": the weights (and directions) under which the CRS itself — Σ wᵢxᵢ / Σ wᵢ
// over the factors present, plus rule points, clamped to 0–100 and rounded to one decimal,
// as the app shows it — ranks a yes/no outcome best on customers the search did not see.
//
// Why a search and not a model: a logistic fit makes the outcome most likely on average,
// which is not the same as ranking it best with non-negative weights on a rounded,
// re-weighted-when-missing score. On Telco the fit reached 0.832 held out while its weights
// gave the CRS 0.772, below the 0.784 of the weights it replaced. So the fit is only a
// starting point; the search climbs the shown score's AUC, which the counting AUC over its
// 1,001 values makes cheap to evaluate (one pass, no sort).
import { largestRemainder } from './suggest';
import { aucFromRuns } from './roc';

export interface WeightSearchInput {
  /** Per factor, its 0..100 points as scored now (direction applied), NaN = missing. */
  factors: readonly Float64Array[];
  /** The current weights, one per factor. */
  weights: readonly number[];
  /** Per factor, whether "higher is worse" may be switched: the points become exactly 100 − x. */
  canFlip: readonly boolean[];
  /** Rule points added to each customer's weighted mean, or null. */
  extra: Float64Array | null;
  /** 1 = the good outcome, 0 = the bad one, NaN = unknown. */
  good: Float64Array;
  /** Other weights to start a climb from (e.g. a logistic fit's), one per factor. */
  starts?: readonly (readonly number[])[];
  folds?: number;
  /** Training rows a climb reads at most (evenly spread); held-out folds are scored whole. */
  maxSearchRows?: number;
  /**
   * Per factor scored by points per category: its codes (one per customer; a code ≥ count is
   * missing) and how many categories there are; null for other factors. The search may then
   * also try points fitted to the outcome (fittedCategoryPoints) in place of the user's.
   */
  categories?: readonly ({ codes: Uint16Array; count: number } | null)[];
}

export interface HeldOut {
  /** Mean of the fold AUCs that are defined; NaN when none is. */
  mean: number;
  /** AUC on each held-out fold; NaN for a fold with no good or no bad outcome. */
  folds: number[];
}

export interface WeightSearchResult {
  /** The suggestion: whole numbers 0..100 summing to 100, one per factor. */
  weights: number[];
  /** Per factor, whether the suggestion switches its direction. */
  flipped: boolean[];
  /** Per factor, the points per category code the suggestion fits to the outcome, or null to keep the factor's own. */
  categoryPoints: (number[] | null)[];
  /** AUC of the shown CRS on every customer with a known outcome: now, and with the suggestion. */
  currentAuc: number;
  suggestedAuc: number;
  /** Held-out AUC of the current weights, and of the search (fitted on the other folds each time). */
  currentHeldOut: HeldOut;
  suggestedHeldOut: HeldOut;
  /** The suggestion ranks held-out customers better than the current weights, and all customers better too. */
  improves: boolean;
  /** Customers with a known outcome and a score. */
  rowCount: number;
}

/** Weight values a climb tries for one factor (the others held): 0 drops it, 100 against the rest's sum. */
const STEPS = [0, 5, 10, 15, 20, 30, 40, 50, 65, 80, 100];
const MAX_ROUNDS = 4;
export const SEARCH_FOLDS = 5;
export const MAX_SEARCH_ROWS = 20000;

/** The rows a search reads, copied row-major so one try is one pass over contiguous memory. */
interface Rows {
  k: number;
  n: number;
  /** n × k points, direction as scored now; 0 where missing (presence says so). */
  values: Float64Array;
  presence: Uint32Array;
  extra: Float64Array | null;
  good: Uint8Array;
}

function gather(input: Pick<WeightSearchInput, 'factors' | 'extra' | 'good'>, rows: ArrayLike<number>): Rows {
  const k = input.factors.length;
  const n = rows.length;
  const values = new Float64Array(n * k);
  const presence = new Uint32Array(n);
  const good = new Uint8Array(n);
  const extra = input.extra ? new Float64Array(n) : null;
  for (let r = 0; r < n; r++) {
    const i = rows[r];
    let mask = 0;
    for (let f = 0; f < k; f++) {
      const v = input.factors[f][i];
      if (v === v) {
        values[r * k + f] = v;
        mask |= 1 << f;
      }
    }
    presence[r] = mask;
    good[r] = input.good[i];
    if (extra && input.extra) extra[r] = input.extra[i];
  }
  return { k, n, values, presence, extra, good };
}

const TENTHS = 1001;

/**
 * AUC of the shown CRS (one decimal) under these weights and directions, good outcome
 * against bad: counted into the 1,001 score values, then Mann–Whitney over the runs, ties
 * counting ½ — the same figure shownAuc gives for scores the app computed. Rows whose
 * weighted factors are all missing have no score and are left out. Scratch: 2 × 1,001 counts.
 */
export function rowsAuc(rows: Rows, weights: readonly number[], flipped: readonly boolean[], scratch: Uint32Array = new Uint32Array(2 * TENTHS)): number {
  const { k, n, values, presence, extra, good } = rows;
  scratch.fill(0);
  let goods = 0;
  let scored = 0;
  for (let r = 0; r < n; r++) {
    const mask = presence[r];
    let weighted = 0;
    let sum = 0;
    for (let f = 0; f < k; f++) {
      if ((mask & (1 << f)) === 0) continue;
      const w = weights[f];
      if (w <= 0) continue;
      const v = values[r * k + f];
      weighted += w * (flipped[f] ? 100 - v : v);
      sum += w;
    }
    if (sum === 0) continue;
    let score = weighted / sum;
    if (extra !== null) score += extra[r];
    score = score > 100 ? 100 : score < 0 ? 0 : score;
    scratch[good[r] * TENTHS + ((score * 10 + 0.5) | 0)]++;
    goods += good[r];
    scored++;
  }
  // The 1,001 counts are runs already (a value nobody has adds nothing): the app's own AUC walks them.
  return aucFromRuns({ positives: scratch.subarray(TENTHS), negatives: scratch.subarray(0, TENTHS), totalPositives: goods, totalNegatives: scored - goods });
}

interface Point {
  weights: number[];
  flipped: boolean[];
  auc: number;
}

/**
 * The search's columns: the factors, then for each categorical factor a second column with
 * points fitted to the outcome (fittedCategoryPoints). `partner` pairs them: a factor and its
 * fitted twin never both carry weight, so taking the twin replaces the user's points.
 */
interface Problem {
  factors: Float64Array[];
  weights: number[];
  canFlip: boolean[];
  partner: number[];
  starts: number[][];
  /** Per twin column (by index − input factors), its points by code. */
  fitted: number[][];
}

/**
 * Points per category from the good-outcome rate of each (Laplace-smoothed, (good + 1) /
 * (n + 2), so a category seen twice does not jump to 0 or 100), scaled so the worst category
 * gets 0 and the best 100, rounded to whole points as the points editor shows them. Null when
 * fewer than two categories are seen among `rows`.
 */
export function fittedCategoryPoints(codes: Uint16Array, count: number, good: Float64Array, rows: ArrayLike<number>): number[] | null {
  const goods = new Float64Array(count);
  const totals = new Float64Array(count);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const code = codes[i];
    if (code >= count) continue;
    totals[code]++;
    goods[code] += good[i];
  }
  const rates = Array.from(totals, (n, c) => (n > 0 ? (goods[c] + 1) / (n + 2) : NaN));
  const seen = rates.filter((rate) => !Number.isNaN(rate));
  if (seen.length < 2) return null;
  const low = Math.min(...seen);
  const high = Math.max(...seen);
  return rates.map((rate) => (Number.isNaN(rate) ? NaN : high > low ? Math.round(((rate - low) / (high - low)) * 100) : 50));
}

function problemFor(input: WeightSearchInput, rows: ArrayLike<number>): Problem {
  const k = input.factors.length;
  const problem: Problem = {
    factors: [...input.factors],
    weights: [...input.weights],
    canFlip: [...input.canFlip],
    partner: new Array<number>(k).fill(-1),
    starts: (input.starts ?? []).map((start) => [...start]),
    fitted: [],
  };
  input.categories?.forEach((category, f) => {
    if (!category) return;
    const points = fittedCategoryPoints(category.codes, category.count, input.good, rows);
    if (!points) return;
    const twin = problem.factors.length;
    problem.factors.push(Float64Array.from(category.codes, (code) => (code < points.length ? points[code] : NaN)));
    problem.weights.push(0);
    problem.canFlip.push(false);
    problem.partner[f] = twin;
    problem.partner.push(f);
    for (const start of problem.starts) start.push(0);
    problem.fitted.push(points);
  });
  return problem;
}

/** The weights with `index` set to `weight`; a positive weight takes its partner's to 0. */
function withWeight(weights: readonly number[], partner: readonly number[], index: number, weight: number): number[] {
  return weights.map((w, g) => (g === index ? weight : weight > 0 && g === partner[index] ? 0 : w));
}

/**
 * Coordinate ascent from a start: for each column in turn, every step weight with either
 * direction it may take, the others held (a fitted twin taking weight takes its factor's
 * away); a move is kept when it raises the AUC. Rounds until one changes nothing (at most
 * MAX_ROUNDS). At least one weight stays above 0. Only the first `columns` columns move.
 */
function climb(rows: Rows, start: Point, problem: Problem, scratch: Uint32Array, columns = rows.k): Point {
  let best = { ...start, weights: [...start.weights], flipped: [...start.flipped] };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let moved = false;
    for (let f = 0; f < columns; f++) {
      for (const flip of problem.canFlip[f] ? [false, true] : [false]) {
        for (const step of STEPS) {
          const flipped = best.flipped[f] !== flip;
          if (step === best.weights[f] && !flipped) continue;
          const weights = withWeight(best.weights, problem.partner, f, step);
          if (!weights.some((w) => w > 0)) continue;
          const directions = best.flipped.map((d, g) => (g === f ? d !== flip : d));
          const auc = rowsAuc(rows, weights, directions, scratch);
          if (auc > best.auc + 1e-12) {
            best = { weights, flipped: directions, auc };
            moved = true;
          }
        }
      }
    }
    if (!moved) break;
  }
  return best;
}

/** Whole numbers summing to 100 in the same proportions. */
function toHundred(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + Math.max(0, w), 0);
  return total > 0
    ? largestRemainder(
        weights.map((w) => (Math.max(0, w) / total) * 100),
        100,
      )
    : weights.map(() => 0);
}

/**
 * Whole weights summing to 100, climbed once more: moves of 1, 2 or 5 points from one
 * column to another (never onto a column whose partner carries weight), kept when they
 * raise the AUC. Scaling the climb's weights to 100 can lose a little to rounding; this
 * wins it back without leaving the sliders' scale.
 */
function polishToHundred(rows: Rows, point: Point, partner: readonly number[], scratch: Uint32Array): Point {
  const weights = toHundred(point.weights);
  let best = { weights, flipped: point.flipped, auc: rowsAuc(rows, weights, point.flipped, scratch) };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let moved = false;
    for (let from = 0; from < rows.k; from++) {
      for (let to = 0; to < rows.k; to++) {
        if (from === to || (partner[to] >= 0 && best.weights[partner[to]] > 0)) continue;
        for (const d of [1, 2, 5]) {
          if (best.weights[from] < d) continue;
          const weights = best.weights.map((w, f) => (f === from ? w - d : f === to ? w + d : w));
          const auc = rowsAuc(rows, weights, best.flipped, scratch);
          if (auc > best.auc + 1e-12) {
            best = { weights, flipped: best.flipped, auc };
            moved = true;
          }
        }
      }
    }
    if (!moved) break;
  }
  return best;
}

/**
 * The best climb over the starts on these rows, as whole weights summing to 100. The climbs
 * first move the factors only (the fitted twins held at 0); then one more climb from the
 * best of them may also take fitted category points, so fitting can only add to what the
 * weights alone reach on these rows.
 */
function search(rows: Rows, problem: Problem, scratch: Uint32Array): Point {
  const k = rows.k;
  const factorsOnly = problem.factors.length - problem.fitted.length;
  const unflipped = new Array<boolean>(k).fill(false);
  const starts = [problem.weights, ...problem.starts, problem.weights.map((_, f) => (f >= factorsOnly ? 0 : 25))];
  let best: Point | null = null;
  for (const start of starts) {
    const weights = start.map((w) => Math.max(0, Math.round(w)));
    if (!weights.some((w) => w > 0)) continue;
    const climbed = climb(rows, { weights, flipped: unflipped, auc: rowsAuc(rows, weights, unflipped, scratch) }, problem, scratch, factorsOnly);
    if (best === null || climbed.auc > best.auc || (Number.isNaN(best.auc) && !Number.isNaN(climbed.auc))) best = climbed;
  }
  if (best === null) return { weights: toHundred(problem.weights), flipped: unflipped, auc: NaN };
  const weightsOnly = polishToHundred(rows, best, problem.partner, scratch);
  if (problem.fitted.length === 0) return weightsOnly;
  const withFitted = polishToHundred(rows, climb(rows, best, problem, scratch), problem.partner, scratch);
  return withFitted.auc > weightsOnly.auc ? withFitted : weightsOnly;
}

/** Every step-th row of `rows` so that at most `max` remain, spread over the whole file. */
function spread(rows: Uint32Array, max: number): ArrayLike<number> {
  if (rows.length <= max) return rows;
  const step = rows.length / max;
  return Uint32Array.from({ length: max }, (_, j) => rows[Math.floor(j * step)]);
}

function meanOfDefined(values: number[]): number {
  const defined = values.filter((v) => !Number.isNaN(v));
  return defined.length === 0 ? NaN : defined.reduce((a, b) => a + b, 0) / defined.length;
}

/**
 * The search, judged as it will be used: the rows with a known outcome and a score are
 * dealt into folds (the r-th to fold r mod k: no seed, and a file sorted by date or outcome
 * still gives each fold a slice of all of it); for each fold the search — category points
 * fitted included — runs on the other folds only, and its weights are scored on the fold;
 * the current weights are scored on the same folds. The suggestion itself is the search on
 * every row. It improves only if it wins held out and ranks all customers better too.
 */
export function searchWeights(input: WeightSearchInput): WeightSearchResult {
  const k = input.factors.length;
  const folds = input.folds ?? SEARCH_FOLDS;
  const maxRows = input.maxSearchRows ?? MAX_SEARCH_ROWS;
  const n = input.good.length;
  const usableList: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = input.good[i];
    if (g !== 0 && g !== 1) continue;
    if (input.factors.some((values) => values[i] === values[i])) usableList.push(i);
  }
  const usable = Uint32Array.from(usableList);
  const scratch = new Uint32Array(2 * TENTHS);
  const unflipped = (length: number) => new Array<boolean>(length).fill(false);
  const currentFolds: number[] = [];
  const suggestedFolds: number[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const training: number[] = [];
    const heldOut: number[] = [];
    for (let r = 0; r < usable.length; r++) (r % folds === fold ? heldOut : training).push(usable[r]);
    const trainingRows = spread(Uint32Array.from(training), maxRows);
    const problem = problemFor(input, trainingRows);
    const found = search(gather({ ...input, factors: problem.factors }, trainingRows), problem, scratch);
    const test = gather({ ...input, factors: problem.factors }, Uint32Array.from(heldOut));
    currentFolds.push(rowsAuc(test, problem.weights, unflipped(problem.factors.length), scratch));
    suggestedFolds.push(rowsAuc(test, found.weights, found.flipped, scratch));
  }
  const searchRows = usable.length > maxRows ? spread(usable, maxRows) : usable;
  const problem = problemFor(input, searchRows);
  const all = gather({ ...input, factors: problem.factors }, usable);
  const found = search(usable.length > maxRows ? gather({ ...input, factors: problem.factors }, searchRows) : all, problem, scratch);
  const currentAuc = rowsAuc(all, problem.weights, unflipped(problem.factors.length), scratch);
  const suggestedAuc = rowsAuc(all, found.weights, found.flipped, scratch);
  const currentHeldOut = { mean: meanOfDefined(currentFolds), folds: currentFolds };
  const suggestedHeldOut = { mean: meanOfDefined(suggestedFolds), folds: suggestedFolds };
  // Back to one weight per factor: a factor whose fitted twin carries the weight takes it, with the fitted points.
  const weights = input.factors.map((_, f) => found.weights[f] + (problem.partner[f] >= 0 ? found.weights[problem.partner[f]] : 0));
  const categoryPoints = input.factors.map((_, f) => (problem.partner[f] >= 0 && found.weights[problem.partner[f]] > 0 ? problem.fitted[problem.partner[f] - k] : null));
  return {
    weights,
    flipped: found.flipped.slice(0, k),
    categoryPoints,
    currentAuc,
    suggestedAuc,
    currentHeldOut,
    suggestedHeldOut,
    improves: suggestedHeldOut.mean > currentHeldOut.mean && suggestedAuc > currentAuc,
    rowCount: usable.length,
  };
}
