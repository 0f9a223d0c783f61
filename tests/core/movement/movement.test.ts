import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchIds } from '../../../src/core/movement/match';
import { cellMask, goneRows, movementOf, type FactorColumn, type Snapshot } from '../../../src/core/movement/movement';
import { idCellsOfTexts } from '../../../src/core/csv/idCells';

/** The matching of two files whose id cells read as these texts. */
const matchTexts = (current: readonly string[], previous: readonly string[]) => matchIds(idCellsOfTexts(current), idCellsOfTexts(previous));

const BANDS = { averageFrom: 40, goodFrom: 70 };
/** A score in each band, and none. */
const SCORE = { poor: 20, average: 50, good: 80, none: NaN } as const;
type Band = keyof typeof SCORE;

function snapshot(bands: Band[], options: { groups?: number[]; revenue?: number[]; factors?: FactorColumn[] } = {}): Snapshot {
  return {
    scores: Float64Array.from(bands.map((band) => SCORE[band])),
    groups: Uint8Array.from(options.groups ?? bands.map(() => 0)),
    factors: options.factors ?? [],
    revenue: options.revenue ? Float64Array.from(options.revenue) : null,
  };
}

describe('movementOf: the movement tables', () => {
  // Earlier: A poor, B average, C good, D good. Now: A average, B average, C poor, E good (D gone, E new).
  const match = matchTexts(['A', 'B', 'C', 'E'], ['A', 'B', 'C', 'D']);
  const moved = movementOf(
    match,
    snapshot(['average', 'average', 'poor', 'good'], { groups: [0, 1, 2, 3], revenue: [10, 20, 30, 40] }),
    snapshot(['poor', 'average', 'good', 'good'], { groups: [3, 1, 2, 255], revenue: [1, 2, 3, 4] }),
    BANDS,
    4,
  );
  const at = (from: number, to: number) => moved.bands.counts[from * moved.bands.size + to];

  it('counts each matched customer from their earlier band to their current one, new and gone apart', () => {
    expect(moved.bands.size).toBe(5);
    expect(at(0, 1)).toBe(1); // A: poor → average
    expect(at(1, 1)).toBe(1); // B stayed
    expect(at(2, 0)).toBe(1); // C: good → poor
    expect(at(4, 2)).toBe(1); // E new, good
    expect(at(2, 4)).toBe(1); // D gone, was good
    expect(moved.bands.counts.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('counts groups the same way, a customer in no group in the "none" row', () => {
    const g = (from: number, to: number) => moved.groups.counts[from * moved.groups.size + to];
    expect(moved.groups.size).toBe(6);
    expect(g(3, 0)).toBe(1); // A: group 3 → 0
    expect(g(5, 3)).toBe(1); // E new
    expect(g(4, 5)).toBe(1); // D gone, in no group then
  });

  it('sums revenue now for customers here, and then for those gone', () => {
    expect(moved.bands.revenue?.[0 * 5 + 1]).toBe(10);
    expect(moved.bands.revenue?.[4 * 5 + 2]).toBe(40);
    expect(moved.bands.revenue?.[2 * 5 + 4]).toBe(4);
  });

  it('puts unscored customers in the "none" row and column; no revenue column, no revenue', () => {
    const t = movementOf(matchTexts(['A', 'B'], ['A', 'B']), snapshot(['none', 'poor']), snapshot(['average', 'none']), BANDS, 4);
    expect(t.bands.counts[1 * 5 + 3]).toBe(1);
    expect(t.bands.counts[3 * 5 + 0]).toBe(1);
    expect(t.bands.revenue).toBeNull();
  });

  it('lists the customers of a cell: the current rows, or the earlier rows for gone', () => {
    const now = Uint8Array.from([1, 1, 0, 2]);
    const then = Uint8Array.from([0, 1, 2, 2]);
    expect(Array.from(cellMask(match, now, then, 3, { from: 2, to: 0 }))).toEqual([0, 0, 1, 0]);
    expect(Array.from(cellMask(match, now, then, 3, { from: 4, to: 2 }))).toEqual([0, 0, 0, 1]);
    expect(Array.from(goneRows(match, then, 3, 2))).toEqual([3]);
    expect(Array.from(goneRows(match, then, 3, null))).toEqual([3]);
  });

  it('counts every compared row of each file once: matched and new over the current, matched and gone over the earlier (property)', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom<Band>('poor', 'average', 'good', 'none')), { maxLength: 60 });
    fc.assert(
      fc.property(rows, rows, (nowRows, thenRows) => {
        const m = matchTexts(
          nowRows.map(([id]) => String(id)),
          thenRows.map(([id]) => String(id)),
        );
        const t = movementOf(m, snapshot(nowRows.map(([, band]) => band)), snapshot(thenRows.map(([, band]) => band)), BANDS, 4).bands;
        let here = 0;
        let gone = 0;
        for (let i = 0; i < 5; i++) {
          for (let j = 0; j < 4; j++) here += t.counts[i * 5 + j];
          gone += t.counts[i * 5 + 4];
        }
        expect(here).toBe(m.matched + m.added);
        expect(gone).toBe(m.gone);
      }),
    );
  });
});

