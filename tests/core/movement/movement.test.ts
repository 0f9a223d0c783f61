import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchIds } from '../../../src/core/movement/match';
import { cellMask, goneRows, meanChange, movementTable } from '../../../src/core/movement/movement';

const codes = (...values: number[]) => Uint8Array.from(values);

describe('movementTable', () => {
  // Earlier: A poor, B average, C good, D good. Now: A average, B average, C poor, E good (D gone, E new).
  const match = matchIds(['A', 'B', 'C', 'E'], ['A', 'B', 'C', 'D']);
  const now = codes(1, 1, 0, 2);
  const then = codes(0, 1, 2, 2);
  const table = movementTable(match, now, then, 3, { current: Float64Array.from([10, 20, 30, 40]), previous: Float64Array.from([1, 2, 3, 4]) });
  const at = (from: number, to: number) => table.counts[from * table.size + to];

  it('counts each matched customer from their earlier band to their current one, new and gone apart', () => {
    expect(table.size).toBe(5);
    expect(at(0, 1)).toBe(1); // A: poor → average
    expect(at(1, 1)).toBe(1); // B stayed
    expect(at(2, 0)).toBe(1); // C: good → poor
    expect(at(4, 2)).toBe(1); // E new, good
    expect(at(2, 4)).toBe(1); // D gone, was good
    expect(table.counts.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('sums revenue now for customers here, and then for those gone', () => {
    expect(table.revenue?.[0 * 5 + 1]).toBe(10);
    expect(table.revenue?.[4 * 5 + 2]).toBe(40);
    expect(table.revenue?.[2 * 5 + 4]).toBe(4);
  });

  it('puts unscored customers in the "none" row and column', () => {
    const t = movementTable(matchIds(['A', 'B'], ['A', 'B']), codes(255, 0), codes(1, 255), 3, null);
    expect(t.counts[1 * 5 + 3]).toBe(1);
    expect(t.counts[3 * 5 + 0]).toBe(1);
    expect(t.revenue).toBeNull();
  });

  it('lists the customers of a cell: the current rows, or the earlier rows for gone', () => {
    expect(Array.from(cellMask(match, now, then, 3, { from: 2, to: 0 }))).toEqual([0, 0, 1, 0]);
    expect(Array.from(cellMask(match, now, then, 3, { from: 4, to: 2 }))).toEqual([0, 0, 0, 1]);
    expect(Array.from(goneRows(match, then, 3, 2))).toEqual([3]);
    expect(Array.from(goneRows(match, then, 3, null))).toEqual([3]);
  });

  it('has a total per earlier row equal to that band in the earlier file (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom(0, 1, 2, 255)), { maxLength: 60 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom(0, 1, 2, 255)), { maxLength: 60 }),
        (nowRows, thenRows) => {
          const m = matchIds(
            nowRows.map(([id]) => String(id)),
            thenRows.map(([id]) => String(id)),
          );
          const t = movementTable(m, Uint8Array.from(nowRows.map(([, c]) => c)), Uint8Array.from(thenRows.map(([, c]) => c)), 3, null);
          // Every compared row of each file is counted once: matched + new over the current file, matched + gone over the earlier.
          let currentTotal = 0;
          for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) currentTotal += t.counts[i * 5 + j] + (i === 0 ? t.counts[4 * 5 + j] : 0);
          expect(currentTotal).toBe(m.matched + m.added);
          let goneTotal = 0;
          for (let i = 0; i < 4; i++) goneTotal += t.counts[i * 5 + 4];
          expect(goneTotal).toBe(m.gone);
        },
      ),
    );
  });
});

describe('meanChange', () => {
  it('splits the change in mean CRS into factor contributions that sum to it', () => {
    const match = matchIds(['A', 'B', 'C'], ['C', 'B', 'A']);
    // Two factors, weights 3 and 1. Now: A 80/40, B 60/60, C NaN/100. Then (rows C, B, A): C 50/50, B 60/20, A 40/40.
    const current = {
      factors: [
        { factorId: 'e', weight: 3, values: Float64Array.from([80, 60, NaN]) },
        { factorId: 's', weight: 1, values: Float64Array.from([40, 60, 100]) },
      ],
      scores: Float64Array.from([(3 * 80 + 40) / 4, 60, 100]),
    };
    const previous = {
      factors: [
        { factorId: 'e', weight: 3, values: Float64Array.from([50, 60, 40]) },
        { factorId: 's', weight: 1, values: Float64Array.from([50, 20, 40]) },
      ],
      scores: Float64Array.from([50, (3 * 60 + 20) / 4, 40]),
    };
    const result = meanChange(match, current, previous);
    expect(result.customers).toBe(3);
    expect(result.change).toBeCloseTo(result.currentMean - result.previousMean, 12);
    const sum = result.byFactor.reduce((total, f) => total + f.contribution, 0) + result.rest;
    expect(sum).toBeCloseTo(result.change, 12);
    // Without rules or clamping, the factors explain all of it.
    expect(result.rest).toBeCloseTo(0, 12);
    // e: A 60 − 30 = +30, B 45 − 45 = 0, C 0 − 37.5 → mean −2.5; s: A 10 − 10, B 15 − 5, C 100 − 12.5 → mean 32.5.
    expect(result.byFactor.map((f) => [f.factorId, Number(f.contribution.toFixed(6))])).toEqual([
      ['e', -2.5],
      ['s', 32.5],
    ]);
  });

  it('puts what rules and the clamp add in the rest, so the parts still sum to the change', () => {
    const match = matchIds(['A'], ['A']);
    const factors = (value: number) => [{ factorId: 'e', weight: 1, values: Float64Array.from([value]) }];
    const result = meanChange(match, { factors: factors(90), scores: Float64Array.from([100]) }, { factors: factors(50), scores: Float64Array.from([55]) });
    expect(result.byFactor[0].contribution).toBeCloseTo(40, 12);
    expect(result.rest).toBeCloseTo(5, 12);
  });

  it('is empty, not NaN on screen, with no customer in both: customers 0', () => {
    const result = meanChange(matchIds(['A'], ['B']), { factors: [], scores: Float64Array.from([1]) }, { factors: [], scores: Float64Array.from([1]) });
    expect(result.customers).toBe(0);
  });
});
