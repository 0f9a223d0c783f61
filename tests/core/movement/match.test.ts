import { describe, expect, it } from 'vitest';
import { idColumnOf, matchIds, MATCHED, UNCOMPARED, UNMATCHED } from '../../../src/core/movement/match';
import { idCellsOfTexts } from '../../../src/core/csv/idCells';

/** The matching of two files whose id cells read as these texts. */
const matchTexts = (current: readonly string[], previous: readonly string[]) => matchIds(idCellsOfTexts(current), idCellsOfTexts(previous));

describe('matchIds', () => {
  it('pairs customers by id text, whatever their order, and counts the new and the gone', () => {
    const match = matchTexts(['C3', 'C1', 'C9'], ['C1', 'C2', 'C3']);
    expect(Array.from(match.previousOf)).toEqual([2, 0, -1]);
    expect(Array.from(match.currentStatus)).toEqual([MATCHED, MATCHED, UNMATCHED]);
    expect(Array.from(match.previousStatus)).toEqual([MATCHED, UNMATCHED, MATCHED]);
    expect([match.matched, match.added, match.gone]).toEqual([2, 1, 1]);
  });

  it('keeps ids with leading zeros as text: 007 is not 7', () => {
    const match = matchTexts(['007', '7'], ['7']);
    expect(Array.from(match.previousOf)).toEqual([-1, 0]);
    expect([match.matched, match.added, match.gone]).toEqual([1, 1, 0]);
  });

  it('does not pair a repeated id, and names it, in either file', () => {
    const match = matchTexts(['A', 'A', 'B', 'C'], ['A', 'B', 'B', 'C']);
    // A repeats now, B repeats then: only C is paired; nobody is new or gone.
    expect(Array.from(match.currentStatus)).toEqual([UNCOMPARED, UNCOMPARED, UNCOMPARED, MATCHED]);
    expect(Array.from(match.previousStatus)).toEqual([UNCOMPARED, UNCOMPARED, UNCOMPARED, MATCHED]);
    expect(match.duplicate).toEqual({ current: 2, previous: 2, currentIds: ['A'], previousIds: ['B'] });
    expect(match.ambiguous).toBe(1);
    expect([match.matched, match.added, match.gone]).toEqual([1, 0, 0]);
  });

  it('counts blank ids apart: neither new nor gone', () => {
    const match = matchTexts(['', 'A'], ['A', '', '']);
    expect(match.blank).toEqual({ current: 1, previous: 2 });
    expect([match.matched, match.added, match.gone]).toEqual([1, 0, 0]);
    expect(match.currentStatus[0]).toBe(UNCOMPARED);
  });

  it('accounts for every row of both files exactly once', () => {
    const current = Array.from({ length: 500 }, (_, i) => (i % 37 === 0 ? '' : `id${(i * 7) % 450}`));
    const previous = Array.from({ length: 400 }, (_, i) => (i % 53 === 0 ? '' : `id${(i * 3) % 380}`));
    const match = matchTexts(current, previous);
    const uncomparedNow = match.currentStatus.filter((s) => s === UNCOMPARED).length;
    const uncomparedThen = match.previousStatus.filter((s) => s === UNCOMPARED).length;
    expect(match.matched + match.added + uncomparedNow).toBe(500);
    expect(match.matched + match.gone + uncomparedThen).toBe(400);
  });
});

describe('idColumnOf', () => {
  it('finds the id column by its name, as CRMs name it', () => {
    expect(idColumnOf(['name', 'customer_id', 'revenue'])).toBe(1);
    expect(idColumnOf(['Full Name', 'customerID'])).toBe(1);
    expect(idColumnOf(['Account Name', 'Account ID', 'Owner'])).toBe(1);
    expect(idColumnOf(['First Name', 'Email', 'Lifecycle Stage'])).toBe(1);
    expect(idColumnOf(['Record ID', 'Email'])).toBe(0);
    expect(idColumnOf(['name', 'revenue'])).toBe(0);
  });
});