describe('movementOf: what moved the mean', () => {
  const factor = (factorId: string, weight: number, values: number[]): FactorColumn => ({ factorId, weight, values: Float64Array.from(values) });
  const scored = (scores: number[], factors: FactorColumn[]): Snapshot => ({ scores: Float64Array.from(scores), groups: new Uint8Array(scores.length), factors, revenue: null });

  it('splits the change in mean CRS into factor contributions that sum to it', () => {
    const match = matchTexts(['A', 'B', 'C'], ['C', 'B', 'A']);
    // Two factors, weights 3 and 1. Now: A 80/40, B 60/60, C NaN/100. Then (rows C, B, A): C 50/50, B 60/20, A 40/40.
    const now = scored([(3 * 80 + 40) / 4, 60, 100], [factor('e', 3, [80, 60, NaN]), factor('s', 1, [40, 60, 100])]);
    const then = scored([50, (3 * 60 + 20) / 4, 40], [factor('e', 3, [50, 60, 40]), factor('s', 1, [50, 20, 40])]);
    const { mean } = movementOf(match, now, then, BANDS, 4);
    expect(mean.customers).toBe(3);
    const sum = mean.byFactor.reduce((total, f) => total + f.contribution, 0) + mean.rest;
    expect(sum).toBeCloseTo(mean.change, 12);
    // Without rules or clamping, the factors explain all of it.
    expect(mean.rest).toBeCloseTo(0, 12);
    // e: A 60 − 30 = +30, B 45 − 45 = 0, C 0 − 37.5 → mean −2.5; s: A 10 − 10, B 15 − 5, C 100 − 12.5 → mean 32.5.
    expect(mean.byFactor.map((f) => [f.factorId, Number(f.contribution.toFixed(6))])).toEqual([
      ['e', -2.5],
      ['s', 32.5],
    ]);
  });

  it('puts what rules and the clamp add in the rest, and a factor the current model dropped too', () => {
    const match = matchTexts(['A'], ['A']);
    const result = movementOf(match, scored([100], [factor('e', 1, [90])]), scored([55], [factor('e', 1, [50])]), BANDS, 4).mean;
    expect(result.byFactor[0].contribution).toBeCloseTo(40, 12);
    expect(result.rest).toBeCloseTo(5, 12);
    const dropped = movementOf(match, scored([90], [factor('e', 1, [90])]), scored([50], [factor('e', 1, [50]), factor('old', 1, [50])]), BANDS, 4).mean;
    expect(dropped.byFactor[0].contribution + dropped.rest).toBeCloseTo(dropped.change, 12);
  });

  it('has no customers, and no NaN to show, with nobody in both files', () => {
    const result = movementOf(matchTexts(['A'], ['B']), scored([1], []), scored([1], []), BANDS, 4).mean;
    expect(result.customers).toBe(0);
  });
});
