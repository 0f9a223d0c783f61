// Scenario compare: the model saved as A against the current one (B), on the same
// customers. What changed: AUC, mean CRS, band shares, and who moved band (with a list).
import type { Analysis } from '../scoring/analysis';
import { bandCodes } from '../kpis/breakdown';
import { rowCells, type Dataset } from '../dataset/dataset';
import { BANDS, type Model } from '../model/model';
import { goodOutcome, outcomeValues } from '../validation/outcome';
import { shownAuc } from '../validation/roc';
import { identityColumns } from '../table/table';

export interface ScenarioSide {
  mean: number;
  scored: number;
  /** Customers per band, in BANDS order. */
  bandCounts: number[];
  /** AUC against the outcome of B's model (the same outcome for both), NaN without one. */
  auc: number;
}

export interface BandMove {
  row: number;
  id: string;
  name: string;
  crsA: number;
  crsB: number;
  bandA: number;
  bandB: number;
}

export interface ScenarioComparison {
  a: ScenarioSide;
  b: ScenarioSide;
  /** moves[bandA·3 + bandB]: customers scored in both, by band under A and under B. */
  moves: number[];
  /** Customers whose band differs (scored in both), and those scored under only one of the models. */
  changed: number;
  scoredInOneOnly: number;
  /** The customers who changed band, largest CRS change first, at most `limit`. */
  list: BandMove[];
}

function side(scores: Float64Array, codes: Uint8Array, good: Float64Array | null): ScenarioSide {
  const bandCounts = [0, 0, 0];
  let sum = 0;
  let scored = 0;
  for (let i = 0; i < scores.length; i++) {
    const code = codes[i];
    if (code >= BANDS.length) continue;
    bandCounts[code]++;
    sum += scores[i];
    scored++;
  }
  return { mean: scored > 0 ? sum / scored : NaN, scored, bandCounts, auc: good ? shownAuc(scores, good) : NaN };
}

/** A against B on the same dataset; the outcome (if any) is B's. O(n) plus the sort of the changed customers for the list. */
export function compareScenarios(dataset: Dataset, a: Analysis, modelA: Model, b: Analysis, modelB: Model, limit = 200): ScenarioComparison {
  const codesA = bandCodes(a.scores, modelA.bands);
  const codesB = bandCodes(b.scores, modelB.bands);
  const yes = outcomeValues(dataset, modelB.outcome.column);
  const good = yes ? goodOutcome(yes, modelB.outcome.isGood) : null;
  const moves = new Array<number>(9).fill(0);
  let changed = 0;
  let scoredInOneOnly = 0;
  const movedRows: number[] = [];
  for (let i = 0; i < codesA.length; i++) {
    const ca = codesA[i];
    const cb = codesB[i];
    const inA = ca < BANDS.length;
    const inB = cb < BANDS.length;
    if (inA !== inB) scoredInOneOnly++;
    if (!inA || !inB) continue;
    moves[ca * 3 + cb]++;
    if (ca !== cb) {
      changed++;
      movedRows.push(i);
    }
  }
  movedRows.sort((p, q) => Math.abs(b.scores[q] - a.scores[q]) - Math.abs(b.scores[p] - a.scores[p]) || p - q);
  const { id, name } = identityColumns(dataset);
  const list = movedRows.slice(0, limit).map((row): BandMove => {
    const cells = rowCells(dataset, row);
    return { row, id: cells[id] ?? '', name: name >= 0 ? (cells[name] ?? '') : '', crsA: a.scores[row], crsB: b.scores[row], bandA: codesA[row], bandB: codesB[row] };
  });
  return { a: side(a.scores, codesA, good), b: side(b.scores, codesB, good), moves, changed, scoredInOneOnly, list };
}
