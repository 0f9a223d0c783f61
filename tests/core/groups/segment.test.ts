// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gridOrder, groupDescription, GROUP_EXPORT_NAMES, GROUPS, GROUPS_3, groupCode, NO_GROUP, relationshipGroupOf, relationshipGroups } from '../../../src/core/groups/segment';

const code = (group: (typeof GROUPS)[number]) => GROUPS.indexOf(group);

describe('relationshipGroupOf: profitability × loyalty', () => {
  // Splits: revenue 1000, tenure 24 months.
  it.each([
    ['low profit, short tenure', 500, 6, 'strangers'],
    ['high profit, short tenure', 5000, 6, 'butterflies'],
    ['low profit, long tenure', 500, 60, 'barnacles'],
    ['high profit, long tenure', 5000, 60, 'trueFriends'],
    ['exactly at both splits (ties are high)', 1000, 24, 'trueFriends'],
    ['at the profit split only', 1000, 23.9, 'butterflies'],
    ['at the loyalty split only', 999.99, 24, 'barnacles'],
    ['negative profit (a loss-making customer)', -200, 100, 'barnacles'],
  ] as const)('%s → %s', (_label, profit, tenure, group) => {
    expect(relationshipGroupOf(profit, tenure, 1000, 24)).toBe(code(group));
  });

  it.each([
    [NaN, 30],
    [5000, NaN],
    [NaN, NaN],
  ])('a missing value (%d, %d) gives no group', (profit, tenure) => {
    expect(relationshipGroupOf(profit, tenure, 1000, 24)).toBe(NO_GROUP);
  });

  it('group codes match their descriptions and export names', () => {
    expect(groupDescription(2, GROUPS[code('butterflies')])).toBe('High profitability, short-term');
    expect(groupDescription(2, GROUPS[code('barnacles')])).toBe('Low profitability, long-term');
    expect(GROUP_EXPORT_NAMES.trueFriends).toBe('true friends');
  });
});

describe('relationshipGroups', () => {
  it('fills one code per customer', () => {
    const out = new Uint8Array(5);
    relationshipGroups(Float64Array.from([500, 5000, 500, 5000, NaN]), Float64Array.from([6, 6, 60, 60, 60]), 1000, 24, out);
    expect(Array.from(out)).toEqual([code('strangers'), code('butterflies'), code('barnacles'), code('trueFriends'), NO_GROUP]);
  });

  it.each([
    ['profitability unmapped', null, Float64Array.from([1, 2]), 1, 1],
    ['loyalty unmapped', Float64Array.from([1, 2]), null, 1, 1],
    ['no profit split (all missing)', Float64Array.from([1, 2]), Float64Array.from([1, 2]), NaN, 1],
    ['no loyalty split', Float64Array.from([1, 2]), Float64Array.from([1, 2]), 1, NaN],
  ])('%s → everyone has no group', (_label, profit, loyalty, profitSplit, loyaltySplit) => {
    const out = new Uint8Array(2);
    relationshipGroups(profit, loyalty, profitSplit, loyaltySplit, out);
    expect(Array.from(out)).toEqual([NO_GROUP, NO_GROUP]);
  });

  it('property: raising profitability never moves a customer from high to low profit, nor changes loyalty', () => {
    const v = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(v, v, v, v, fc.double({ min: 0, max: 1e6, noNaN: true }), (p, l, ps, ls, bump) => {
        const before = relationshipGroupOf(p, l, ps, ls);
        const after = relationshipGroupOf(p + bump, l, ps, ls);
        expect(after & 2).toBe(before & 2);
        expect(after & 1).toBeGreaterThanOrEqual(before & 1);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('the 3×3 grid', () => {
  // Profit splits 100 and 1000; loyalty splits 12 and 36 months.
  const at = (profit: number, tenure: number) => GROUPS_3[relationshipGroupOf(profit, tenure, [100, 1000], [12, 36])];
  it.each([
    [50, 6, 'strangers'],
    [500, 6, 'occasional'],
    [5000, 6, 'butterflies'],
    [50, 24, 'drifters'],
    [500, 24, 'core'],
    [5000, 24, 'rising'],
    [50, 60, 'barnacles'],
    [500, 60, 'regulars'],
    [5000, 60, 'trueFriends'],
    [100, 12, 'core'],
    [1000, 36, 'trueFriends'],
  ] as const)('profit %d, tenure %d → %s', (profit, tenure, group) => {
    expect(at(profit, tenure)).toBe(group);
  });

  it('the corners keep the classic names and descriptions', () => {
    expect(groupDescription(3, 'trueFriends')).toBe('High profitability, long-term');
    expect(groupDescription(3, 'strangers')).toBe('Low profitability, short-term');
    expect(groupDescription(3, 'core')).toBe('Medium profitability, medium-term');
    expect(groupDescription(3, 'occasional')).toBe('Medium profitability, short-term');
  });

  it('reads high profitability first and long loyalty last, every cell once', () => {
    expect(gridOrder(2)).toEqual(['butterflies', 'trueFriends', 'strangers', 'barnacles']);
    const order = gridOrder(3);
    expect(order.slice(0, 3)).toEqual(['butterflies', 'rising', 'trueFriends']);
    expect(order.slice(6)).toEqual(['strangers', 'drifters', 'barnacles']);
    expect(new Set(order).size).toBe(9);
    expect(GROUP_EXPORT_NAMES.regulars).toBe('steady regulars');
  });

  it('the column fill agrees with the one-customer function, and a missing value or split gives no group', () => {
    const profit = Float64Array.from([50, 500, 5000, NaN, 1000, 99.9]);
    const tenure = Float64Array.from([60, 24, 6, 24, 36, 11.9]);
    const out = new Uint8Array(6);
    relationshipGroups(profit, tenure, [100, 1000], [12, 36], out);
    expect(Array.from(out)).toEqual(Array.from(profit, (p, i) => relationshipGroupOf(p, tenure[i], [100, 1000], [12, 36])));
    expect(out[3]).toBe(NO_GROUP);
    expect(out[5]).toBe(groupCode(3, 'strangers'));
    relationshipGroups(profit, tenure, [100, NaN], [12, 36], out);
    expect(Array.from(out).every((g) => g === NO_GROUP)).toBe(true);
  });

  it('property: a 3×3 code always has levels within the grid, and raising profit never lowers its profit level', () => {
    const v = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(v, v, v, v, v, v, fc.double({ min: 0, max: 1e6, noNaN: true }), (p, l, a, b, c, d, bump) => {
        const ps = [Math.min(a, b), Math.max(a, b)];
        const ls = [Math.min(c, d), Math.max(c, d)];
        const before = relationshipGroupOf(p, l, ps, ls);
        const after = relationshipGroupOf(p + bump, l, ps, ls);
        expect(before).toBeLessThan(9);
        expect(Math.floor(after / 3)).toBe(Math.floor(before / 3));
        expect(after % 3).toBeGreaterThanOrEqual(before % 3);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
