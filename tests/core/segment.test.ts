// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GROUP_DESCRIPTIONS, GROUP_EXPORT_NAMES, GROUPS, NO_GROUP, relationshipGroupOf, relationshipGroups } from '../../src/core/segment';

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
    expect(GROUP_DESCRIPTIONS[GROUPS[code('butterflies')]]).toBe('High profitability, short-term');
    expect(GROUP_DESCRIPTIONS[GROUPS[code('barnacles')]]).toBe('Low profitability, long-term');
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
